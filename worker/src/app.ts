// The worker: MiniMax's v1 and v2 routes under /api, the SPA's assets for everything else.
import { Hono, type Context } from 'hono';
import type { Env } from './env';
import { checkAccess } from './http/access';
import { ApiError } from './http/errors';
import { resolveTarget, serverMode, type TargetDeps } from './http/target';
import { durableLedger, memoryLedgers, type Ledger } from './ledger/durable';
import type { Caller, RouteContext } from './routes/context';
import { fileContent, retrieveFile } from './routes/files';
import { createV2ContextIr, createV2Regeneration, createV2Video, deleteV2Video, listV2Videos, queryV2Video } from './routes/v2';
import { streamV2Content } from './routes/v2-links';
import { createVideo, queryVideo } from './routes/video';
import { apiSecurityHeaders } from './security/headers';
import { originGuard } from './security/origin';
import { canonicalPaths, canonicalRequest } from './security/paths';
import { ATTEMPT_LIMIT, limitAttempt, limitCreate, limiterKey, MemoryRateLimiter, sha256Hex, type RateLimiter } from './security/ratelimit';

type Method = 'GET' | 'POST' | 'DELETE';

/** Every API route: MiniMax's paths (v1 and v2) under /api. Hono patterns; `:task_id` is checked to be digits. */
const ROUTES: { method: Method; path: string; handler: (ctx: RouteContext, params: Record<string, string>) => Promise<Response> }[] = [
  { method: 'POST', path: '/api/v1/video_generation', handler: createVideo },
  { method: 'GET', path: '/api/v1/query/video_generation', handler: queryVideo },
  { method: 'GET', path: '/api/v1/files/retrieve', handler: retrieveFile },
  { method: 'POST', path: '/api/v2/video_generation', handler: createV2Video },
  { method: 'GET', path: '/api/v2/query/video_generation', handler: listV2Videos },
  { method: 'GET', path: '/api/v2/query/video_generation/:task_id', handler: (ctx, p) => queryV2Video(ctx, p.task_id) },
  { method: 'DELETE', path: '/api/v2/video_generation/:task_id', handler: (ctx, p) => deleteV2Video(ctx, p.task_id) },
  { method: 'POST', path: '/api/v2/h3_context_ir', handler: createV2ContextIr },
  { method: 'POST', path: '/api/v2/video_regeneration', handler: createV2Regeneration },
];
/** Streamed videos: GET and HEAD, through a sealed link or with credentials. */
const CONTENT_PATHS = ['/api/v1/files/content', '/api/v2/video_generation/:task_id/content'];
const KNOWN_PATHS = [...ROUTES.map((r) => r.path), ...CONTENT_PATHS, '/api/health'].map(
  (path) => new RegExp(`^${path.replace(/:task_id/g, '[^/]+')}$`),
);

export interface AppDeps extends TargetDeps {
  /** counts creates when the CREATE_LIMITER binding is absent; one per app (an isolate) by default */
  createLimiter?: RateLimiter;
  /** counts create attempts when the ATTEMPT_LIMITER binding is absent */
  attemptLimiter?: RateLimiter;
  /** the caller's ledger; default: the LEDGER Durable Object, else one kept in this isolate's memory */
  ledgers?: (env: Env, caller: string) => Ledger;
  /** the clock for link expiry and ledger times (tests age links with it) */
  now?: () => number;
}

