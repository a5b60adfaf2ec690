// Path tricks never reach a route: anything that looks like /api but is not the canonical spelling answers JSON
// 404 (no SPA fallback, no catch-all proxy). URL parsing already folds `..` and `%2e%2e` segments, so what is
// left to catch is case (`/API`), doubled slashes (`//api`) and encoded separators (`%2f`, `%5c`, `%2e`).
import type { MiddlewareHandler } from 'hono';
import type { Env } from '../env';
import { ApiError } from '../http/errors';

const LOOKS_LIKE_API = /^[/\\]*api(?:$|[/\\%])/i;
const SUSPICIOUS = /\/\/|\\|%2f|%5c|%2e|%00|\/\.\.?(?:\/|$)/i;

export function canonicalPaths(): MiddlewareHandler<{ Bindings: Env }> {
  return async function canonicalPaths(c, next) {
    const path = new URL(c.req.url).pathname;
    if (LOOKS_LIKE_API.test(path) && (!/^\/api(?:\/|$)/.test(path) || SUSPICIOUS.test(path))) {
      throw new ApiError(404, 'not_found', 'There is no API route at this path.');
    }
    await next();
  };
}
