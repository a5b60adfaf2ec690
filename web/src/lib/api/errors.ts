// One error type for every way a call to the worker can go wrong, with what it means for the money.
import { failureForStatusCode, isErrorBody, type ErrorBody } from '$contract';

/**
 * Whether a create may have reached MiniMax (and so may be charged):
 * 'no' = refused before MiniMax; 'yes' = MiniMax answered (a refusal, nothing made); 'maybe' = no answer came.
 */
export type ReachedUpstream = 'no' | 'yes' | 'maybe';

export interface ApiErrorInit {
  status: number;
  code: string;
  message: string;
  field?: string;
  rule?: string;
  retryAfter?: number;
  reachedUpstream: ReachedUpstream;
  baseResp?: ErrorBody['base_resp'];
}

export class ApiError extends Error {
  override readonly name = 'ApiError';
  readonly status: number;
  readonly code: string;
  readonly field?: string;
  readonly rule?: string;
  /** seconds, from Retry-After */
  readonly retryAfter?: number;
  readonly reachedUpstream: ReachedUpstream;
  readonly baseResp?: ErrorBody['base_resp'];

  constructor(init: ApiErrorInit, options?: { cause?: unknown }) {
    super(init.message, options);
    this.status = init.status;
    this.code = init.code;
    this.reachedUpstream = init.reachedUpstream;
    if (init.field !== undefined) this.field = init.field;
    if (init.rule !== undefined) this.rule = init.rule;
    if (init.retryAfter !== undefined) this.retryAfter = init.retryAfter;
    if (init.baseResp !== undefined) this.baseResp = init.baseResp;
  }

  /** No answer at all: offline, DNS, reset, or our own timeout. */
  get isNetwork(): boolean {
    return this.status === 0;
  }
}

/** Statuses the worker gives before it calls MiniMax. */
const REFUSED_LOCALLY = new Set([400, 401, 403, 404, 405, 413, 415]);
/** The worker's own refusals, which it answers at HTTP 200 in MiniMax's shape (base_resp) like MiniMax's. */
const LOCAL_CODES = new Set(['invalid_request', 'unauthorized', 'forbidden', 'no_key', 'unsupported_media_type', 'payload_too_large']);

/**
 * HTTP 200 with a refusal: the worker or MiniMax answered, nothing was made. Another status: a 5xx with no
 * answer from MiniMax leaves it unknown.
 */
export function reachedUpstreamFor(status: number, code: string, hasBaseResp: boolean): ReachedUpstream {
  if (LOCAL_CODES.has(code) || REFUSED_LOCALLY.has(status)) return 'no';
  if (status === 200) return 'yes';
  if (status >= 500) return hasBaseResp && code !== 'upstream_timeout' ? 'yes' : 'maybe';
  return 'yes';
}

/** A refusal in MiniMax's shape: a non-zero `base_resp` (read first), with the worker's `error` beside it. */
export function refusalIn(body: unknown): body is { base_resp: { status_code: number; status_msg?: string }; error?: ErrorBody['error'] } {
  const code = (body as { base_resp?: { status_code?: unknown } } | null)?.base_resp?.status_code;
  return typeof code === 'number' && code !== 0;
}

/** Retry-After as seconds: delta-seconds or an HTTP date (RFC 9110 §10.2.3). */
export function parseRetryAfter(value: string | null, now = Date.now()): number | undefined {
  if (!value) return undefined;
  if (/^\d+$/.test(value.trim())) return Number(value.trim());
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, Math.ceil((date - now) / 1000));
}

export async function errorFromResponse(response: Response): Promise<ApiError> {
  const text = await response.text().catch(() => '');
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    body = undefined;
  }
  return errorFromBody(response, body);
}

/** The error a worker answer carries: `base_resp` first (MiniMax's code), then our `error`, then the HTTP status. */
export function errorFromBody(response: Response, body: unknown): ApiError {
  const retryAfter = parseRetryAfter(response.headers.get('Retry-After'));
  if (refusalIn(body) && !isErrorBody(body)) {
    const { code, message } = failureForStatusCode(body.base_resp.status_code);
    return new ApiError({
      status: response.status,
      code,
      message,
      reachedUpstream: reachedUpstreamFor(response.status, code, true),
      baseResp: body.base_resp,
      ...(retryAfter !== undefined ? { retryAfter } : {}),
    });
  }
  if (!isErrorBody(body)) {
    return new ApiError({
      status: response.status,
      code: 'upstream_unreadable',
      message: `The server gave an unreadable answer (HTTP ${response.status}).`,
      reachedUpstream: 'maybe',
      ...(retryAfter !== undefined ? { retryAfter } : {}),
    });
  }
  const { code, message, field, rule } = body.error;
  return new ApiError({
    status: response.status,
    code,
    message,
    reachedUpstream: reachedUpstreamFor(response.status, code, !!body.base_resp),
    ...(field !== undefined ? { field } : {}),
    ...(rule !== undefined ? { rule } : {}),
    ...(retryAfter !== undefined ? { retryAfter } : {}),
    ...(body.base_resp ? { baseResp: body.base_resp } : {}),
  });
}

export function networkError(cause: unknown, timedOut: boolean): ApiError {
  return new ApiError(
    {
      status: 0,
      code: timedOut ? 'client_timeout' : 'network_error',
      message: timedOut ? 'The server did not answer in time.' : 'The server could not be reached.',
      reachedUpstream: 'maybe',
    },
    { cause },
  );
}
