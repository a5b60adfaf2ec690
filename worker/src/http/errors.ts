// One error type and one JSON shape for every non-2xx answer (README "The API": errors).
import type { BaseResp, ErrorBody, ErrorCode } from '../contract';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: ErrorCode,
    message: string,
    readonly extra: {
      field?: string;
      rule?: string;
      baseResp?: BaseResp;
      retryAfter?: number;
      headers?: HeadersInit;
      /** a v2 error as MiniMax sent it (type and message relayed, key already redacted) */
      upstreamV2?: { type: string; message: string };
      /** MiniMax itself answered with this HTTP status (429, 504…): v1 relays it rather than answering 200 */
      gateway?: boolean;
    } = {},
  ) {
    super(message);
  }

  /** MiniMax's internal code for this failure: the upstream's own, else ours in MiniMax's terms. */
  get minimaxCode(): number {
    return this.extra.baseResp?.status_code ?? MINIMAX_CODES[this.code] ?? 1000;
  }

  /**
   * The v2 shape: MiniMax's real HTTP status and `{"type":"error","error":{type,message,http_code},"request_id"}`,
   * with our `code`, `detail` (a plain sentence), `field` and `rule` inside `error` beside MiniMax's fields.
   */
  toV2Response(requestId: string): Response {
    const upstream = this.extra.upstreamV2;
    const prefix = this.code === 'invalid_request' ? 'invalid params, ' : '';
    const body = {
      type: 'error',
      error: {
        type: upstream?.type ?? V2_ERROR_TYPES[this.status] ?? (this.status >= 500 ? 'server_error' : 'bad_request_error'),
        message: upstream?.message ?? `${prefix}${this.message} (${this.minimaxCode})`,
        http_code: String(this.status),
        code: this.code,
        detail: this.message,
        ...(this.extra.field ? { field: this.extra.field } : {}),
        ...(this.extra.rule ? { rule: this.extra.rule } : {}),
      },
      request_id: requestId,
    };
    return this.respond(JSON.stringify(body));
  }

  /**
   * The v1 shape: MiniMax's `base_resp` (its own when it sent one, else ours in its numbering) beside our `error`,
   * at the HTTP status `v1Status` picks.
   */
  toResponse(requestId?: string, realStatus = false): Response {
    const body: ErrorBody = {
      error: {
        code: this.code,
        message: this.message,
        ...(this.extra.field ? { field: this.extra.field } : {}),
        ...(this.extra.rule ? { rule: this.extra.rule } : {}),
        ...(requestId ? { request_id: requestId } : {}),
      },
      base_resp: this.extra.baseResp ?? { status_code: this.minimaxCode, status_msg: `${MINIMAX_PREFIXES[this.minimaxCode] ?? ''}${this.message}` },
    };
    return this.respond(JSON.stringify(body), realStatus ? this.status : v1Status(this));
  }

  private respond(body: string, status = this.status): Response {
    const headers = new Headers(this.extra.headers);
    headers.set('Content-Type', 'application/json; charset=utf-8');
    headers.set('Cache-Control', 'no-store');
    // Error bodies may quote a path or a prompt: never sniffed or rendered as a page, wherever they are served.
    headers.set('X-Content-Type-Options', 'nosniff');
    headers.set('Content-Security-Policy', "default-src 'none'; frame-ancestors 'none'; sandbox");
    if (this.extra.retryAfter !== undefined) headers.set('Retry-After', String(this.extra.retryAfter));
    return new Response(body, { status, headers });
  }
}

/**
 * v1's HTTP status for a failure (README "The API" documents this table). MiniMax answers its logical errors with
 * HTTP 200 and a non-zero `base_resp`, and clients are written for that: MiniMax's Python MCP and its guide call
 * `raise_for_status()` before they read `base_resp`, so any 4xx would hide the reason. So every refusal MiniMax
 * could have made, and every refusal of ours in its terms, answers 200:
 *   - validation, a body that is not JSON → 2013 "invalid params, <our sentence>"
 *   - our rate limit → 1002 (Retry-After kept)
 *   - a missing or wrong access code → 1004 at 200, not 401: MiniMax's v1 video endpoints send 1004 ("login fail")
 *     at 200 (its newer v2 endpoints use 401 and v2 does the same); a 401 here would turn the reason into
 *     "401 Client Error" for v1 clients. `WWW-Authenticate` is still sent.
 *   - MiniMax's own base_resp (1002, 1004, 1008, 1026, 1027, 2013, 2049…) → relayed as it came
 * Failures below the API keep their real status, with a base_resp too: 403 (origin guard, loopback-only server),
 * 404/405 (no such route), 410 (expired link), 413 (body too large), 416 (range), 409/422 (the Idempotency-Key
 * draft's own statuses), 429/504 when MiniMax itself answered so, 500, 502 (MiniMax unreachable or unreadable), 504.
 */
function v1Status(error: ApiError): number {
  if (error.extra.gateway) return error.status;
  if (error.extra.baseResp) return 200;
  return ANSWERED_AT_200.has(error.code) ? 200 : error.status;
}

const ANSWERED_AT_200: ReadonlySet<ErrorCode> = new Set<ErrorCode>(['invalid_request', 'invalid_params', 'unsupported_media_type', 'unauthorized', 'no_key', 'rate_limited']);

/** How MiniMax words the start of `status_msg` for these codes; our sentence follows. */
const MINIMAX_PREFIXES: Record<number, string> = {
  1002: 'rate limit exceeded, ',
  1004: 'login fail: ',
  2013: 'invalid params, ',
};

/** Our refusals in MiniMax's numbering (its message ends in this code). */
const MINIMAX_CODES: Partial<Record<ErrorCode, number>> = {
  invalid_request: 2013,
  invalid_params: 2013,
  payload_too_large: 2013,
  unsupported_media_type: 2013,
  unauthorized: 1004,
  forbidden: 1004,
  no_key: 1004,
  key_rejected: 1004,
  rate_limited: 1002,
  upstream_timeout: 1001,
  insufficient_balance: 1008,
  sensitive_input: 1026,
  sensitive_output: 1027,
};

/** MiniMax's v2 `error.type` by HTTP status. */
const V2_ERROR_TYPES: Record<number, string> = {
  400: 'bad_request_error',
  401: 'authorized_error',
  402: 'insufficient_balance_error',
  403: 'authorized_error',
  404: 'not_found_error',
  405: 'bad_request_error',
  410: 'not_found_error',
  413: 'bad_request_error',
  415: 'bad_request_error',
  416: 'bad_request_error',
  422: 'unprocessable_entity_error',
  429: 'rate_limit_error',
  500: 'server_error',
  529: 'overloaded_error',
};
