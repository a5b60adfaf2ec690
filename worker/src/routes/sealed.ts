// A sealed link of this worker (v1 file or v2 task) opened and streamed: the CDN URL inside it is fetched with no
// key, and when the CDN's link lapsed before ours a fresh URL is asked for with the server's key only.
import type { Env } from '../env';
import { ApiError } from '../http/errors';
import { linkSecret, openLink, type LinkClaims } from '../http/links';
import { fileSource, serverTarget, type Target, type TargetDeps } from '../http/target';
import { checkDownloadUrl, streamFile, type StreamOptions } from '../minimax/files';

export function sealSecret(env: Env): string {
  return linkSecret(env.LINK_SECRET, env.MINIMAX_API_KEY);
}

/** The link's claims when it is ours, unexpired, and names this file or task; 410 otherwise. */
export async function openSealed(env: Env, token: string, nowMs: number, id: string, kind: 'file' | 'task'): Promise<LinkClaims> {
  const claims = await openLink(token, sealSecret(env), nowMs / 1000);
  // links sealed before `kind` existed are file links
  if (!claims || claims.fileId !== id || (claims.kind ?? 'file') !== kind) {
    throw new ApiError(410, 'link_expired', 'This video link has expired or is not valid. Ask for a fresh one.');
  }
  return claims;
}

export async function streamSealed(
  env: Env,
  deps: TargetDeps,
  claims: LinkClaims,
  options: StreamOptions,
  freshUrl: (server: Target) => Promise<string>,
): Promise<Response> {
  const files = fileSource(env, claims.mode, deps);
  try {
    return await streamFile(checkDownloadUrl(claims.url, files), files, options);
  } catch (error) {
    const server = error instanceof ApiError && error.code === 'link_expired' ? serverTarget(env, claims.mode, deps) : null;
    if (!server) throw error;
    return streamFile(checkDownloadUrl(await freshUrl(server), server.files), server.files, options);
  }
}
