// A v2 task's `content.url` (MiniMax's CDN) never reaches a client: it is sealed into a link of this worker that
// streams the bytes without any key. When the CDN link behind it has lapsed, the task is queried again for a fresh
// one instead of failing (v2 has no files step to retrieve from).
import type { Env } from '../env';
import { ApiError } from '../http/errors';
import { sealLink } from '../http/links';
import type { Target, TargetDeps } from '../http/target';
import { checkDownloadUrl, parseRange, streamFile } from '../minimax/files';
import { callMiniMaxV2, type V2Answer } from '../minimax/v2';
import type { RouteContext } from './context';
import { requireOwnedV2 } from './ownership';
import { openSealed, sealSecret, streamSealed } from './sealed';

/** A video link lives a day; the CDN URL inside it is renewed by re-querying the task when it lapses. */
const V2_LINK_TTL_SECONDS = 24 * 3600;
const CONTENT_PATH = /^\/api\/v2\/video_generation\/(\d{1,32})\/content$/;

export function v2ContentPath(taskId: string): string {
  return `/api/v2/video_generation/${taskId}/content`;
}

/** The task with `content.url` replaced by a sealed link of this worker (Context-IR tasks carry a prompt: kept). */
export async function withWorkerLink(ctx: RouteContext, task: V2Answer): Promise<V2Answer> {
  const content = task.content as { url?: unknown } | undefined;
  if (typeof content?.url !== 'string' || !content.url) return task;
  const taskId = String(task.id);
  if (!/^\d{1,32}$/.test(taskId)) throw new ApiError(502, 'upstream_unreadable', 'MiniMax answered a video without a task id.');
  const exp = Math.floor(ctx.now() / 1000) + V2_LINK_TTL_SECONDS;
  const token = await sealLink({ url: content.url, fileId: taskId, exp, mode: ctx.target.mode, kind: 'task' }, sealSecret(ctx.env));
  const link = new URL(`${v2ContentPath(taskId)}?t=${token}`, ctx.request.url).toString();
  return { ...task, content: { ...content, url: link } };
}

async function freshUrl(target: Target, taskId: string, signal?: AbortSignal): Promise<string> {
  const answer = await callMiniMaxV2(target.upstream, `/v2/query/video_generation/${taskId}`, { method: 'GET', ...(signal ? { signal } : {}) });
  const url = ((answer.task as V2Answer | undefined)?.content as { url?: unknown } | undefined)?.url;
  if (typeof url !== 'string' || !url) throw new ApiError(404, 'not_found', 'This task has no video (it is not finished, or it failed).');
  return url;
}

/** GET|HEAD /api/v2/video_generation/{task_id}/content: through a sealed link (`t`), or with credentials. */
export async function streamV2Content(request: Request, env: Env, deps: TargetDeps, nowMs: number, authorized: () => Promise<RouteContext>): Promise<Response> {
  const taskId = CONTENT_PATH.exec(new URL(request.url).pathname)?.[1];
  if (!taskId) throw new ApiError(400, 'invalid_request', 'task_id must be digits only.', { field: 'task_id' });
  const range = parseRange(request.headers.get('range'));
  const options = { range, filename: `hailuo_${taskId}.mp4`, signal: request.signal };
  const token = new URL(request.url).searchParams.get('t');
  if (token === null) {
    const ctx = await authorized();
    await requireOwnedV2(ctx, taskId);
    const url = await freshUrl(ctx.target, taskId, request.signal);
    return streamFile(checkDownloadUrl(url, ctx.target.files), ctx.target.files, options);
  }
  const claims = await openSealed(env, token, nowMs, taskId, 'task');
  return streamSealed(env, deps, claims, options, (server) => freshUrl(server, taskId, request.signal));
}

/**
 * Regeneration's base_video may be a video link of this worker (the studio's "Remaster at 2K"): MiniMax cannot
 * fetch a link meant for the caller, so it is swapped for the task's fresh CDN URL — after checking the caller may
 * see that task. Any other URL is MiniMax's to judge.
 */
export async function resolveBaseVideo(ctx: RouteContext, body: Record<string, unknown>): Promise<void> {
  for (const item of body.content as Record<string, unknown>[]) {
    if (item.role !== 'base_video') continue;
    const holder = item.video_url as { url: string };
    const url = parseUrl(holder.url);
    const taskId = url && CONTENT_PATH.exec(url.pathname)?.[1];
    if (!url || !taskId || url.origin !== new URL(ctx.request.url).origin) continue;
    await requireOwnedV2(ctx, taskId);
    item.video_url = { ...holder, url: await freshUrl(ctx.target, taskId, ctx.request.signal) };
  }
}

function parseUrl(value: string): URL | null {
  try {
    return new URL(value);
  } catch {
    return null;
  }
}
