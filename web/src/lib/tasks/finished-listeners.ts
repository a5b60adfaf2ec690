import type { TaskRecord } from './types';

export type FinishedListener = (task: TaskRecord) => void;

/** The studio's onFinished listeners, each told once per task; one failing listener does not stop the others. */
export class FinishedListeners {
  readonly #listeners = new Set<FinishedListener>();
  readonly #finished = new Set<string>();

  add(listener: FinishedListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  fire(task: TaskRecord): void {
    if (this.#finished.has(task.id)) return;
    this.#finished.add(task.id);
    for (const listener of this.#listeners) {
      try {
        listener(task);
      } catch (error) {
        console.error('hailuo-studio: an onFinished listener failed', error);
      }
    }
  }
}
