// One error type and one JSON shape for every non-2xx answer (design.md "Errors").
import type { BaseResp, ErrorBody, ErrorCode } from '../contract';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: ErrorCode,
    message: string,
    readonly extra: { field?: string; rule?: string; baseResp?: BaseResp; retryAfter?: number; headers?: HeadersInit } = {},
  ) {
    super(message);
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
    const headers = new Headers(this.extra.headers);
    headers.set('Content-Type', 'application/json; charset=utf-8');
    headers.set('Cache-Control', 'no-store');
    // Error bodies may quote a path or a prompt: never sniffed or rendered as a page, wherever they are served.
    headers.set('X-Content-Type-Options', 'nosniff');
    headers.set('Content-Security-Policy', "default-src 'none'; frame-ancestors 'none'; sandbox");
    if (this.extra.retryAfter !== undefined) headers.set('Retry-After', String(this.extra.retryAfter));
    return new Response(JSON.stringify(body), { status: this.status, headers });
  }
}
