// Sending a paid create: the row is written (queued) with its Idempotency-Key first, claimed under its lock, and
// sent again on its own only with that key (the worker answers a repeat with the first answer, so it is charged once).
// Whether the create cost money is chargeOf's word (api/charge.ts), stored as the row's status.
import { validateStudioRequest } from './request-validation';
import { createFor, type StudioRequest } from './v2-request';
import type { Charge } from '../api/charge';
import type { ApiClient } from '../api/client';
import { ApiError, networkError } from '../api/errors';
import { submitLockName } from './tabs';
import { MAX_RATE_LIMITED, type TaskError, type TaskRecord, type TaskStatus } from './types';

export { MAX_RATE_LIMITED } from './types';

export interface SubmitStore {
  getTask(id: string): Promise<TaskRecord | undefined>;
  updateTask(id: string, patch: Partial<Omit<TaskRecord, 'id'>>): Promise<TaskRecord | undefined>;
  /** the patch applies only while the row's status is one of `from` (one transaction) */
  transitionTask(id: string, from: readonly TaskStatus[], patch: Partial<Omit<TaskRecord, 'id'>>): Promise<TaskRecord | undefined>;
  listWithStatus(status: TaskRecord['status']): Promise<TaskRecord[]>;
}

/** Runs `work` holding the exclusive lock `name` (Web Locks), so other tabs can see a create is in flight. */
export type WithLock = <T>(name: string, work: () => Promise<T>) => Promise<T>;

export interface SubmitDeps {
  api: Pick<ApiClient, 'createTask'> & Partial<Pick<ApiClient, 'v2'>>;
  store: SubmitStore;
  now?: () => number;
  /** absent: no other tab to tell (no Web Locks) */
  withLock?: WithLock;
}

export type SubmitOutcome =
  | { ok: true; task: TaskRecord }
  | { ok: false; reason: 'rejected' | 'uncertain'; task: TaskRecord; error: ApiError | TaskError }
  /** no answer (offline, worker unreachable) or the same key still in flight: the row is `queued` again, with its key */
  | { ok: false; reason: 'waiting'; task: TaskRecord; error: ApiError };

/** A keyed row sent this long ago may be forgotten by the worker (it keeps keys 25 h): resending it could pay twice. */
export const KEY_TRUSTED_MS = 24 * 60 * 60_000;

/** The row's status for a create that did not succeed: refused (nothing charged) or uncertain (maybe charged). */
export function statusForCharge(charge: Exclude<Charge, 'charged'>): 'rejected' | 'uncertain' {
  return charge === 'not' ? 'rejected' : 'uncertain';
}

function taskError(error: unknown): TaskError {
  if (error instanceof ApiError) {
    return {
      code: error.code,
      message: error.message,
      ...(error.field !== undefined ? { field: error.field } : {}),
      ...(error.rule !== undefined ? { rule: error.rule } : {}),
    };
  }
  return { code: 'client_error', message: error instanceof Error ? error.message : String(error) };
}

/**
 * Sends the create of a row written earlier as `queued`. The row is claimed (queued → submitting) in one
 * transaction under the row's lock, so however many tabs try, it is sent once. Null when it was not there to
 * claim: cancelled, or already sent. Resolves once the answer is stored: only then may the UI say "submitted".
 * After a rate limit (MiniMax refused it: nothing made, nothing charged) the row goes back to `queued`.
 */
export async function sendQueued(id: string, deps: SubmitDeps): Promise<SubmitOutcome | null> {
  const now = deps.now ?? Date.now;
  return locked(deps, id, async () => {
    // claimed before the request: a page that dies now leaves a `submitting` row to recover
    const claimed = await deps.store.transitionTask(id, ['queued'], { status: 'submitting', sentAt: now(), error: undefined, waitingFor: undefined });
    if (!claimed) return null;
    // a row queued before keys existed gets one now, written before it is sent
    const row = claimed.idempotencyKey ? claimed : ((await deps.store.updateTask(id, { idempotencyKey: id })) ?? { ...claimed, idempotencyKey: id });
    const validation = validateStudioRequest(row.request);
    if (!validation.ok) {
      const error: TaskError = { code: 'invalid_request', message: validation.issue.message, field: validation.issue.field };
      const task = (await deps.store.updateTask(id, { status: 'rejected', error })) ?? { ...row, status: 'rejected', error };
      return { ok: false, reason: 'rejected', task, error };
    }
    const outcome = await send({ ...row, request: validation.value }, deps);
    if (!outcome.ok && outcome.reason === 'rejected' && isRateLimit(outcome.error)) {
      const count = (row.rateLimited ?? 0) + 1;
      if (count >= MAX_RATE_LIMITED) {
        const error: TaskError = { code: 'rate_limited_often', message: RATE_LIMITED_OFTEN };
        const task = (await deps.store.updateTask(id, { rateLimited: count, error })) ?? outcome.task;
        return { ok: false, reason: 'rejected', task, error };
      }
      const back = await deps.store.transitionTask(id, ['rejected'], { status: 'queued', waitingFor: 'rate_limit', rateLimited: count });
      return { ...outcome, task: back ?? outcome.task };
    }
    return outcome;
  });
}

