// GET /api/v1/files/retrieve and GET /api/v1/files/content: a fresh CDN link each time, bytes streamed, key kept.
import type { Env } from '../env';
import { ApiError } from '../http/errors';
import { sealLink } from '../http/links';
import type { Target, TargetDeps } from '../http/target';
import { checkDownloadUrl, parseRange, streamFile } from '../minimax/files';
import { callMiniMax } from '../minimax/upstream';
import type { RouteContext } from './context';
import { requireOwnedV1 } from './ownership';
import { openSealed, sealSecret, streamSealed } from './sealed';
import { digitsParam } from './video';

/** MiniMax's download links live about 9 h (32,400 s): a link that names no Expires is given that long. */
const CDN_LINK_SECONDS = 9 * 3600;

interface RetrievedFile {
  file_id: string;
  download_url: string;
  [field: string]: unknown;
}

async function retrieve(target: Target, fileId: string, signal: AbortSignal): Promise<RetrievedFile> {
  const answer = await callMiniMax(target.upstream, `/v1/files/retrieve?file_id=${fileId}`, { method: 'GET', signal });
  const file = answer.file as RetrievedFile | undefined;
  if (typeof file !== 'object' || file === null || typeof file.download_url !== 'string' || !file.download_url) {
    throw new ApiError(502, 'upstream_unreadable', 'MiniMax answered without a download link for this file.');
  }
  return file;
}

export async function retrieveFile(ctx: RouteContext): Promise<Response> {
  const { request, env, target } = ctx;
  const fileId = digitsParam(request, 'file_id');
  await requireOwnedV1(ctx, 'file', fileId);
  const { download_url, backup_download_url: _backup, ...file } = await retrieve(target, fileId, request.signal);
  // Our link lives as long as MiniMax's own: a client in "URL mode" hands it to a person who opens it later.
  const expires = cdnExpiry(download_url);
  const exp = expires === Number.MAX_SAFE_INTEGER ? Math.floor(ctx.now() / 1000) + CDN_LINK_SECONDS : expires;
  const token = await sealLink({ url: download_url, fileId, exp, mode: target.mode, kind: 'file' }, sealSecret(env));
  const link = new URL(`/api/v1/files/content?file_id=${fileId}&t=${token}`, request.url).toString();
  const body = JSON.stringify({ file: { ...file, file_id: fileId, download_url: link }, base_resp: { status_code: 0, status_msg: 'success' } });
  // MiniMax types file.file_id as an int64 number here; keep that shape with its exact digits.
  return new Response(body.replace(`"file_id":"${fileId}"`, `"file_id":${fileId}`), {
    headers: { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' },
  });
}

export function cdnExpiry(url: string): number {
  const expires = Number(new URL(url, 'https://x.invalid').searchParams.get('Expires'));
  return Number.isFinite(expires) && expires > 0 ? expires : Number.MAX_SAFE_INTEGER;
}

/** Streams a file: from a signed link (no headers needed) or, with the caller's credentials, a fresh retrieve. */
export async function fileContent(request: Request, env: Env, deps: TargetDeps, nowMs: number, authorized: () => Promise<RouteContext>): Promise<Response> {
  const fileId = digitsParam(request, 'file_id');
  const range = parseRange(request.headers.get('range'));
  const filename = `hailuo_${fileId}.mp4`;
  const token = new URL(request.url).searchParams.get('t');
  if (token !== null) {
    const claims = await openSealed(env, token, nowMs, fileId, 'file');
    const fresh = async (server: Target) => (await retrieve(server, fileId, request.signal)).download_url;
    return streamSealed(env, deps, claims, { range, filename, signal: request.signal }, fresh);
  }
  const ctx = await authorized();
  await requireOwnedV1(ctx, 'file', fileId);
  const file = await retrieve(ctx.target, fileId, request.signal);
  return streamFile(checkDownloadUrl(file.download_url, ctx.target.files), ctx.target.files, { range, filename, signal: request.signal });
}
