// Path tricks never reach a route: anything that looks like the API but is not its canonical spelling answers JSON
// 404 (no SPA fallback, no catch-all proxy). URL parsing already folds `..` and `%2e%2e` segments; runs of slashes
// are folded here (a client's base URL with a trailing slash asks for `/api//v1/...`) and MiniMax's root paths
// `/v1/*`, `/v2/*` are read as `/api/v1/*`, `/api/v2/*`. What is left to catch is case (`/API`), encoded
// separators (`%2f`, `%5c`, `%2e`, `%00`) and backslashes.
import type { MiddlewareHandler } from 'hono';
import type { Env } from '../env';
import { ApiError } from '../http/errors';

const LOOKS_LIKE_API = /^[/\\]*(?:api|v[12])(?:$|[/\\%])/i;
const SUSPICIOUS = /\\|%2f|%5c|%2e|%00|\/\.\.?(?:\/|$)/i;
const ROOT_API = /^\/v[12](?:\/|$)/;

/** The request as the routes see it: slashes folded, `/v1/*` and `/v2/*` under `/api`; untouched when already so. */
export function canonicalRequest(request: Request): Request {
  const url = new URL(request.url);
  let path = url.pathname.replace(/\/{2,}/g, '/');
  if (ROOT_API.test(path)) path = `/api${path}`;
  if (path === url.pathname) return request;
  url.pathname = path;
  return new Request(url, request);
}

export function canonicalPaths(): MiddlewareHandler<{ Bindings: Env }> {
  return async function canonicalPaths(c, next) {
    const path = new URL(c.req.url).pathname;
    if (LOOKS_LIKE_API.test(path) && (!/^\/api(?:\/|$)/.test(path) || SUSPICIOUS.test(path))) {
      throw new ApiError(404, 'not_found', 'There is no API route at this path.');
    }
    await next();
  };
}
