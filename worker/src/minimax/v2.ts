// MiniMax's v2 API (MiniMax-H3 family): real HTTP statuses and `{"type":"error","error":{type,message,http_code}}`
// errors instead of v1's base_resp. Relays MiniMax's own error (key blanked), never an HTML page.
import { failureForStatusCode } from '../contract';
import { ApiError } from '../http/errors';
import { fetchMiniMax, type Upstream, type UpstreamCall } from './upstream';

export type V2Answer = Record<string, unknown>;

interface V2Envelope {
  type: 'error';
  error: { type: string; message: string; http_code?: string };
}

/** Calls a v2 path; answers the JSON object of a 2xx, else throws an ApiError that keeps MiniMax's error. */
export async function callMiniMaxV2(upstream: Upstream, path: string, init: UpstreamCall): Promise<V2Answer> {
  const { response, text } = await fetchMiniMax(upstream, path, init);
  const value = parseV2(text);
  if (response.ok) {
    if (!value || isEnvelope(value)) throw unreadable(response.status);
    return value;
  }
  if (value && isEnvelope(value)) throw v2Failure(response, value);
  if (response.status === 408 || response.status === 504) {
    throw new ApiError(504, 'upstream_timeout', 'MiniMax timed out on this request. Try again in a moment.');
  }
  throw unreadable(response.status);
}

function unreadable(status: number): ApiError {
  return new ApiError(502, 'upstream_unreadable', `MiniMax sent an answer that could not be read (HTTP ${status}). Try again in a moment.`);
}

function v2Failure(response: Response, envelope: V2Envelope): ApiError {
  return v2Error(response.status, envelope.error, Number(response.headers.get('Retry-After')) || undefined);
}

/**
 * A v2 error as MiniMax sent it (status, type, message), with our code and sentence from the `(NNNN)` that ends
 * the message. Also how the worker answers for MiniMax where the answer is certain (another caller's task id).
 */
export function v2Error(httpStatus: number, error: { type: string; message: string }, retryAfterSeconds?: number): ApiError {
  const { type, message } = error;
  const code = Number(/\((\d{3,5})\)\s*$/.exec(message)?.[1] ?? NaN);
  const mapped = Number.isFinite(code) ? failureForStatusCode(code) : undefined;
  const retryAfter = retryAfterSeconds ?? mapped?.retryAfter;
  const status = httpStatus >= 400 && httpStatus <= 599 ? httpStatus : 502;
  const detail = /invalid task_id/.test(message)
    ? 'MiniMax has no task with this id in the last 7 days.'
    : mapped && code !== 2013
      ? mapped.message
      : `MiniMax refused the request: ${message}`;
  return new ApiError(status, mapped?.code ?? (status >= 500 ? 'upstream_error' : 'invalid_params'), detail, {
    upstreamV2: { type, message },
    ...(Number.isFinite(code) ? { baseResp: { status_code: code, status_msg: message } } : {}),
    ...(retryAfter ? { retryAfter } : {}),
  });
}

function isEnvelope(value: V2Answer): value is V2Answer & V2Envelope {
  const error = value.error as V2Envelope['error'] | undefined;
  return value.type === 'error' && typeof error === 'object' && error !== null && typeof error.message === 'string' && typeof error.type === 'string';
}

/** Parses a v2 answer, keeping any numeric `id`/`task_id` as its exact digit string (ids are int64). */
export function parseV2(text: string): V2Answer | null {
  const quoted = text.replace(/("(?:id|task_id)"\s*:\s*)(-?\d+)(?=\s*[,}\]])/g, '$1"$2"');
  try {
    const value: unknown = JSON.parse(quoted);
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as V2Answer) : null;
  } catch {
    return null;
  }
}
