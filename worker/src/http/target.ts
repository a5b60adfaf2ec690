// Whose key, which host, which file source: decided once per request from configuration and headers.
import type { Env } from '../env';
import type { FileSource } from '../minimax/files';
import { parseHostList } from '../minimax/files';
import type { Upstream } from '../minimax/upstream';
import { ApiError } from './errors';

export type Mode = 'live' | 'demo' | 'byok';

export const GLOBAL_BASE = 'https://api.minimax.io';
/** Bring-your-own-key regions: a fixed list, never a URL from the client (LobeChat CVE-2024-37895). */
export const REGION_BASES = { global: GLOBAL_BASE, cn: 'https://api.minimaxi.com' } as const;

export interface DemoUpstream {
  fetch: typeof fetch;
  key: string;
  base: string;
  fileHosts: string[];
}

export interface TargetDeps {
  fetch: typeof fetch;
  /** the in-process simulator behind demo mode, made on first use */
  demo: (env: Env) => DemoUpstream;
  timeouts: Pick<Upstream, 'timeoutMs' | 'createTimeoutMs'>;
}

export interface Target {
  mode: Mode;
  upstream: Upstream;
  files: FileSource;
}

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]', '::1']);

/** A request that came from this machine: a loopback URL and, where the runtime says, a loopback client. */
export function isLoopback(request: Request): boolean {
  const url = new URL(request.url);
  const client = request.headers.get('cf-connecting-ip');
  const clientLoopback = client === null || client === '::1' || client.startsWith('127.');
  return (LOOPBACK_HOSTS.has(url.hostname) || url.hostname.startsWith('127.')) && clientLoopback;
}

/** The mode the health route reports: what a request without a key of its own gets. */
export function serverMode(env: Env, request: Request): Mode {
  if (env.MINIMAX_API_KEY) return 'live';
  return isLoopback(request) ? 'demo' : 'byok';
}

export function resolveTarget(env: Env, request: Request, deps: TargetDeps): Target {
  const byokKey = request.headers.get('x-minimax-key');
  if (byokKey !== null) return byokTarget(env, request, byokKey, deps);
  if (env.MINIMAX_API_KEY) return liveTarget(env, env.MINIMAX_API_KEY, deps);
  if (isLoopback(request)) return demoTarget(env, deps);
  throw new ApiError(401, 'no_key', 'This studio has no MiniMax key of its own: send yours in the X-MiniMax-Key header.', {
    field: 'x-minimax-key',
  });
}

function liveTarget(env: Env, key: string, deps: TargetDeps): Target {
  return { mode: 'live', upstream: { base: serverBase(env), key, fetch: deps.fetch, ...deps.timeouts }, files: fileSource(env, 'live', deps) };
}

/** The server's own target for a mode a link was sealed in; null for a caller's own key (never kept anywhere). */
export function serverTarget(env: Env, mode: Mode, deps: TargetDeps): Target | null {
  if (mode === 'demo') return demoTarget(env, deps);
  if (mode === 'live' && env.MINIMAX_API_KEY) return liveTarget(env, env.MINIMAX_API_KEY, deps);
  return null;
}

export function demoTarget(env: Env, deps: TargetDeps): Target {
  const demo = deps.demo(env);
  return {
    mode: 'demo',
    upstream: { base: demo.base, key: demo.key, fetch: demo.fetch, ...deps.timeouts },
    files: { fetch: demo.fetch, hosts: demo.fileHosts, allowHttp: false, timeoutMs: deps.timeouts.timeoutMs },
  };
}

function byokTarget(env: Env, request: Request, key: string, deps: TargetDeps): Target {
  // A key is a header-bound value: printable ASCII only, so no CR/LF can split the upstream request.
  if (!/^[\x21-\x7e]{8,512}$/.test(key)) {
    throw new ApiError(400, 'invalid_request', 'The MiniMax key you set is not a valid key.', { field: 'x-minimax-key' });
  }
  const region = request.headers.get('x-minimax-region') ?? 'global';
  if (region !== 'global' && region !== 'cn') {
    throw new ApiError(400, 'invalid_request', 'The region must be "global" or "cn".', { field: 'x-minimax-region' });
  }
  return {
    mode: 'byok',
    upstream: { base: REGION_BASES[region], key, fetch: deps.fetch, ...deps.timeouts },
    files: fileSource(env, 'byok', deps),
  };
}

function serverBase(env: Env): string {
  return (env.MINIMAX_API_BASE || GLOBAL_BASE).replace(/\/+$/, '');
}

/** Where file bytes may come from in a mode (links carry their mode, so a sealed link needs no key). */
export function fileSource(env: Env, mode: Mode, deps: TargetDeps): FileSource {
  if (mode === 'demo') {
    const demo = deps.demo(env);
    return { fetch: demo.fetch, hosts: demo.fileHosts, allowHttp: false, timeoutMs: deps.timeouts.timeoutMs };
  }
  // http only when the upstream itself is http (a simulator on loopback); BYOK always goes to https hosts.
  const allowHttp = mode === 'live' && serverBase(env).startsWith('http:');
  return { fetch: deps.fetch, hosts: parseHostList(env.MINIMAX_FILE_HOSTS), allowHttp, timeoutMs: deps.timeouts.timeoutMs };
}
