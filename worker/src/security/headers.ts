// Headers on every answer of the worker's own (/api/*): nothing it sends may be sniffed, framed, cached or leak a
// Referer. JSON bodies carry a CSP that forbids everything, so even a reflected string can never run as a page.
import type { MiddlewareHandler } from 'hono';
import type { Env } from '../env';
import { allowedOrigins } from './origin';

export const API_CSP = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'; sandbox";

export function apiSecurityHeaders(): MiddlewareHandler<{ Bindings: Env }> {
  return async function apiSecurityHeaders(c, next) {
    await next();
    const headers = c.res.headers;
    headers.set('X-Content-Type-Options', 'nosniff'); // a JSON or video answer is never sniffed into HTML
    headers.set('Referrer-Policy', 'no-referrer');
    if (!headers.has('Cache-Control')) headers.set('Cache-Control', 'no-store'); // answers may be per-user
    const video = (headers.get('content-type') ?? '').startsWith('video/');
    if (!video) headers.set('Content-Security-Policy', API_CSP);
    // Spectre-style no-cors reads: JSON only to its own origin; video also to allowed origins' <video src>.
    headers.set('Cross-Origin-Resource-Policy', video && allowedOrigins(c.env).length > 0 ? 'cross-origin' : 'same-origin');
  };
}
