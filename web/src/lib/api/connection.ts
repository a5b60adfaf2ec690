// "Test and save" for the Worker URL: the URL's shape, the page's own CSP, then GET /api/health for real.
import { ApiError } from './errors';
import { createApiClient, type ApiSettings, type Health } from './client';
import { checkWorkerUrl, policyAllows, type WorkerUrlCheck } from './workerUrl';

export type ConnectionResult =
  | { kind: 'connected'; origin: string; mode: Health['mode'] }
  | { kind: 'invalid'; problem: Extract<WorkerUrlCheck, { ok: false }>['problem'] }
  /** this page's Content-Security-Policy does not list the origin: the browser will not even send the request */
  | { kind: 'blocked_by_page'; origin: string }
  /** the worker answers, but not to this page's origin (CORS): its ALLOWED_ORIGINS lacks it */
  | { kind: 'origin_not_allowed'; origin: string; pageOrigin: string }
  | { kind: 'unreachable'; origin: string }
  | { kind: 'refused'; origin: string; status: number; code: string; message: string };

export interface ConnectionContext {
  pageOrigin: string;
  /** the page's CSP connect-src; undefined when the page has none that we know of (dev server) */
  connectSrc: readonly string[] | undefined;
  /** the access code / BYOK key to send along, as the studio would */
  credentials: Omit<ApiSettings, 'baseUrl'>;
  fetchImpl?: typeof fetch;
}

/** The connect-src this page was built with (vite.config.ts defines it for every build). */
export function builtConnectSrc(): string[] | undefined {
  return import.meta.env.STUDIO_CONNECT_SRC?.split(' ').filter(Boolean);
}

export async function testConnection(input: string, context: ConnectionContext): Promise<ConnectionResult> {
  const checked = checkWorkerUrl(input);
  if (!checked.ok) return { kind: 'invalid', problem: checked.problem };
  const origin = checked.origin || context.pageOrigin;
  if (!policyAllows(origin, context.connectSrc, context.pageOrigin)) return { kind: 'blocked_by_page', origin };
  const fetchImpl = context.fetchImpl ?? ((...args: Parameters<typeof fetch>) => fetch(...args));
  const api = createApiClient(() => ({ ...context.credentials, baseUrl: checked.origin }), fetchImpl);
  try {
    const health = await api.health();
    return { kind: 'connected', origin, mode: health.mode };
  } catch (error) {
    if (!(error instanceof ApiError) || !error.isNetwork) {
      const { status, code } = error instanceof ApiError ? error : { status: 0, code: 'unknown' };
      return { kind: 'refused', origin, status, code, message: error instanceof Error ? error.message : String(error) };
    }
  }
  if (origin === context.pageOrigin) return { kind: 'unreachable', origin };
  // A CORS refusal and a dead host look the same to fetch; an opaque no-cors answer tells them apart. The root,
  // not /api: the API's answers carry Cross-Origin-Resource-Policy: same-origin, which fails even a no-cors fetch.
  try {
    await fetchImpl(`${origin}/`, { mode: 'no-cors', cache: 'no-store', signal: AbortSignal.timeout(10_000) });
    return { kind: 'origin_not_allowed', origin, pageOrigin: context.pageOrigin };
  } catch {
    return { kind: 'unreachable', origin };
  }
}