const RATE_LIMITED_OFTEN =
  'MiniMax’s rate limit refused this task several times in a row, so it is no longer sent on its own (nothing was charged). Retry when you are ready.';

function isRateLimit(error: ApiError | TaskError): boolean {
  return error.code === 'rate_limited';
}

/** The key makes a resend safe when no answer came at all, or when the first send with this key is still out. */
function worthResending(error: unknown): error is ApiError {
  return error instanceof ApiError && (error.isNetwork || error.code === 'idempotency_busy');
}

function locked<T>(deps: SubmitDeps, id: string, work: () => Promise<T>): Promise<T> {
  return deps.withLock ? deps.withLock(submitLockName(id), work) : work();
}

/** The create itself, for a row already stored as `submitting`. */
async function send(row: TaskRecord, deps: SubmitDeps): Promise<SubmitOutcome> {
  const now = deps.now ?? Date.now;
  const { id } = row;
  let taskId: string;
  try {
    taskId = await createFor(deps.api, row.request, row.idempotencyKey);
  } catch (error) {
    if (row.idempotencyKey && worthResending(error)) {
      const back = await deps.store.transitionTask(id, ['submitting'], { status: 'queued', waitingFor: 'connection', error: taskError(error) });
      return { ok: false, reason: 'waiting', task: back ?? { ...row, status: 'queued' }, error };
    }
    // An ApiError carries chargeOf's verdict; anything else broke before an answer was read: nobody knows.
    const status = statusForCharge(error instanceof ApiError ? error.charge : 'maybe');
    const stored = (await deps.store.updateTask(id, { status, error: taskError(error) })) ?? { ...row, status };
    return { ok: false, reason: status, task: stored, error: error instanceof ApiError ? error : taskError(error) };
  }
  const task = (await deps.store.updateTask(id, { taskId, status: 'Preparing', submittedAt: now() })) ?? {
    ...row,
    taskId,
    status: 'Preparing',
  };
  return { ok: true, task };
}

/** What a create cut off by a closed page left: it may or may not have reached MiniMax. */
export const INTERRUPTED: TaskError = taskError(networkError(undefined, 'interrupted'));

/**
 * At startup: a row still `submitting` lost its page mid-request. One sent with its key in the last day is queued
 * again, to be resent with that key (the worker answers with the first answer: no second task). Any other may or
 * may not have reached MiniMax: `uncertain`. With `isSending` (Web Locks), a row another tab is still sending is
 * left alone.
 */
export async function recoverInterruptedSubmits(
  store: SubmitStore,
  isSending: (id: string) => Promise<boolean> = async () => false,
  now: () => number = Date.now,
): Promise<TaskRecord[]> {
  const interrupted = networkError(undefined, 'interrupted');
  const stuck = await store.listWithStatus('submitting');
  const recovered = await Promise.all(
    stuck.map(async (t) => {
      if (await isSending(t.id)) return undefined;
      if (t.idempotencyKey && now() - (t.sentAt ?? 0) < KEY_TRUSTED_MS) {
        return store.transitionTask(t.id, ['submitting'], { status: 'queued', waitingFor: undefined });
      }
      return store.transitionTask(t.id, ['submitting'], { status: statusForCharge(interrupted.charge), error: INTERRUPTED });
    }),
  );
  return recovered.filter((t): t is TaskRecord => !!t);
}

/**
 * The request of an earlier row, for a retry the user asked for: it will be a new row, in the same batch and, for a
 * remaster, linked to the same source.
 */
export async function requestForRetry(
  store: Pick<SubmitStore, 'getTask'>,
  id: string,
): Promise<{ request: StudioRequest; batchId?: string; link: Pick<TaskRecord, 'sourceId' | 'sourceSeconds'> } | null> {
  const task = await store.getTask(id);
  if (!task || task.status === 'submitting' || task.status === 'queued') return null;
  const link: Pick<TaskRecord, 'sourceId' | 'sourceSeconds'> = {};
  if (task.sourceId !== undefined) link.sourceId = task.sourceId;
  if (task.sourceSeconds !== undefined) link.sourceSeconds = task.sourceSeconds;
  return { request: task.request, ...(task.batchId !== undefined ? { batchId: task.batchId } : {}), link };
}
