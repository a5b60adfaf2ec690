// For tests: runs a plain service-worker script (web/public/*.js) against a stand-in for its global scope, and
// delivers events to the listeners it added, in the order it added them.
export interface WorkerScope {
  /** runs the listeners of `type`; true when one of them stopped the rest (stopImmediatePropagation) */
  dispatch(type: string, event: object): boolean;
  /** adds a listener after the script's own, as code loaded after it would */
  listen(type: string, listener: (event: unknown) => void): void;
}

export function runWorkerScript(source: string, scope: string): WorkerScope {
  const listeners: { type: string; listener: (event: unknown) => void }[] = [];
  const listen = (type: string, listener: (event: unknown) => void) => void listeners.push({ type, listener });
  const self = { registration: { scope }, addEventListener: listen };
  new Function('self', source)(self);
  return {
    listen,
    dispatch(type, event) {
      let stopped = false;
      const stoppable = Object.assign(event, { stopImmediatePropagation: () => void (stopped = true) });
      for (const entry of listeners) if (entry.type === type && !stopped) entry.listener(stoppable);
      return stopped;
    },
  };
}

export interface FetchOutcome {
  response: Response | undefined;
  /** the promises handed to event.waitUntil */
  extended: Promise<unknown>[];
  /** whether the listener kept the event from the ones added after it (workbox's routes) */
  stopped: boolean;
}

/** A fetch event for `url`: a navigation (the download frame) unless told otherwise. */
export async function fetchThrough(
  worker: WorkerScope,
  url: string,
  request: { method?: string; mode?: string } = {},
): Promise<FetchOutcome> {
  let answer: Promise<Response> | Response | undefined;
  const extended: Promise<unknown>[] = [];
  const stopped = worker.dispatch('fetch', {
    request: { url, method: request.method ?? 'GET', mode: request.mode ?? 'navigate' },
    respondWith: (response: Promise<Response> | Response) => {
      if (answer) throw new Error('respondWith called twice');
      answer = response;
    },
    waitUntil: (promise: Promise<unknown>) => extended.push(promise),
  });
  return { response: answer ? await answer : undefined, extended, stopped };
}
