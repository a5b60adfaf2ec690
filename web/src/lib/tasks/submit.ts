// Sending a paid create: the row is written first, and nothing is ever re-sent without the user.
import { createFor, promptOf, validateStudioRequest, type RequestIssue, type StudioRequest } from './v2-request';
import { ApiError } from '../api/errors';
import type { ApiClient } from '../api/client';
import { submitLockName } from './tabs';
import type { TaskError, TaskRecord, TaskStatus } from './types';

export interface SubmitStore {
  putTask(task: TaskRecord): Promise<void>;
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
  newId?: () => string;
  /** absent: no other tab to tell (no Web Locks) */
  withLock?: WithLock;
}

export interface SubmitOptions {
  batchId?: string;
  /** resend into this row: only after a definite refusal (429 rate limit), never after an unanswered create */
  reuseId?: string;
}

export type SubmitOutcome =
  | { ok: true; task: TaskRecord }
  | { ok: false; reason: 'invalid'; issue: RequestIssue }
  | { ok: false; reason: 'rejected' | 'uncertain'; task: TaskRecord; error: ApiError | TaskError };

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

/** Resolves once MiniMax has answered and the answer is stored: only then may the UI say "submitted". */
export async function submitTask(request: StudioRequest, deps: SubmitDeps, options: SubmitOptions = {}): Promise<SubmitOutcome> {
  const validation = validateStudioRequest(request);
  if (!validation.ok) return { ok: false, reason: 'invalid', issue: validation.issue };
  const now = deps.now ?? Date.now;
  const body = validation.value;
  const id = options.reuseId ?? (deps.newId ?? (() => crypto.randomUUID()))();
  return locked(deps, id, async () => {
    const previous = options.reuseId ? await deps.store.getTask(options.reuseId) : undefined;
    const row: TaskRecord = {
      id,
      request: body,
      mode: validation.mode,
      model: body.model,
      prompt: promptOf(body),
      status: 'submitting',
      createdAt: previous?.createdAt ?? now(),
      sentAt: now(),
      favourite: previous?.favourite ?? false,
      ...(options.batchId !== undefined ? { batchId: options.batchId } : {}),
    };
    await deps.store.putTask(row); // before the request: a page that dies now leaves a row to recover
    return send(row, deps);
  });
}

/**
 * Sends the create of a row written earlier as `queued`. The row is claimed (queued → submitting) in one
 * transaction under the row's lock, so however many tabs try, it is sent once. Null when it was not there to
 * claim: cancelled, or already sent.
 * After a rate limit (MiniMax refused it: nothing made, nothing charged) the row goes back to `queued`.
 */
export async function sendQueued(id: string, deps: SubmitDeps): Promise<SubmitOutcome | null> {
  const now = deps.now ?? Date.now;
  return locked(deps, id, async () => {
    const row = await deps.store.transitionTask(id, ['queued'], { status: 'submitting', sentAt: now(), error: undefined });
    if (!row) return null;
    const validation = validateStudioRequest(row.request);
    if (!validation.ok) {
      const error: TaskError = { code: 'invalid_request', message: validation.issue.message, field: validation.issue.field };
      const task = (await deps.store.updateTask(id, { status: 'rejected', error })) ?? { ...row, status: 'rejected', error };
      return { ok: false, reason: 'rejected', task, error };
    }
    const outcome = await send({ ...row, request: validation.value }, deps);
    if (!outcome.ok && outcome.reason === 'rejected' && isRateLimit(outcome.error)) {
      const back = await deps.store.transitionTask(id, ['rejected'], { status: 'queued', error: undefined });
      return { ...outcome, task: back ?? outcome.task };
    }
    return outcome;
  });
}

function isRateLimit(error: ApiError | TaskError): boolean {
  return error.code === 'rate_limited';
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
    taskId = await createFor(deps.api, row.request);
  } catch (error) {
    const definitelyRefused = error instanceof ApiError && error.reachedUpstream !== 'maybe';
    const status = definitelyRefused ? 'rejected' : 'uncertain';
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

export const INTERRUPTED: TaskError = {
  code: 'interrupted',
  message: 'The page closed while this was being sent: it may or may not have reached MiniMax.',
};

/**
 * At startup: a row still `submitting` lost its page mid-request, so nobody knows if MiniMax got it. With
 * `isSending` (Web Locks), a row whose create another tab is still sending is left alone.
 */
export async function recoverInterruptedSubmits(
  store: SubmitStore,
  isSending: (id: string) => Promise<boolean> = async () => false,
): Promise<TaskRecord[]> {
  const stuck = await store.listWithStatus('submitting');
  const recovered = await Promise.all(
    stuck.map(async (t) =>
      (await isSending(t.id)) ? undefined : store.transitionTask(t.id, ['submitting'], { status: 'uncertain', error: INTERRUPTED }),
    ),
  );
  return recovered.filter((t): t is TaskRecord => !!t);
}

/** The request of an earlier row, for a retry the user asked for: it will be a new row. */
export async function requestForRetry(store: SubmitStore, id: string): Promise<{ request: StudioRequest; batchId?: string } | null> {
  const task = await store.getTask(id);
  if (!task || task.status === 'submitting' || task.status === 'queued') return null;
  return { request: task.request, ...(task.batchId !== undefined ? { batchId: task.batchId } : {}) };
}

/** Retries by explicit user action only; makes a new row, the old one stays as it was. */
export async function retryTask(id: string, deps: SubmitDeps): Promise<SubmitOutcome | null> {
  const again = await requestForRetry(deps.store, id);
  return again && submitTask(again.request, deps, again.batchId !== undefined ? { batchId: again.batchId } : {});
}
