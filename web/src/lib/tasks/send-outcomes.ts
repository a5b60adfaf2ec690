// The outcome of each queued row's send, promised to whoever queued it (`PendingSubmission.outcome`) and settled
// when the row leaves `queued`: sent by this tab's pacer, sent by another tab, or deleted.
import type { PacedOutcome, PendingSubmission } from './pacer';
import { INTERRUPTED, type SubmitOutcome } from './submit';
import type { TaskRecord } from './types';

interface Deferred {
  promise: Promise<PacedOutcome>;
  settle(outcome: PacedOutcome): void;
}

/** What a row that left `queued` says about its send. Undefined while it is still waiting or being sent. */
function outcomeOfRow(task: TaskRecord | undefined): PacedOutcome | undefined {
  if (!task) return { ok: false, reason: 'cancelled' };
  if (task.status === 'queued' || task.status === 'submitting') return undefined;
  if (task.status === 'rejected') return { ok: false, reason: 'rejected', task, error: task.error ?? { code: 'rejected', message: '' } };
  if (task.status === 'uncertain') return { ok: false, reason: 'uncertain', task, error: task.error ?? INTERRUPTED };
  return { ok: true, task };
}

export class SendOutcomes {
  readonly #deferred = new Map<string, Deferred>();

  /** The `queued` row as a waiting send, with its outcome promised. */
  pendingOf(row: TaskRecord): PendingSubmission {
    return {
      key: row.id,
      request: row.request,
      enqueuedAt: row.createdAt,
      outcome: this.#outcome(row.id).promise,
      ...(row.waitingFor !== undefined ? { waitingFor: row.waitingFor } : {}),
      ...(row.error !== undefined ? { error: row.error } : {}),
      ...(row.rateLimited !== undefined ? { rateLimited: row.rateLimited } : {}),
      ...(row.batchId !== undefined ? { batchId: row.batchId } : {}),
    };
  }

  settle(id: string, outcome: SubmitOutcome | PacedOutcome): void {
    const deferred = this.#deferred.get(id);
    if (!deferred) return;
    this.#deferred.delete(id);
    deferred.settle(outcome);
  }

  /** Settles every promised outcome whose row is no longer among the `waiting` ids, by what the row now says. */
  async settleLeftQueue(waiting: ReadonlySet<string>, getTask: (id: string) => Promise<TaskRecord | undefined>): Promise<void> {
    for (const id of this.#deferred.keys()) {
      if (waiting.has(id)) continue;
      const outcome = outcomeOfRow(await getTask(id).catch(() => ({ status: 'queued' }) as TaskRecord));
      if (outcome) this.settle(id, outcome);
    }
  }

  #outcome(id: string): Deferred {
    let deferred = this.#deferred.get(id);
    if (!deferred) {
      let settle!: Deferred['settle'];
      const promise = new Promise<PacedOutcome>((resolve) => (settle = resolve));
      deferred = { promise, settle };
      this.#deferred.set(id, deferred);
    }
    return deferred;
  }
}
