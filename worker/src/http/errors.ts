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

  toResponse(requestId?: string): Response {
    const body: ErrorBody = {
      error: {
        code: this.code,
        message: this.message,
        ...(this.extra.field ? { field: this.extra.field } : {}),
        ...(this.extra.rule ? { rule: this.extra.rule } : {}),
        ...(requestId ? { request_id: requestId } : {}),
      },
      ...(this.extra.baseResp ? { base_resp: this.extra.baseResp } : {}),
    };
    return this.respond(JSON.stringify(body));
  }

  private respond(body: string): Response {
    const headers = new Headers(this.extra.headers);
    headers.set('Content-Type', 'application/json; charset=utf-8');
    headers.set('Cache-Control', 'no-store');
    // Error bodies may quote a path or a prompt: never sniffed or rendered as a page, wherever they are served.
    headers.set('X-Content-Type-Options', 'nosniff');
    headers.set('Content-Security-Policy', "default-src 'none'; frame-ancestors 'none'; sandbox");
    if (this.extra.retryAfter !== undefined) headers.set('Retry-After', String(this.extra.retryAfter));
    return new Response(body, { status: this.status, headers });
  }
}

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
