// MiniMax runs at most V2_RATE_LIMITS.tasksInFlight MiniMax-H3 tasks of one account at once, and the pacer holds
// the next H3 send while that many are on MiniMax. The queue tells the user so, from the rows it already shows.
import { isV2Model, V2_RATE_LIMITS } from '$contract';
import type { TaskRecord } from './types';

const ON_MINIMAX: ReadonlySet<TaskRecord['status']> = new Set(['Preparing', 'Queueing', 'Processing']);

/** The live MiniMax-H3 tasks MiniMax is working on (made, not finished). */
export function v2OnMiniMax(live: readonly Pick<TaskRecord, 'model' | 'status' | 'taskId'>[]): number {
  return live.filter((task) => isV2Model(task.model) && !!task.taskId && ON_MINIMAX.has(task.status)).length;
}

/** Whether a waiting send of `model` is held until one of the account's H3 tasks finishes. */
export function waitsForV2Place(model: string, live: readonly Pick<TaskRecord, 'model' | 'status' | 'taskId'>[]): boolean {
  return isV2Model(model) && v2OnMiniMax(live) >= V2_RATE_LIMITS.tasksInFlight;
}

/** The key of the first waiting send held for a place under the cap (the one to say so on), or null. */
export function heldForPlace(
  pending: readonly { key: string; request: { model: string } }[],
  live: readonly Pick<TaskRecord, 'model' | 'status' | 'taskId'>[],
): string | null {
  return pending.find((item) => waitsForV2Place(item.request.model, live))?.key ?? null;
}
