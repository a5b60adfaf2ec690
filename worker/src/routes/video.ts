// POST /api/v1/video_generation and GET /api/v1/query/video_generation: validate, then forward.
import { validateVideoRequest } from '../contract';
import { readJsonBody } from '../http/body';
import { ApiError } from '../http/errors';
import { callMiniMax } from '../minimax/upstream';
import type { RouteContext } from './context';

export async function createVideo({ request, target }: RouteContext): Promise<Response> {
  const body = await readJsonBody(request);
  const result = validateVideoRequest(body);
  if (!result.ok) {
    const { field, rule, message } = result.issue;
    throw new ApiError(400, 'invalid_request', message, { field, rule });
  }
  const answer = await callMiniMax(target.upstream, '/v1/video_generation', {
    method: 'POST',
    body: JSON.stringify(result.value),
    signal: request.signal,
    timeoutMs: target.upstream.createTimeoutMs,
  });
  const taskId = answer.task_id;
  if (typeof taskId !== 'string' || !/^\d+$/.test(taskId)) {
    throw new ApiError(502, 'upstream_unreadable', 'MiniMax accepted the request but sent no task id. Check your MiniMax task list before retrying.');
  }
  return Response.json({ task_id: taskId, base_resp: answer.base_resp });
}

export async function queryVideo({ request, target }: RouteContext): Promise<Response> {
  const taskId = digitsParam(request, 'task_id');
  const answer = await callMiniMax(target.upstream, `/v1/query/video_generation?task_id=${taskId}`, {
    method: 'GET',
    signal: request.signal,
    // A failed task is a valid answer: its reason rides in base_resp, the status says Fail.
    accept: (a) => a.status === 'Fail',
  });
  if (typeof answer.status !== 'string' || !answer.status) {
    throw new ApiError(502, 'upstream_unreadable', 'MiniMax answered without a task status. Try again in a moment.');
  }
  return Response.json(answer);
}

/** MiniMax ids are int64 digit strings; anything else (`/ ? # %`, signs, spaces) never reaches a URL. */
export function digitsParam(request: Request, name: string): string {
  const value = new URL(request.url).searchParams.get(name);
  if (!value) throw new ApiError(400, 'invalid_request', `Add the ${name} query parameter.`, { field: name });
  if (!/^\d{1,32}$/.test(value)) throw new ApiError(400, 'invalid_request', `${name} must be digits only.`, { field: name });
  return value;
}
