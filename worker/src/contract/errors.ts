// The worker's error shape and how MiniMax's `base_resp.status_code` maps onto it (README "The API";
// contract/README.md). The SPA shows `message` (or its own translation of `code`) next to `field`.

export type ErrorCode =
  | 'invalid_request'
  | 'unauthorized'
  | 'forbidden'
  | 'not_found'
  | 'method_not_allowed'
  | 'payload_too_large'
  | 'unsupported_media_type'
  | 'range_not_satisfiable'
  | 'link_expired'
  | 'rate_limited'
  | 'quota_exhausted'
  | 'insufficient_balance'
  | 'sensitive_input'
  | 'sensitive_output'
  | 'invalid_params'
  | 'key_rejected'
  | 'account_unverified'
  | 'model_unavailable'
  | 'task_failed'
  | 'upstream_error'
  | 'upstream_unreadable'
  | 'upstream_timeout'
  | 'no_key'
  | 'idempotency_mismatch'
  | 'idempotency_busy'
  | 'internal_error';

export interface BaseResp {
  status_code: number;
  status_msg?: string;
}

export interface ErrorBody {
  error: { code: ErrorCode; message: string; field?: string; rule?: string; request_id?: string };
  base_resp?: BaseResp;
}

export interface UpstreamFailure {
  status: number;
  code: ErrorCode;
  message: string;
  retryAfter?: number;
}

const KEY_REGION = 'Check the key and that its region matches the host: global keys use api.minimax.io, China keys api.minimaxi.com.';

/** MiniMax status codes (§5) → our HTTP status, code and sentence. */
const BY_STATUS_CODE: Record<number, UpstreamFailure> = {
  1000: { status: 502, code: 'upstream_error', message: 'MiniMax had an unknown error. Try again in a moment.' },
  1001: { status: 504, code: 'upstream_timeout', message: 'MiniMax timed out on this request. Try again in a moment.' },
  1002: { status: 429, code: 'rate_limited', message: 'MiniMax’s per-minute limit was reached. Wait a minute and try again.', retryAfter: 60 },
  1004: { status: 502, code: 'key_rejected', message: `MiniMax refused the server’s API key. ${KEY_REGION}` },
  1008: { status: 402, code: 'insufficient_balance', message: 'The MiniMax account has insufficient balance. Top it up, then try again.' },
  1024: { status: 502, code: 'upstream_error', message: 'MiniMax had an internal error. Try again in a moment.' },
  1026: { status: 422, code: 'sensitive_input', message: 'MiniMax flagged the prompt or image as sensitive. Change it and try again.' },
  1027: { status: 422, code: 'sensitive_output', message: 'MiniMax flagged the generated video as sensitive. Change the prompt and try again.' },
  1028: { status: 429, code: 'quota_exhausted', message: 'The MiniMax plan’s quota is used up for now.', retryAfter: 3600 },
  1030: { status: 429, code: 'quota_exhausted', message: 'The MiniMax plan’s quota is used up for now.', retryAfter: 3600 },
  1033: { status: 502, code: 'upstream_error', message: 'MiniMax had a system error. Try again in a moment.' },
  1039: { status: 429, code: 'rate_limited', message: 'MiniMax’s token limit was reached. Wait a minute and try again.', retryAfter: 60 },
  1041: { status: 429, code: 'rate_limited', message: 'MiniMax’s connection limit was reached. Try again shortly.', retryAfter: 30 },
  1042: { status: 422, code: 'invalid_params', message: 'The prompt has too many invisible or illegal characters. Clean it and try again.' },
  2013: { status: 422, code: 'invalid_params', message: 'MiniMax rejected the request’s parameters.' },
  2038: { status: 403, code: 'account_unverified', message: 'The MiniMax account needs real-name verification before it can generate.' },
  2045: { status: 429, code: 'rate_limited', message: 'MiniMax saw requests grow too fast. Slow down and try again shortly.', retryAfter: 60 },
  2049: { status: 502, code: 'key_rejected', message: `MiniMax says the API key is invalid. ${KEY_REGION}` },
  2056: { status: 429, code: 'quota_exhausted', message: 'The MiniMax usage limit is reached; it resets in the next 5-hour window.', retryAfter: 3600 },
  2061: { status: 403, code: 'model_unavailable', message: 'This model is not available on the MiniMax plan of this key.' },
};

export function failureForStatusCode(statusCode: number): UpstreamFailure {
  return (
    BY_STATUS_CODE[statusCode] ?? {
      status: 502,
      code: 'upstream_error',
      message: `MiniMax refused the request (code ${statusCode}).`,
    }
  );
}

/** Every code MiniMax documents that we map specially; the tests walk this list. */
export const MAPPED_STATUS_CODES = Object.keys(BY_STATUS_CODE).map(Number);

export function isErrorBody(value: unknown): value is ErrorBody {
  const error = (value as ErrorBody | null)?.error;
  return typeof error === 'object' && error !== null && typeof error.code === 'string' && typeof error.message === 'string';
}
