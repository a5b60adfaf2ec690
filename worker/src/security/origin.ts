// Who may call the API from a browser: same-origin by default, ALLOWED_ORIGINS for an SPA hosted elsewhere.
// Cross-site requests are refused before any route runs (a page on another site must not spend the key with the
// visitor's access, nor read answers); the sealed content link is the one exception (`<video src>` on an allowed
// origin sends no Origin header, and the token itself is the capability).
import type { MiddlewareHandler } from 'hono';
import { CORS_ALLOW_HEADERS, CORS_EXPOSE_HEADERS } from '../contract/cors';
import type { Env } from '../env';
import { ApiError } from '../http/errors';

export { CORS_ALLOW_HEADERS, CORS_EXPOSE_HEADERS };

const CORS_ALLOW_METHODS = 'GET, HEAD, POST, DELETE, OPTIONS';

/** ALLOWED_ORIGINS as exact origins (scheme://host[:port]); anything unparsable or with a path is dropped. */
export function allowedOrigins(env: Env): string[] {
  const out: string[] = [];
  // Stryker disable next-line StringLiteral: any other text there is not a URL either, so it is dropped alike
  for (const item of (env.ALLOWED_ORIGINS ?? '').split(',')) {
    // Stryker disable next-line MethodExpression,Regex: URL parsing strips the spaces and reads "https:/a" as "https://a" too
    const text = item.trim().replace(/\/$/, '');
    if (!text) continue;
    try {
      const url = new URL(text);
      // Exact origins only (RFC 6454): a wildcard, a path or userinfo would widen or blur who may call.
      const bare = url.pathname === '/' && !url.search && !url.hash && !url.username && !url.password && !text.includes('*');
      if (bare && (url.protocol === 'https:' || url.protocol === 'http:')) out.push(url.origin);
    } catch {
      // not an origin: ignored rather than widening access
    }
  }
  return out;
}

function isSealedContentLink(request: Request, url: URL): boolean {
  // The path as routed (paths.ts has already read root /v1, /v2 and folded slashes).
  const contentPath = url.pathname === '/api/v1/files/content' || /^\/api\/v2\/video_generation\/\d+\/content$/.test(url.pathname);
  return (request.method === 'GET' || request.method === 'HEAD') && contentPath && url.searchParams.has('t');
}

function refuse(): ApiError {
  return new ApiError(403, 'forbidden', 'This studio’s API only answers pages of its own origin (or those in ALLOWED_ORIGINS).');
}

export function originGuard(): MiddlewareHandler<{ Bindings: Env }> {
  return async function originGuard(c, next) {
    const request = c.req.raw;
    const url = new URL(request.url);
    const origin = request.headers.get('origin');
    const site = request.headers.get('sec-fetch-site');
    // `Origin: null` (sandboxed frames, file://) is foreign too; only an exact match counts.
    const foreign = origin !== null && origin !== url.origin;
    const crossAllowed = foreign && allowedOrigins(c.env).includes(origin);

    if (request.method === 'OPTIONS') {
      // Preflights are answered only for allowed origins, so a foreign page cannot even learn which headers work.
      if (!crossAllowed) throw refuse();
      return new Response(null, {
        status: 204,
        headers: {
          'Access-Control-Allow-Origin': origin,
          'Access-Control-Allow-Methods': CORS_ALLOW_METHODS,
          'Access-Control-Allow-Headers': CORS_ALLOW_HEADERS,
          'Access-Control-Max-Age': '600',
          Vary: 'Origin',
        },
      });
    }
    if (foreign && !crossAllowed) throw refuse();
    // No Origin but the browser says another site sent it (a form, an <img>, a link): refused, bar the sealed link.
    if (origin === null && (site === 'cross-site' || site === 'same-site') && !isSealedContentLink(request, url)) throw refuse();

    await next();
    c.res.headers.append('Vary', 'Origin');
    if (crossAllowed) {
      c.res.headers.set('Access-Control-Allow-Origin', origin);
      c.res.headers.set('Access-Control-Expose-Headers', CORS_EXPOSE_HEADERS);
    }
  };
}
