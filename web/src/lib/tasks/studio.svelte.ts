// The studio as the UI sees it: a light view whose engine (IndexedDB, the API client, the scheduler, the pacer,
// the tabs' coordination) is loaded right after the first paint, so the first screen's JS stays small.
// Reads are reactive and safe before the engine arrives (an empty queue); actions wait for it.
import type { ImportResult } from '../db/archive';
import type { StudioRequest } from './v2-request';
import type { AddExistingResult, FinishedListener, Studio, StudioMode, SubmitResult } from './engine.svelte';
import type { PendingSubmission } from './pacer';
import type { TaskRecord } from './types';

export type { AddExistingResult, FinishedListener, StudioMode, SubmitResult } from './engine.svelte';

const NO_TASKS: TaskRecord[] = [];
const NO_PENDING: readonly PendingSubmission[] = [];
const NO_IDS = new Set<string>();

class StudioView {
  #engine = $state.raw<Studio | undefined>(undefined);
  #loading: Promise<Studio> | undefined;
  /** finished-listeners, each with its detach from the engine once attached */
  readonly #listeners = new Map<FinishedListener, (() => void) | undefined>();

  get live(): TaskRecord[] {
    return this.#engine?.live ?? NO_TASKS;
  }
  get pending(): readonly PendingSubmission[] {
    return this.#engine?.pending ?? NO_PENDING;
  }
  get nextSlotAt(): number | null {
    return this.#engine?.nextSlotAt ?? null;
  }
  get stale(): Set<string> {
    return this.#engine?.stale ?? NO_IDS;
  }
  get mode(): StudioMode {
    return this.#engine?.mode ?? 'unknown';
  }
  get upgradeBlocked(): boolean {
    return this.#engine?.upgradeBlocked ?? false;
  }
  get storageFull(): boolean {
    return this.#engine?.storageFull ?? false;
  }
  get historyVersion(): number {
    return this.#engine?.historyVersion ?? 0;
  }
  get isLeader(): boolean {
    return this.#engine?.isLeader ?? false;
  }
  /** true once the engine is running (the queue and history shown are real) */
  get ready(): boolean {
    return this.#engine !== undefined;
  }

  /** Loads the engine and starts it; every action waits for this. */
  start(): Promise<void> {
    return this.#load().then((engine) => engine.start());
  }

  #load(): Promise<Studio> {
    this.#loading ??= import('./engine.svelte').then(({ createStudio }) => {
      const engine = createStudio();
      for (const listener of this.#listeners.keys()) this.#listeners.set(listener, engine.onFinished(listener));
      this.#engine = engine;
      return engine;
    });
    return this.#loading;
  }

  async submit(requests: StudioRequest[], batchId?: string): Promise<SubmitResult> {
    return (await this.#load()).submit(requests, batchId);
  }
  async retry(id: string): Promise<SubmitResult | null> {
    return (await this.#load()).retry(id);
  }
  async remaster(id: string): Promise<SubmitResult | null> {
    return (await this.#load()).remaster(id);
  }
  async addExisting(taskId: string): Promise<AddExistingResult> {
    return (await this.#load()).addExisting(taskId);
  }
  cancelPending(key: string): boolean {
    return this.#engine?.cancelPending(key) ?? false;
  }
  async importHistory(file: Blob): Promise<ImportResult> {
    return (await this.#load()).importHistory(file);
  }
  async checkNow(id: string): Promise<void> {
    return (await this.#load()).checkNow(id);
  }
  async remove(id: string): Promise<void> {
    return (await this.#load()).remove(id);
  }
  async dismiss(id: string): Promise<boolean> {
    return (await this.#load()).dismiss(id);
  }
  async cancelQueued(id: string): Promise<void> {
    return (await this.#load()).cancelQueued(id);
  }
  async toggleFavourite(id: string): Promise<boolean | undefined> {
    return (await this.#load()).toggleFavourite(id);
  }
  async refreshMode(): Promise<StudioMode> {
    return (await this.#load()).refreshMode();
  }
  estimateSeconds(task: Pick<TaskRecord, 'model' | 'request'>): number | null {
    return this.#engine?.estimateSeconds(task) ?? null;
  }
  /** Called once per task when its video is stored or it ends in Fail (in the tab that polls). */
  onFinished(listener: FinishedListener): () => void {
    this.#listeners.set(listener, this.#engine?.onFinished(listener));
    return () => {
      this.#listeners.get(listener)?.();
      this.#listeners.delete(listener);
    };
  }
}

/** The app's one studio. Call `studio.start()` once at boot. */
export const studio = new StudioView();
