// Response builders in MiniMax's and Aliyun OSS's shapes.

import { statusMessage } from './directives';

export function baseResp(code: number, msg = statusMessage(code)): { status_code: number; status_msg: string } {
  return { status_code: code, status_msg: msg };
}

/** MiniMax answers logical errors with HTTP 200 and a non-zero base_resp. */
export function minimaxJson(body: unknown, init: { headers?: Record<string, string> } = {}): Response {
  return jsonText(JSON.stringify(body), init.headers);
}

export function jsonText(text: string, headers: Record<string, string> = {}): Response {
  return new Response(text, {
    status: 200,
    headers: { 'content-type': 'application/json; charset=utf-8', 'trace-id': traceId(), ...headers },
  });
}

export function minimaxError(code: number, msg?: string, extra: Record<string, unknown> = {}): Response {
  return minimaxJson({ ...extra, base_resp: baseResp(code, msg) });
}

export function invalidParams(what: string, extra: Record<string, unknown> = {}): Response {
  return minimaxError(2013, `invalid params, ${what}`, extra);
}

/** Go's default for an unmatched route. */
export function notFoundText(): Response {
  return new Response('404 page not found', { status: 404, headers: { 'content-type': 'text/plain; charset=utf-8' } });
}

export function ossError(
  status: number,
  code: string,
  message: string,
  extra: Record<string, string> = {},
  headers: Record<string, string> = {},
): Response {
  const fields = Object.entries({ Code: code, Message: message, RequestId: requestId(), HostId: 'cdn.sim.invalid', ...extra })
    .map(([k, v]) => `  <${k}>${escapeXml(v)}</${k}>`)
    .join('\n');
  return new Response(`<?xml version="1.0" encoding="UTF-8"?>\n<Error>\n${fields}\n</Error>\n`, {
    status,
    headers: { 'content-type': 'application/xml', 'x-oss-request-id': requestId(), ...headers },
  });
}

function escapeXml(value: string): string {
  return value.replace(/[<>&'"]/g, (c) => `&#${c.charCodeAt(0)};`);
}

function traceId(): string {
  return [...crypto.getRandomValues(new Uint8Array(16))].map((b) => b.toString(16).padStart(2, '0')).join('');
}

function requestId(): string {
  return traceId().slice(0, 24).toUpperCase();
}
