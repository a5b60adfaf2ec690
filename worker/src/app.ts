// The worker: five routes under /api, the SPA's assets for everything else. One error shape (design.md).
import { Hono } from 'hono';
import type { Env } from './env';
import { checkAccess } from './http/access';
import { ApiError } from './http/errors';
import { resolveTarget, serverMode, type TargetDeps } from './http/target';
import type { RouteContext } from './routes/context';
import { fileContent, retrieveFile } from './routes/files';
import { createVideo, queryVideo } from './routes/video';
import { apiSecurityHeaders } from './security/headers';
import { originGuard } from './security/origin';
import { canonicalPaths } from './security/paths';
import { limitCreate, limiterKey, MemoryRateLimiter, type RateLimiter } from './security/ratelimit';

type Handler = (ctx: RouteContext) => Promise<Response>;

const ROUTES: Record<string, { method: 'GET' | 'POST'; handler: Handler; limited?: true }> = {
  // Only the create spends money, so only it is rate limited per caller.
  '/api/v1/video_generation': { method: 'POST', handler: createVideo, limited: true },
  '/api/v1/query/video_generation': { method: 'GET', handler: queryVideo },
  '/api/v1/files/retrieve': { method: 'GET', handler: retrieveFile },
};

export interface AppDeps extends TargetDeps {
  /** counts creates when the CREATE_LIMITER binding is absent; one per app (an isolate) by default */
  createLimiter?: RateLimiter;
}

export function createApp(deps: AppDeps): Hono<{ Bindings: Env }> {
  const app = new Hono<{ Bindings: Env }>();
  const fallbackLimiter = deps.createLimiter ?? new MemoryRateLimiter();

  app.use('*', canonicalPaths());
  app.use('/api/*', async (c, next) => {
    await next();
    c.res.headers.set('X-Request-Id', requestId(c.req.raw));
  });
  app.use('/api/*', apiSecurityHeaders());
  app.use('/api/*', originGuard());

  app.get('/api/health', (c) => c.json({ status: 'ok', mode: serverMode(c.env, c.req.raw) }));

  for (const [path, route] of Object.entries(ROUTES)) {
    app.on(route.method, path, async (c) => {
      const codeHash = await checkAccess(c.env, c.req.raw);
      const target = resolveTarget(c.env, c.req.raw, deps);
      // Demo mode spends nothing; a real key (the server's or the caller's own) is counted before the body is read.
      if (route.limited && target.mode !== 'demo') await limitCreate(c.env, fallbackLimiter, await limiterKey(c.req.raw, codeHash));
      return route.handler({ request: c.req.raw, env: c.env, target, deps });
    });
  }

  app.on(['GET', 'HEAD'], '/api/v1/files/content', async (c) => {
    // A sealed link (`t`) is its own authorisation: it names one file, expires, and cannot be forged (links.ts).
    const signed = new URL(c.req.url).searchParams.has('t');
    return fileContent(c.req.raw, c.env, deps, async () => {
      if (!signed) await checkAccess(c.env, c.req.raw);
      return resolveTarget(c.env, c.req.raw, deps);
    });
  });

  app.all('/api/*', (c) => {
    const path = new URL(c.req.url).pathname;
    const known = path in ROUTES || path === '/api/v1/files/content' || path === '/api/health';
    if (known) throw new ApiError(405, 'method_not_allowed', `${c.req.method} is not allowed on ${path}.`);
    throw new ApiError(404, 'not_found', `There is no API route at ${path}.`);
  });

  app.all('*', (c) => (c.env.ASSETS ? c.env.ASSETS.fetch(c.req.raw) : c.notFound()));

  app.onError((error, c) => {
    const id = requestId(c.req.raw);
    if (error instanceof ApiError) {
      if (error.status >= 500) console.warn(`[${id}] ${c.req.method} ${new URL(c.req.url).pathname} → ${error.status} ${error.code}`);
      return error.toResponse(id);
    }
    // Only the error's class name is logged: a message could carry a URL, a header or a key.
    console.error(`[${id}] unexpected error: ${error instanceof Error ? error.name : typeof error}`);
    return new ApiError(500, 'internal_error', 'Something went wrong in the studio’s worker.').toResponse(id);
  });

  return app;
}

const ids = new WeakMap<Request, string>();
/** Cloudflare's Ray ID when it looks like one; a client-written `cf-ray` of any other shape is not echoed back. */
function requestId(request: Request): string {
  let id = ids.get(request);
  if (!id) {
    const ray = request.headers.get('cf-ray');
    ids.set(request, (id = ray && /^[0-9a-f]{16}(?:-[A-Z]{3})?$/.test(ray) ? ray : crypto.randomUUID()));
  }
  return id;
}
