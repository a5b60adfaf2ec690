// How long a task will likely take, from how long the same kind took before.
import type { TaskRecord } from './types';

export type Kind = Pick<TaskRecord, 'model' | 'request'>;

export function kindKey(task: Kind): string {
  return [task.model, task.request.resolution ?? '', task.request.duration ?? 6].join('|');
}

/** Seconds from submitted to finished, or null when the task did not finish with both times known. */
export function finishedSeconds(task: TaskRecord): number | null {
  if (task.status !== 'Success' || !task.submittedAt || !task.finishedAt) return null;
  return (task.finishedAt - task.submittedAt) / 1000;
}

export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** Remembers finished durations per model × resolution × duration (the latest `keep` of each). */
export class DurationBook {
  readonly #byKind = new Map<string, number[]>();
  /** each task counts once, whichever way it came in first */
  readonly #seen = new Set<string>();

  constructor(private readonly keep = 50) {}

  /** A task that just finished. */
  add(task: TaskRecord): void {
    this.#put([task], (list, seconds) => [...list, ...seconds]);
  }

  /** Tasks that finished before any added so far (the stored history, read later), oldest first. */
  addEarlier(tasks: readonly TaskRecord[]): void {
    this.#put(tasks, (list, seconds) => [...seconds, ...list]);
  }

  #put(tasks: readonly TaskRecord[], join: (list: number[], seconds: number[]) => number[]): void {
    const byKind = new Map<string, number[]>();
    for (const task of tasks) {
      const seconds = finishedSeconds(task);
      if (seconds === null || this.#seen.has(task.id)) continue;
      this.#seen.add(task.id);
      byKind.set(kindKey(task), [...(byKind.get(kindKey(task)) ?? []), seconds]);
    }
    for (const [kind, seconds] of byKind) this.#byKind.set(kind, join(this.#byKind.get(kind) ?? [], seconds).slice(-this.keep));
  }

  /** Median seconds for this kind of task, or null with no history. */
  estimate(task: Kind): number | null {
    const m = median(this.#byKind.get(kindKey(task)) ?? []);
    return m === null ? null : Math.round(m);
  }
}
