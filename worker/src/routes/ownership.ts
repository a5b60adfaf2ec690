// Callers stay apart: with several access codes on one server key, a task or file another caller made answers
// exactly as an unknown id does upstream, so ids can neither be read nor probed across callers.
import type { ApiError } from '../http/errors';
import { failure } from '../minimax/upstream';
import { v2Error } from '../minimax/v2';
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

/** Exactly what MiniMax's own answer for an unknown id becomes when relayed. */
export function unknownTaskV2(): ApiError {
  return v2Error(400, { type: 'bad_request_error', message: 'invalid params, invalid task_id (2013)' });
}
