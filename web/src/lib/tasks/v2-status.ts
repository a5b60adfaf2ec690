// MiniMax's v2 task statuses in the studio's task lifecycle (which speaks v1's words): what the poller stores.
import type { QueryResult } from '../api/client';
import type { V2Task } from '../api/v2';
import type { TaskError, TaskRecord, UpstreamStatus } from './types';

/** A v2 query answer as the poller reads a v1 one, plus what a v2 row keeps besides. */
export interface V2QueryResult extends QueryResult {
  /** why it failed, when it did (v2 carries its own reason) */
  error?: TaskError;
  patch: Partial<Omit<TaskRecord, 'id'>>;
}

export const CANCELLED: TaskError = { code: 'cancelled', message: 'Cancelled before it started: nothing was charged.' };
export const EXPIRED: TaskError = { code: 'expired', message: 'MiniMax gave up on this task before it finished (expired).' };

const STATUS: Record<string, UpstreamStatus> = {
  queued: 'Queueing',
  running: 'Processing',
  succeeded: 'Success',
  failed: 'Fail',
  cancelled: 'Fail',
  expired: 'Fail',
};

/** Unknown statuses count as still running: only a status MiniMax calls final ends a task. */
export function v2StatusOf(status: string): UpstreamStatus {
  return STATUS[status] ?? 'Processing';
}

export function v2Failure(task: Pick<V2Task, 'status' | 'error'>): TaskError | undefined {
  if (task.status === 'cancelled') return CANCELLED;
  if (task.status === 'expired') return EXPIRED;
  if (task.status !== 'failed') return undefined;
  const detail = task.error?.message ? `: ${task.error.message}` : '.';
  return { code: task.error?.code ? `minimax_${task.error.code}` : 'task_failed', message: `MiniMax could not make this video${detail}` };
}

export function v2QueryResult(task: V2Task): V2QueryResult {
  const status = v2StatusOf(task.status);
  const error = v2Failure(task);
  const finished = status === 'Success' && !!task.content?.url;
  const usage = task.usage && Object.keys(task.usage).length > 0 ? { usage: task.usage } : {};
  return {
    task_id: task.id,
    // a success without a link yet is asked again, as v1's Success without file_id
    status,
    // a v2 video is fetched by its task id
    ...(finished ? { file_id: task.id } : {}),
    base_resp: { status_code: 0, status_msg: '' },
    ...(error ? { error } : {}),
    patch: usage,
  };
}
