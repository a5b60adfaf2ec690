// v2 error bodies (shared/minimax-v2.md §4.3): a real HTTP status and
// {"type":"error","error":{"type","message","http_code":"<string>"},"request_id"}, the code in the message's tail.

export interface V2ErrorKind {
  status: number;
  type: string;
}

const BY_CODE: Record<number, V2ErrorKind & { message: string }> = {
  1000: { status: 500, type: 'server_error', message: 'internal error' },
  1001: { status: 500, type: 'server_error', message: 'request timeout, please try again later' },
  1002: { status: 429, type: 'rate_limit_error', message: 'rate limit, please retry later' },
  1004: { status: 401, type: 'authorized_error', message: "login fail: Please carry the API secret key in the 'Authorization' field of the request header" },
  1008: { status: 402, type: 'insufficient_balance_error', message: 'insufficient balance' },
  1024: { status: 500, type: 'server_error', message: 'internal error' },
  1026: { status: 422, type: 'unprocessable_entity_error', message: 'video description contains sensitive content' },
  1027: { status: 422, type: 'unprocessable_entity_error', message: 'generated video contains sensitive content' },
  1033: { status: 500, type: 'server_error', message: 'system error' },
  1039: { status: 429, type: 'rate_limit_error', message: 'token limit exceeded' },
  1041: { status: 429, type: 'rate_limit_error', message: 'connection limit exceeded' },
  2013: { status: 400, type: 'bad_request_error', message: 'invalid params' },
  // HTTP 401 for an unknown key is our reading; only the code 2049 is listed ([E]).
  2049: { status: 401, type: 'authorized_error', message: 'invalid api key' },
  2056: { status: 429, type: 'rate_limit_error', message: 'usage limit exceeded' },
};

const UNKNOWN: V2ErrorKind & { message: string } = { status: 500, type: 'server_error', message: 'internal error' };

/** The HTTP status and error.type MiniMax v2 answers with for an internal code. */
export function v2Kind(code: number): V2ErrorKind {
  const { status, type } = BY_CODE[code] ?? UNKNOWN;
  return { status, type };
}

/** The task-failure / error message for a code, without the " (NNNN)" tail. */
export function v2Message(code: number): string {
  return (BY_CODE[code] ?? UNKNOWN).message;
}

export function v2Error(code: number, message = v2Message(code), kind: V2ErrorKind = v2Kind(code)): Response {
  const body = {
    type: 'error',
    error: { type: kind.type, message: `${message} (${code})`, http_code: String(kind.status) },
    request_id: requestId(),
  };
  return new Response(JSON.stringify(body), {
    status: kind.status,
    headers: { 'content-type': 'application/json; charset=utf-8', 'trace-id': requestId() },
  });
}

/** 400 `<what> (2013)`; `what` already carries its "invalid params, " prefix where MiniMax's does. */
export function v2Invalid(what: string): Response {
  return v2Error(2013, what);
}

export const INVALID_TASK_ID = 'invalid params, invalid task_id';

export function v2Json(body: unknown, status = 200): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json; charset=utf-8', 'trace-id': requestId() },
  });
}

function requestId(): string {
  return '0217' + [...crypto.getRandomValues(new Uint8Array(14))].map((b) => b.toString(16).padStart(2, '0')).join('');
}
