// Callers stay apart: with several access codes on one server key, a task or file another caller made answers
// exactly as an unknown id does upstream, so ids can neither be read nor probed across callers.
import { ApiError } from '../http/errors';
import { failure } from '../minimax/upstream';
import type { RouteContext } from './context';

export async function recordOwned(ctx: RouteContext, kind: 'task' | 'file', id: string): Promise<void> {
  if (ctx.caller.isolated) await ctx.ledger.own(kind, id);
}

/** v1: MiniMax answers an unknown task or file id with base_resp 2013. */
export async function requireOwnedV1(ctx: RouteContext, kind: 'task' | 'file', id: string): Promise<void> {
  if (!ctx.caller.isolated || (await ctx.ledger.owns(kind, id))) return;
  throw failure({ status_code: 2013, status_msg: `invalid params, ${kind} not found` });
}

/** v2: MiniMax answers an unknown (or out-of-window) task id with 400 "invalid task_id". */
export async function requireOwnedV2(ctx: RouteContext, taskId: string): Promise<void> {
  if (!ctx.caller.isolated || (await ctx.ledger.owns('task', taskId))) return;
  throw unknownTaskV2();
}

export function unknownTaskV2(): ApiError {
  return new ApiError(400, 'invalid_params', 'MiniMax has no task with this id in the last 7 days.', {
    upstreamV2: { type: 'bad_request_error', message: 'invalid params, invalid task_id (2013)' },
    baseResp: { status_code: 2013, status_msg: 'invalid params, invalid task_id' },
    field: 'task_id',
  });
}