export function createApp(deps: AppDeps): Hono<{ Bindings: Env }> {
  const app = new Hono<{ Bindings: Env }>();
  const fallbackLimiter = deps.createLimiter ?? new MemoryRateLimiter();
  const attemptLimiter = deps.attemptLimiter ?? new MemoryRateLimiter(ATTEMPT_LIMIT.limit, ATTEMPT_LIMIT.periodSeconds * 1000);
  const now = deps.now ?? (() => Date.now());
  const memoryLedger = memoryLedgers(now);
  const ledgerFor = deps.ledgers ?? ((env: Env, caller: string) => (env.LEDGER ? durableLedger(env.LEDGER, caller, now) : memoryLedger(caller)));

  /** Access, then whose key and which caller: everything a route needs, decided before it runs. */
  async function routeContext(c: Context<{ Bindings: Env }>): Promise<RouteContext> {
    const request = c.req.raw;
    const codeHash = await checkAccess(c.env, request);
    const target = resolveTarget(c.env, request, deps);
    const caller = await callerOf(request, codeHash);
    // Every create attempt is counted before its body is read; only those reaching MiniMax count as creates.
    if (request.method === 'POST' && target.mode !== 'demo') await limitAttempt(c.env, attemptLimiter, await limiterKey(request, codeHash));
    let ledger: Ledger | undefined;
    return {
      request,
      env: c.env,
      target,
      deps,
      caller,
      get ledger() {
        return (ledger ??= ledgerFor(c.env, caller.id));
      },
      // Demo mode spends nothing; a real key (the server's or the caller's own) is counted as a create leaves.
      countCreate: async () => {
        if (target.mode !== 'demo') await limitCreate(c.env, fallbackLimiter, await limiterKey(request, codeHash));
      },
      waitUntil: (work) => {
        try {
          c.executionCtx.waitUntil(work);
        } catch {
          // no execution context (unit tests, app.request): the work simply runs on
        }
      },
      now,
    };
  }

  app.use('*', canonicalPaths());
  app.use('/api/*', async (c, next) => {
    await next();
    // MiniMax's clients print `Trace-Id` with every failure; ours is the same id as X-Request-Id.
    c.res.headers.set('X-Request-Id', requestId(c.req.raw));
    c.res.headers.set('Trace-Id', requestId(c.req.raw));
  });
  app.use('/api/*', apiSecurityHeaders());
  app.use('/api/*', originGuard());

  app.get('/api/health', (c) => c.json({ status: 'ok', mode: serverMode(c.env, c.req.raw) }));

  for (const route of ROUTES) {
    app.on(route.method, route.path, async (c) => route.handler(await routeContext(c), c.req.param() as Record<string, string>));
  }

  // A sealed link (`t`) is its own authorisation: it names one video, expires, and cannot be forged (links.ts);
  // without one, access and ownership are checked as for any route (`routeContext`).
  app.on(['GET', 'HEAD'], CONTENT_PATHS[0], async (c) => fileContent(c.req.raw, c.env, deps, now(), () => routeContext(c)));
  app.on(['GET', 'HEAD'], CONTENT_PATHS[1], async (c) => streamV2Content(c.req.raw, c.env, deps, now(), () => routeContext(c)));

  app.all('/api/*', (c) => {
    const path = new URL(c.req.url).pathname;
    if (KNOWN_PATHS.some((known) => known.test(path))) throw new ApiError(405, 'method_not_allowed', `${c.req.method} is not allowed on ${path}.`);
    throw new ApiError(404, 'not_found', `There is no API route at ${path}.`);
  });

  app.all('*', (c) => (c.env.ASSETS ? c.env.ASSETS.fetch(c.req.raw) : c.notFound()));

  app.onError((error, c) => {
    const id = requestId(c.req.raw);
    const path = new URL(c.req.url).pathname;
    // Each API version answers in MiniMax's own shape for it (README "The API").
    // A download link keeps real statuses: a player or `curl -fo` must not take a JSON refusal for the video.
    const download = path === CONTENT_PATHS[0];
    const render = (e: ApiError) => (path.startsWith('/api/v2/') ? e.toV2Response(id) : e.toResponse(id, download));
    if (error instanceof ApiError) {
      if (error.status >= 500) console.warn(`[${id}] ${c.req.method} ${path} → ${error.status} ${error.code}`);
      return render(error);
    }
    // Only the error's class name is logged: a message could carry a URL, a header or a key.
    console.error(`[${id}] unexpected error: ${error instanceof Error ? error.name : typeof error}`);
    return render(new ApiError(500, 'internal_error', 'Something went wrong in the studio’s worker.'));
  });

  // One spelling for every route: folded slashes, root /v1 and /v2 under /api (paths.ts).
  const dispatch = app.fetch;
  app.fetch = (request, ...rest) => dispatch(canonicalRequest(request), ...rest);
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

/** One id per access code (callers kept apart), per own key, or the server's single tenant. */
async function callerOf(request: Request, codeHash: string | null): Promise<Caller> {
  // A caller's own key is its own MiniMax account: it sees what MiniMax shows that key, nothing to keep apart.
  const byok = request.headers.get('x-minimax-key');
  if (byok) return { id: `byok:${await sha256Hex(byok)}`, isolated: false };
  if (codeHash) return { id: `code:${codeHash}`, isolated: true };
  return { id: 'server', isolated: false };
}
