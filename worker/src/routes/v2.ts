// The v2 video API (MiniMax-H3 family) under /api/v2: validate, then forward; answers in MiniMax's v2 shapes.
// Task ids stay strings; every `content.url` becomes a sealed link of this worker (v2-links.ts).
import {
  V2_BODY_MAX_BYTES,
  V2_QUERY_WINDOW_SECONDS,
  validateV2ContextIr,
  validateV2Create,
  validateV2ListQuery,
  validateV2Regeneration,
  type V2Issue,
  type V2Validation,
} from '../contract';
import { readJsonBody } from '../http/body';
import { ApiError } from '../http/errors';
import { callMiniMaxV2, type V2Answer } from '../minimax/v2';
import type { RouteContext } from './context';
import { idempotentCreate } from './create';
import { requireOwnedV2 } from './ownership';
import { resolveBaseVideo, withWorkerLink } from './v2-links';

type Validator = (body: unknown) => V2Validation;

/** POST /api/v2/video_generation, /api/v2/h3_context_ir, /api/v2/video_regeneration: paid task creates. */
function v2Create(upstreamPath: string, validate: Validator) {
  return async function v2CreateRoute(ctx: RouteContext): Promise<Response> {
    const body = await readJsonBody(ctx.request, V2_BODY_MAX_BYTES);
    const result = validate(body);
    if (!result.ok) throw invalid(result.issue);
    if (ctx.caller.isolated) refuseForeignFiles(result.value);
    if (upstreamPath === '/v2/video_regeneration') await resolveBaseVideo(ctx, result.value);
    const forwarded = JSON.stringify(result.value);
    return idempotentCreate(ctx, forwarded, async (signal) => {
      const answer = await callMiniMaxV2(ctx.target.upstream, upstreamPath, {
        method: 'POST',
        body: forwarded,
        signal,
        timeoutMs: ctx.target.upstream.createTimeoutMs,
      });
      const taskId = answer.task_id;
      if (typeof taskId !== 'string' || !/^\d+$/.test(taskId)) {
        throw new ApiError(502, 'upstream_unreadable', 'MiniMax accepted the request but sent no task id. Check your MiniMax task list before retrying.');
      }
      return { status: 200, body: JSON.stringify({ task_id: taskId }), taskId };
    });
  };
}

export const createV2Video = v2Create('/v2/video_generation', validateV2Create);
export const createV2ContextIr = v2Create('/v2/h3_context_ir', validateV2ContextIr);
export const createV2Regeneration = v2Create('/v2/video_regeneration', validateV2Regeneration);

function invalid(issue: V2Issue): ApiError {
  return new ApiError(400, 'invalid_request', issue.message, { field: issue.field, rule: issue.rule });
}

/**
 * `mm_file://` names a file of the server's MiniMax account, which on a shared studio may be another caller's
 * upload or video: only URLs and data URIs are taken from a caller who must stay apart from the others.
 */
function refuseForeignFiles(body: Record<string, unknown>): void {
  (body.content as Record<string, unknown>[]).forEach((item, index) => {
    const url = (item[item.type as string] as { url?: unknown } | undefined)?.url;
    if (typeof url === 'string' && /^mm_file:\/\//i.test(url)) {
      throw new ApiError(400, 'invalid_request', 'This studio is shared: send the file itself (a URL or data URI), not an mm_file:// id.', {
        field: `content[${index}].${item.type as string}.url`,
        rule: 'media_url',
      });
    }
  });
}

/** GET /api/v2/query/video_generation/{task_id} */
export async function queryV2Video(ctx: RouteContext, rawId: string): Promise<Response> {
  const taskId = v2TaskId(rawId);
  await requireOwnedV2(ctx, taskId);
  const answer = await callMiniMaxV2(ctx.target.upstream, `/v2/query/video_generation/${taskId}`, { method: 'GET', signal: ctx.request.signal });
  const task = answer.task as V2Answer | undefined;
  if (typeof task !== 'object' || task === null || typeof task.status !== 'string') {
    throw new ApiError(502, 'upstream_unreadable', 'MiniMax answered without a task status. Try again in a moment.');
  }
  return Response.json({ ...answer, task: await withWorkerLink(ctx, task) });
}

/** The most task ids one list asks MiniMax about for an isolated caller (its newest). */
const MAX_OWNED_IDS = 200;

/** GET /api/v2/query/video_generation: the caller's own tasks only, when callers stay apart. */
export async function listV2Videos(ctx: RouteContext): Promise<Response> {
  const checked = validateV2ListQuery(new URL(ctx.request.url).searchParams);
  if (!checked.ok) throw invalid(checked.issue);
  const params = checked.value;
  let owned: Set<string> | null = null;
  if (ctx.caller.isolated) {
    owned = new Set(await ctx.ledger.tasksSince(ctx.now() - V2_QUERY_WINDOW_SECONDS * 1000));
    const asked = params.getAll('filter.task_ids');
    const ids = (asked.length > 0 ? asked.filter((id) => owned!.has(id)) : [...owned]).slice(0, MAX_OWNED_IDS);
    if (ids.length === 0) return Response.json({ items: [], total: 0 });
    params.delete('filter.task_ids');
    for (const id of ids) params.append('filter.task_ids', id);
  }
  const query = params.size > 0 ? `?${params}` : '';
  const answer = await callMiniMaxV2(ctx.target.upstream, `/v2/query/video_generation${query}`, { method: 'GET', signal: ctx.request.signal });
  if (!Array.isArray(answer.items)) throw new ApiError(502, 'upstream_unreadable', 'MiniMax answered the list without items. Try again in a moment.');
  // Belt and braces: an item MiniMax returns outside the asked ids never reaches another caller.
  const items = (answer.items as V2Answer[]).filter((item) => !owned || owned.has(String(item.id)));
  return Response.json({ ...answer, items: await Promise.all(items.map((item) => withWorkerLink(ctx, item))) });
}

/** DELETE /api/v2/video_generation/{task_id}: cancels a queued task (free) or deletes a finished one. */
export async function deleteV2Video(ctx: RouteContext, rawId: string): Promise<Response> {
  const taskId = v2TaskId(rawId);
  await requireOwnedV2(ctx, taskId);
  const answer = await callMiniMaxV2(ctx.target.upstream, `/v2/video_generation/${taskId}`, { method: 'DELETE', signal: ctx.request.signal });
  return Response.json(answer);
}

/** A task id from the path: digits only, so nothing else ever reaches an upstream URL. */
export function v2TaskId(raw: string): string {
  if (!/^\d{1,32}$/.test(raw)) throw new ApiError(400, 'invalid_request', 'task_id must be digits only.', { field: 'task_id', rule: 'query_invalid' });
  return raw;
}
