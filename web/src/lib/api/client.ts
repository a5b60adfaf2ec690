// The SPA's only door to the worker: headers, timeouts, and one error type (ApiError).
import { isErrorBody, type BaseResp, type VideoRequest } from '$contract';
import type { UpstreamStatus } from '../tasks/types';
import { chargeOf, type NoAnswer } from './charge';
import { ApiError, errorFromAnswer, errorFromResponse, networkError, parseJson, parseRetryAfter } from './errors';
import { createV2Api } from './v2';

export interface ApiSettings {
  /** '' = same origin */
  baseUrl: string;
  accessCode?: string;
  byokKey?: string;
  byokRegion?: 'global' | 'cn';
}

export interface Health {
  status: 'ok';
  mode: 'live' | 'demo' | 'byok';
}

export interface CreateResult {
  task_id: string;
  /** v1 only */
  base_resp?: BaseResp;
}

export interface QueryResult {
  task_id: string;
  status: UpstreamStatus;
  file_id?: string;
  video_width?: number;
  video_height?: number;
  base_resp: BaseResp;
}

export interface VideoStream {
  stream: ReadableStream<Uint8Array>;
  /** from Content-Length; undefined when the server did not say */
  bytes: number | undefined;
}

export const TIMEOUTS = { health: 10_000, query: 20_000, create: 60_000, videoHeaders: 60_000, videoIdle: 30_000 } as const;

export type ApiClient = ReturnType<typeof createApiClient>;

export function createApiClient(settings: () => ApiSettings, fetchImpl: typeof fetch = (...args) => fetch(...args)) {
  function url(path: string): string {
    return settings().baseUrl.replace(/\/+$/, '') + path;
  }

  function headers(json: boolean): Headers {
    const s = settings();
    const h = new Headers({ Accept: json ? 'application/json' : 'video/mp4, */*' });
    if (s.accessCode) h.set('Authorization', `Bearer ${s.accessCode}`);
    if (s.byokKey) {
      h.set('X-MiniMax-Key', s.byokKey);
      h.set('X-MiniMax-Region', s.byokRegion ?? 'global');
    }
    return h;
  }

  /** The answer, whatever its status; an ApiError (charge 'maybe') when none came. */
  async function answer(path: string, init: RequestInit, timeoutMs?: number): Promise<Response> {
    const signal = init.signal ?? (timeoutMs === undefined ? undefined : AbortSignal.timeout(timeoutMs));
    try {
      return await fetchImpl(url(path), { ...init, ...(signal ? { signal } : {}) });
    } catch (error) {
      throw networkError(error, noAnswer(error, signal));
    }
  }

  async function send(path: string, init: RequestInit, timeoutMs?: number): Promise<Response> {
    const response = await answer(path, init, timeoutMs);
    if (!response.ok) throw await errorFromResponse(response);
    return response;
  }

  async function textOf(response: Response): Promise<string> {
    try {
      return await response.text();
    } catch (error) {
      throw networkError(error, noAnswer(error, undefined));
    }
  }

  function isRefusal(body: unknown): boolean {
    const code = (body as { base_resp?: { status_code?: unknown } } | null)?.base_resp?.status_code;
    return (typeof code === 'number' && code !== 0) || isErrorBody(body);
  }

  async function json<T>(path: string, init: RequestInit, timeoutMs: number, isShape: (v: unknown) => v is T): Promise<T> {
    const response = await send(path, init, timeoutMs);
    const body = parseJson(await textOf(response));
    // MiniMax's way, which the worker follows on v1: a refusal can come at HTTP 200 with a non-zero base_resp (and
    // our error beside it). A failed task's query answer is a result, not a refusal: it passes isShape.
    if (!isShape(body) && isRefusal(body)) throw errorFromAnswer(response.status, body, parseRetryAfter(response.headers.get('Retry-After')));
    if (!isShape(body)) {
      throw new ApiError({
        status: response.status,
        code: 'upstream_unreadable',
        message: 'The server gave an unreadable answer.',
        charge: 'maybe',
      });
    }
    return body;
  }

  /** No overall timeout (a big file takes as long as it takes), but headers must come and bytes keep coming. */
  async function videoAt(path: string): Promise<VideoStream> {
    const abort = new AbortController();
    const headersTimer = setTimeout(() => abort.abort(new DOMException('no answer', 'TimeoutError')), TIMEOUTS.videoHeaders);
    let response: Response;
    try {
      response = await send(path, { headers: headers(false), signal: abort.signal });
    } finally {
      clearTimeout(headersTimer);
    }
    if (!response.body) throw networkError(new Error('empty body'), 'network');
    const length = response.headers.get('Content-Length');
    return {
      stream: failWhenStalled(response.body, TIMEOUTS.videoIdle, abort),
      bytes: length && /^\d+$/.test(length) ? Number(length) : undefined,
    };
  }

  return {
    health(): Promise<Health> {
      return json('/api/health', { headers: headers(true) }, TIMEOUTS.health, isHealth);
    },

    /**
     * Resolves only when the create cost money (chargeOf); any other answer is an ApiError saying if it may have.
     * With `idempotencyKey`, sending it again returns the first answer instead of a second paid task.
     */
    async createTask(body: VideoRequest, idempotencyKey?: string): Promise<CreateResult> {
      const h = headers(true);
      h.set('Content-Type', 'application/json');
      if (idempotencyKey !== undefined) h.set('Idempotency-Key', idempotencyKey);
      const response = await answer('/api/v1/video_generation', { method: 'POST', headers: h, body: JSON.stringify(body) }, TIMEOUTS.create);
      const parsed = parseJson(await textOf(response));
      if (chargeOf({ status: response.status, body: parsed }) === 'charged') return parsed as CreateResult;
      throw errorFromAnswer(response.status, parsed, parseRetryAfter(response.headers.get('Retry-After')));
    },

    queryTask(taskId: string): Promise<QueryResult> {
      const path = `/api/v1/query/video_generation?task_id=${encodeURIComponent(taskId)}`;
      return json(path, { headers: headers(true) }, TIMEOUTS.query, isQueryResult);
    },

    videoStream(fileId: string): Promise<VideoStream> {
      return videoAt(`/api/v1/files/content?file_id=${encodeURIComponent(fileId)}`);
    },

    v2: createV2Api({ json, headers, videoAt, link: (path) => new URL(url(path), globalThis.location?.href ?? 'http://localhost/').toString() }),
  };
}

