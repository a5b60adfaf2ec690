// The one module that talks to MiniMax: base URL, Bearer auth, timeouts, the base_resp check, error mapping.
// Routes stay thin; nothing else builds an upstream request.
import { failureForStatusCode, type BaseResp } from '../contract';
import { ApiError } from '../http/errors';

export interface Upstream {
  /** origin, e.g. https://api.minimax.io */
  base: string;
  key: string;
  fetch: typeof fetch;
  /** per call; creates get `createTimeoutMs` (they carry images and MiniMax may take longer to accept) */
  timeoutMs: number;
  createTimeoutMs: number;
}

export interface MiniMaxAnswer {
  base_resp: BaseResp;
  [field: string]: unknown;
}

const UNREADABLE = 'MiniMax sent an answer that could not be read. Try again in a moment.';

export interface UpstreamCall {
  method: 'GET' | 'POST' | 'DELETE';
  body?: string;
  signal?: AbortSignal;
  timeoutMs?: number;
}

/** One request to MiniMax with the key and a deadline; answers the status and the body text with the key blanked. */
export async function fetchMiniMax(upstream: Upstream, path: string, init: UpstreamCall): Promise<{ response: Response; text: string }> {
  const timeoutMs = init.timeoutMs ?? upstream.timeoutMs;
  const timeout = AbortSignal.timeout(timeoutMs);
  const signal = init.signal ? AbortSignal.any([init.signal, timeout]) : timeout;
  const headers: Record<string, string> = { Authorization: `Bearer ${upstream.key}`, Accept: 'application/json' };
  if (init.body !== undefined) headers['Content-Type'] = 'application/json';
  try {
    const response = await upstream.fetch(`${upstream.base}${path}`, { method: init.method, headers, body: init.body, signal });
    // An upstream that echoes the key back (in status_msg, say) must not hand it to the browser through us.
    return { response, text: redact(await response.text(), upstream.key) };
  } catch {
    if (timeout.aborted) {
      throw new ApiError(504, 'upstream_timeout', `MiniMax did not answer within ${timeoutMs / 1000} s. Try again in a moment.`);
    }
    throw new ApiError(502, 'upstream_error', 'MiniMax could not be reached. Check the connection and try again.');
  }
}

/** Calls `{base}{path}` with the key; answers the parsed JSON or throws an ApiError carrying the mapped failure. */
export async function callMiniMax(
  upstream: Upstream,
  path: string,
  init: UpstreamCall & { accept?: (a: MiniMaxAnswer) => boolean },
): Promise<MiniMaxAnswer> {
  const { response, text } = await fetchMiniMax(upstream, path, init);
  const answer = parseAnswer(text);
  if (answer && answer.base_resp.status_code !== 0 && !init.accept?.(answer)) throw failure(answer.base_resp);
  if (!response.ok) throw httpFailure(response, answer);
  if (!answer) throw new ApiError(502, 'upstream_unreadable', UNREADABLE);
  return answer;
}

/** The text with every occurrence of the key blanked (short stand-ins like demo mode's `demo` are left alone). */
function redact(text: string, key: string): string {
  return key.length >= 8 ? text.split(key).join('[redacted]') : text;
}

export function failure(baseResp: BaseResp): ApiError {
  const mapped = failureForStatusCode(baseResp.status_code);
  return new ApiError(mapped.status, mapped.code, mapped.message, {
    baseResp: { status_code: baseResp.status_code, status_msg: String(baseResp.status_msg ?? '') },
    ...(mapped.retryAfter ? { retryAfter: mapped.retryAfter } : {}),
  });
}

function httpFailure(response: Response, answer: MiniMaxAnswer | null): ApiError {
  const baseResp = answer?.base_resp;
  if (response.status === 401 || response.status === 403) return failure({ status_code: 1004, status_msg: baseResp?.status_msg });
  if (response.status === 429) {
    const retryAfter = Number(response.headers.get('Retry-After')) || 60;
    return new ApiError(429, 'rate_limited', 'MiniMax is rate limiting requests. Wait a minute and try again.', { retryAfter, gateway: true });
  }
  if (response.status === 408 || response.status === 504) {
    return new ApiError(504, 'upstream_timeout', 'MiniMax timed out on this request. Try again in a moment.');
  }
  if (!answer) return new ApiError(502, 'upstream_unreadable', `${UNREADABLE} (HTTP ${response.status})`);
  return new ApiError(502, 'upstream_error', `MiniMax answered HTTP ${response.status}. Try again in a moment.`);
}

/**
 * Parses MiniMax JSON keeping every `file_id`/`task_id` number as its exact digit string: they are int64 and
 * a JSON number above 2^53 would silently change in JavaScript.
 */
export function parseAnswer(text: string): MiniMaxAnswer | null {
  const quoted = text.replace(/("(?:file_id|task_id)"\s*:\s*)(-?\d+)(?=\s*[,}])/g, '$1"$2"');
  let value: unknown;
  try {
    value = JSON.parse(quoted);
  } catch {
    return null;
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return null;
  const baseResp = (value as { base_resp?: unknown }).base_resp as BaseResp | undefined;
  if (typeof baseResp !== 'object' || baseResp === null || typeof baseResp.status_code !== 'number') return null;
  return value as MiniMaxAnswer;
}
