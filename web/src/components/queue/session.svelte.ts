// What left the queue during this visit (done, failed, refused), so the page can show the result or the reason.
import type { PendingSubmission } from '../../lib/tasks/pacer';
import type { TaskRecord } from '../../lib/tasks/types';

const KEEP = 6;

export class SessionResults {
  finished = $state.raw<TaskRecord[]>([]);
  /** why the last send could not even be written locally (nothing was sent) */
  localError = $state<string | null>(null);
  /** the one finished video shown as a player (the newest, until another is chosen); the others are a Play button */
  playing = $state<string | null>(null);
  /** that player is playing: a newly finished video waits as a Play button rather than interrupt it */
  watching = $state(false);
  #seen = new Set<string>();

  /** Call with the live queue whenever it changes: ids that left it are looked up and kept. */
  sync(live: readonly TaskRecord[]): void {
    const now = new Set(live.map((task) => task.id));
    for (const id of this.#seen) {
      if (!now.has(id)) void this.#collect(id);
    }
    this.#seen = now;
  }

  /** A send refused before it became a row of the live queue. */
  add(task: TaskRecord): void {
    this.finished = [task, ...this.finished.filter((t) => t.id !== task.id)].slice(0, KEEP);
    if (task.status === 'Success' && task.video && !this.watching) this.playing = task.id;
  }

  play(id: string): void {
    this.playing = id;
    this.watching = false;
  }

  /** Keeps the refusals of these sends, even those too quick to ever show in the live queue. */
  follow(items: readonly PendingSubmission[]): void {
    for (const item of items) {
      void item.outcome.then((outcome) => {
        if (!outcome.ok && 'task' in outcome && outcome.task.status === 'rejected') this.add(outcome.task);
        if (!outcome.ok && outcome.reason === 'local_error') this.localError = outcome.message;
      });
    }
  }

  dismiss(id: string): void {
    this.finished = this.finished.filter((task) => task.id !== id);
  }

  async #collect(id: string): Promise<void> {
    const { getTask } = await import('../../lib/db'); // the db arrives with the engine, after the first paint
    const task = await getTask(id);
    if (task && (task.status === 'Success' || task.status === 'Fail' || task.status === 'rejected')) this.add(task);
  }
}

export const sessionResults = new SessionResults();