/** Errors the stream (and aborts the request) when no bytes arrive for `idleMs`. */
function failWhenStalled(body: ReadableStream<Uint8Array>, idleMs: number, abort: AbortController): ReadableStream<Uint8Array> {
  const reader = body.getReader();
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      let timer: ReturnType<typeof setTimeout> | undefined;
      const stalled = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new DOMException('The download stalled.', 'TimeoutError')), idleMs);
      });
      try {
        const { done, value } = await Promise.race([reader.read(), stalled]);
        if (done) controller.close();
        else controller.enqueue(value);
      } catch (error) {
        abort.abort(error);
        void reader.cancel(error).catch(() => undefined);
        controller.error(error);
      } finally {
        clearTimeout(timer);
      }
    },
    cancel(reason) {
      abort.abort(reason);
      return reader.cancel(reason);
    },
  });
}

function isHealth(v: unknown): v is Health {
  const h = v as Health | null;
  return h?.status === 'ok' && ['live', 'demo', 'byok'].includes(h.mode);
}

const STATUSES: readonly string[] = ['Preparing', 'Queueing', 'Processing', 'Success', 'Fail'];

function isQueryResult(v: unknown): v is QueryResult {
  const r = v as QueryResult | null;
  return typeof r?.status === 'string' && STATUSES.includes(r.status);
}

function noAnswer(error: unknown, signal: AbortSignal | undefined): NoAnswer {
  const name = (error as { name?: string } | null)?.name;
  if (name === 'TimeoutError' || (signal?.reason as { name?: string } | undefined)?.name === 'TimeoutError') return 'timeout';
  return name === 'AbortError' || signal?.aborted ? 'abort' : 'network';
}
