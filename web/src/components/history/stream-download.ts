// The page's side of a streamed download through the service worker (web/public/export-download.js), for
// browsers with no save picker. Protocol, over a MessageChannel whose second port goes to the worker:
//   page → worker (postMessage): { type: 'hailuo-export', name, stream? } — the stream transferred where it can be
//   worker → page: { type: 'ready', url }, then { type: 'started' } when the browser fetches that url (once)
//   without a transferred stream, worker → page { type: 'pull' } | { type: 'cancel' },
//   page → worker { type: 'chunk', chunk } | { type: 'end' } | { type: 'error', message }: one chunk per pull.

export const EXPORT_MESSAGE = 'hailuo-export';
/** how long a worker has to take the stream: an older worker without the route never answers */
export const READY_TIMEOUT_MS = 5_000;
/** how long the browser has to fetch the download's address once it is opened */
export const START_TIMEOUT_MS = 30_000;

export type StreamedOutcome = 'done' | 'cancelled';

export class DownloadNotStartedError extends Error {
  override readonly name = 'DownloadNotStartedError';
}

interface Watched {
  readable: ReadableStream<Uint8Array>;
  /** 'done' once the last byte was taken, 'cancelled' when the reader gave up; rejects when the producer fails */
  finished: Promise<StreamedOutcome>;
}

/** A stream that opens `open()` at its first read, passes a cancel on to it, and tells how it ended. */
export function watched(open: () => ReadableStream<Uint8Array>): Watched {
  let source: ReadableStreamDefaultReader<Uint8Array> | undefined;
  let settle!: (outcome: StreamedOutcome) => void;
  let fail!: (error: unknown) => void;
  const finished = new Promise<StreamedOutcome>((resolve, reject) => {
    settle = resolve;
    fail = reject;
  });
  const readable = new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        source ??= open().getReader();
        try {
          const { done, value } = await source.read();
          if (done) {
            controller.close();
            settle('done');
          } else controller.enqueue(value);
        } catch (error) {
          controller.error(error);
          fail(error);
        }
      },
      async cancel(reason) {
        settle('cancelled');
        await source?.cancel(reason);
      },
    },
    { highWaterMark: 0 },
  );
  return { readable, finished };
}

/** Whether this browser can transfer a ReadableStream through postMessage (Safari before 16.4 cannot). */
export function canTransferStreams(): boolean {
  const channel = new MessageChannel();
  try {
    const probe = new ReadableStream();
    channel.port1.postMessage(probe, [probe as unknown as Transferable]);
    return true;
  } catch {
    return false;
  } finally {
    channel.port1.close();
    channel.port2.close();
  }
}

/** Answers the worker's pulls with the stream's chunks, one per pull; a cancel from the worker cancels the stream. */
export function pump(readable: ReadableStream<Uint8Array>, port: MessagePort): (data: { type?: string }) => void {
  const reader = readable.getReader();
  return (data) => {
    if (data.type === 'cancel') {
      void reader.cancel('the download was cancelled').catch(() => undefined);
      return;
    }
    if (data.type !== 'pull') return;
    reader.read().then(
      ({ done, value }) => port.postMessage(done ? { type: 'end' } : { type: 'chunk', chunk: value }),
      (error: unknown) => port.postMessage({ type: 'error', message: error instanceof Error ? error.message : String(error) }),
    );
  };
}

/** Resolves with the first message of `type` on the port, or null after `ms`. */
function nextMessage(messages: EventTarget, type: string, ms: number): Promise<Record<string, unknown> | null> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      messages.removeEventListener('message', listen);
      resolve(null);
    }, ms);
    function listen(event: Event) {
      const data = (event as MessageEvent).data as Record<string, unknown> | null;
      if (data?.type !== type) return;
      clearTimeout(timer);
      messages.removeEventListener('message', listen);
      resolve(data);
    }
    messages.addEventListener('message', listen);
  });
}

/** Opens the download's address in a hidden frame; returns how to remove it. */
export function openInHiddenFrame(url: string): () => void {
  const frame = document.createElement('iframe');
  frame.hidden = true;
  frame.src = url;
  document.body.append(frame);
  return () => frame.remove();
}

export interface WorkerDownloadOptions {
  /** the worker that controls this page (none: null) */
  worker?: ServiceWorker | null;
  /** opens the download's address; returns how to undo that */
  navigate?: (url: string) => () => void;
  /** hand the stream over whole (true) or pump it chunk by chunk (false) */
  transfer?: boolean;
}

/**
 * Has the service worker serve `open()`'s bytes as a download named `filename`. Null when there is no worker to
 * take it (or it never answers): then `open` was not called, and the caller may save another way.
 */
export async function downloadThroughWorker(
  open: () => ReadableStream<Uint8Array>,
  filename: string,
  {
    worker = globalThis.navigator?.serviceWorker?.controller,
    navigate = openInHiddenFrame,
    transfer = canTransferStreams(),
  }: WorkerDownloadOptions = {},
): Promise<StreamedOutcome | null> {
  if (!worker) return null;
  const channel = new MessageChannel();
  const port = channel.port1;
  const { readable, finished } = watched(open);
  finished.catch(() => undefined); // awaited below once the download starts; never an unhandled rejection before
  const answerPull = transfer ? null : pump(readable, port);
  port.addEventListener('message', (event) => answerPull?.((event.data ?? {}) as { type?: string }));
  port.start();
  const ready = nextMessage(port, 'ready', READY_TIMEOUT_MS);
  const message = { type: EXPORT_MESSAGE, name: filename, ...(transfer ? { stream: readable } : {}) };
  worker.postMessage(message, transfer ? [channel.port2, readable as unknown as Transferable] : [channel.port2]);
  const answer = await ready;
  if (typeof answer?.url !== 'string') {
    port.close();
    return null;
  }
  const started = nextMessage(port, 'started', START_TIMEOUT_MS);
  const remove = navigate(answer.url);
  try {
    if (!(await started)) throw new DownloadNotStartedError('The browser did not start the download.');
    return await finished;
  } finally {
    remove(); // the download, once started, belongs to the browser: the frame is no longer needed
  }
}
