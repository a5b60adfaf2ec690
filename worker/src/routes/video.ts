// POST /api/v1/video_generation and GET /api/v1/query/video_generation: validate, then forward.
import { readVideoRequest } from '../contract';
import { readJsonBody } from '../http/body';
import { ApiError } from '../http/errors';
import { callMiniMax } from '../minimax/upstream';
import type { RouteContext } from './context';
import { idempotentCreate } from './create';
import { recordOwned, requireOwnedV1 } from './ownership';

export async function createVideo(ctx: RouteContext): Promise<Response> {
  const { request, target } = ctx;
  const body = await readJsonBody(request);
  const result = readVideoRequest(body);
  if (!result.ok) {
    const { field, rule, message } = result.issue;
    throw new ApiError(400, 'invalid_request', message, { field, rule });
  }
  const forwarded = JSON.stringify(result.value);
  const response = await idempotentCreate(ctx, forwarded, async (signal) => {
    const answer = await callMiniMax(target.upstream, '/v1/video_generation', {
      method: 'POST',
      body: forwarded,
      signal,
      timeoutMs: target.upstream.createTimeoutMs,
    });
    const taskId = answer.task_id;
    if (typeof taskId !== 'string' || !/^\d+$/.test(taskId)) {
      throw new ApiError(502, 'upstream_unreadable', 'MiniMax accepted the request but sent no task id. Check your MiniMax task list before retrying.');
    }
    return { status: 200, body: JSON.stringify({ task_id: taskId, base_resp: answer.base_resp }), taskId };
  });
  if (result.dropped.length) response.headers.set('X-Dropped-Fields', droppedHeader(result.dropped));
  return response;
}

/** The dropped names for the curious, percent-encoded (a client's name must not break the header), at most 20. */
function droppedHeader(names: string[]): string {
  return names.slice(0, 20).map((name) => encodeURIComponent(name.slice(0, 64))).join(', ');
}

export async function queryVideo(ctx: RouteContext): Promise<Response> {
  const { request, target } = ctx;
  const taskId = digitsParam(request, 'task_id');
  await requireOwnedV1(ctx, 'task', taskId);
  const answer = await callMiniMax(target.upstream, `/v1/query/video_generation?task_id=${taskId}`, {
    method: 'GET',
    signal: request.signal,
    // A failed task is a valid answer: its reason rides in base_resp, the status says Fail.
    accept: (a) => a.status === 'Fail',
  });
  if (typeof answer.status !== 'string' || !answer.status) {
    throw new ApiError(502, 'upstream_unreadable', 'MiniMax answered without a task status. Try again in a moment.');
  }
  if (typeof answer.file_id === 'string' && answer.file_id) await recordOwned(ctx, 'file', answer.file_id);
  return Response.json(answer);
}

/** MiniMax ids are int64 digit strings; anything else (`/ ? # %`, signs, spaces) never reaches a URL. */
export function digitsParam(request: Request, name: string): string {
  const value = new URL(request.url).searchParams.get(name);
  if (!value) throw new ApiError(400, 'invalid_request', `Add the ${name} query parameter.`, { field: name });
  if (!/^\d{1,32}$/.test(value)) throw new ApiError(400, 'invalid_request', `${name} must be digits only.`, { field: name });
  return value;
}
