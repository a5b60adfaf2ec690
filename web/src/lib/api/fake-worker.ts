// A stand-in for the worker's HTTP API (tests only): speaks the same paths and shapes, records every call,
// and lets a test script failures. Tasks finish after `durationMs` of the injected clock.

export interface FakeCall {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: Headers;
  body?: unknown;
  at: number;
}

export interface FakeTask {
  taskId: string;
  createdAt: number;
  durationMs: number;
  outcome: 'Success' | 'Fail';
  fileId: string;
  video: Uint8Array;
  failCode?: number;
  failMsg?: string;
}

/**
 * A scripted answer for the next call of a route: a Response, a thrown error, a pending answer, one that never
 * comes, or (`lost`, creates only) a task made whose answer never comes back.
 */
export type Scripted = Response | Error | 'hang' | 'lost' | Promise<Response>;

type Route = 'create' | 'query' | 'content' | 'health';

export function jsonResponse(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json', ...headers } });
}

export function errorResponse(status: number, code: string, message = code, extra: Record<string, unknown> = {}, headers = {}): Response {
  return jsonResponse({ error: { code, message, ...extra } }, status, headers);
}

export class FakeWorker {
  readonly calls: FakeCall[] = [];
  readonly tasks = new Map<string, FakeTask>();
  readonly scripts: Record<Route, Scripted[]> = { create: [], query: [], content: [], health: [] };
  mode: 'live' | 'demo' | 'byok' = 'demo';
  durationMs = 180_000;
  videoBytes = 1000;
  nextOutcome: 'Success' | 'Fail' = 'Success';
  /** content answers send only this many bytes (still announcing the full Content-Length) */
  truncateVideoTo: number | null = null;
  #seq = 100_000_000_000_000;
  /** Idempotency-Key → the create it made and its body, as the worker's ledger keeps them */
  readonly #keys = new Map<string, { body: string; answer: string }>();

  constructor(private readonly now: () => number) {}

  callsTo(route: Route): FakeCall[] {
    const paths: Record<Route, string> = {
      create: '/api/v1/video_generation',
      query: '/api/v1/query/video_generation',
      content: '/api/v1/files/content',
      health: '/api/health',
    };
    return this.calls.filter((c) => c.path === paths[route]);
  }

  script(route: Route, ...answers: Scripted[]): void {
    this.scripts[route].push(...answers);
  }

  readonly fetch: typeof fetch = async (input, init) => {
    const url = new URL(String(input), 'http://studio.test');
    const method = init?.method ?? 'GET';
    const body = typeof init?.body === 'string' ? JSON.parse(init.body) : undefined;
    this.calls.push({ method, path: url.pathname, query: url.searchParams, headers: new Headers(init?.headers), body, at: this.now() });
    const route = this.#route(url.pathname);
    const key = route === 'create' ? new Headers(init?.headers).get('Idempotency-Key') : null;
    const known = key === null ? undefined : this.#keys.get(key);
    if (known && known.body !== init?.body) return errorResponse(422, 'idempotency_mismatch', 'This Idempotency-Key was already used for a different request.');
    if (known) return new Response(known.answer, { status: 200, headers: { 'Content-Type': 'application/json', 'Idempotent-Replayed': 'true' } });
    const scripted = route && this.scripts[route].shift();
    if (scripted === 'hang') return new Promise<Response>(() => undefined);
    if (scripted === 'lost') {
      this.#create(key, init?.body);
      return new Promise<Response>(() => undefined);
    }
    if (scripted instanceof Error) throw scripted;
    if (scripted) return scripted;
    switch (route) {
      case 'health':
        return jsonResponse({ status: 'ok', mode: this.mode });
      case 'create':
        return this.#create(key, init?.body);
      case 'query':
        return this.#query(url.searchParams.get('task_id') ?? '');
      case 'content':
        return this.#content(url.searchParams.get('file_id') ?? '');
      default:
        return errorResponse(404, 'not_found');
    }
  };

  #route(path: string): Route | null {
    if (path === '/api/health') return 'health';
    if (path === '/api/v1/video_generation') return 'create';
    if (path === '/api/v1/query/video_generation') return 'query';
    if (path === '/api/v1/files/content') return 'content';
    return null;
  }

  #create(key: string | null, body: unknown): Response {
    const taskId = String(++this.#seq);
    const video = new Uint8Array(this.videoBytes).map((_, i) => (i * 31 + Number(taskId.slice(-3))) & 255);
    this.tasks.set(taskId, {
      taskId,
      createdAt: this.now(),
      durationMs: this.durationMs,
      outcome: this.nextOutcome,
      fileId: String(Number(taskId) + 1),
      video,
      ...(this.nextOutcome === 'Fail' ? { failCode: 1027, failMsg: 'output new_sensitive' } : {}),
    });
    const answer = { task_id: taskId, base_resp: { status_code: 0, status_msg: 'success' } };
    if (key !== null) this.#keys.set(key, { body: String(body), answer: JSON.stringify(answer) });
    return jsonResponse(answer);
  }

  #query(taskId: string): Response {
    const task = this.tasks.get(taskId);
    if (!task) return errorResponse(404, 'not_found', 'No such task');
    const elapsed = this.now() - task.createdAt;
    const ok = { status_code: 0, status_msg: 'success' };
    if (elapsed < task.durationMs) {
      const status = elapsed < 5_000 ? 'Preparing' : elapsed < 20_000 ? 'Queueing' : 'Processing';
      return jsonResponse({ task_id: taskId, status, base_resp: ok });
    }
    if (task.outcome === 'Fail') {
      return jsonResponse({ task_id: taskId, status: 'Fail', base_resp: { status_code: task.failCode, status_msg: task.failMsg } });
    }
    return jsonResponse({ task_id: taskId, status: 'Success', file_id: task.fileId, video_width: 1366, video_height: 768, base_resp: ok });
  }

  #content(fileId: string): Response {
    const task = [...this.tasks.values()].find((t) => t.fileId === fileId);
    if (!task) return errorResponse(404, 'not_found');
    const sent = this.truncateVideoTo === null ? task.video : task.video.subarray(0, this.truncateVideoTo);
    return new Response(new Blob([sent as BlobPart]).stream(), {
      status: 200,
      headers: { 'Content-Type': 'video/mp4', 'Content-Length': String(task.video.length) },
    });
  }
}
