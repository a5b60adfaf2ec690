// The studio's engine: the state the UI reads about generations (studio-state.svelte.ts), and the actions it calls
// (the UI reaches it through the light `studio` view in studio.svelte.ts, which loads this module after the first
// paint). Everything durable is in IndexedDB. This tab's work among the tabs (leading or following, keeping the
// view in step) is in tab-coordinator.ts.
import type { RequestIssue, StudioRequest } from './v2-request';
import { isV2Model } from '$contract';
import { createApiClient, type ApiClient } from '../api/client';
import { ApiError } from '../api/errors';
import * as db from '../db';
import { settings as appSettings } from '../settings.svelte';
import { realClock, type Clock } from './clock';
import { DurationBook } from './estimate';
import { FinishedListeners, type FinishedListener } from './finished-listeners';
import type { LeadershipDeps } from './leadership';
import type { PendingSubmission } from './pacer';
import { queuedRows } from './queued-rows';
import { canRemaster, remasterRequest, remasterSeconds } from './remaster';
import type { Environment, PollPolicy } from './scheduler';
import { SendOutcomes } from './send-outcomes';
import { StudioState, type StudioMode } from './studio-state.svelte';
import { requestForRetry } from './submit';
import { TabCoordinator } from './tab-coordinator';
import type { TaskRecord } from './types';

export { belongsInQueue } from './queue-view';
export type { FinishedListener } from './finished-listeners';
export type { StudioMode } from './studio-state.svelte';

export type SubmitResult =
  | { ok: true; items: PendingSubmission[] }
  /** nothing was queued: request `index` is invalid */
  | { ok: false; index: number; issue: RequestIssue };

export type AddExistingResult = { ok: true; task: TaskRecord } | { ok: false; code: string };

export interface StudioDeps extends LeadershipDeps {
  api: ApiClient;
  store: db.StudioStore;
  clock: Clock;
  env?: Environment;
  policy?: Partial<PollPolicy>;
  perMinute: () => number;
  newId?: () => string;
}

export class Studio extends StudioState {
  readonly #deps: StudioDeps;
  readonly #durations = new DurationBook();
  readonly #outcomes = new SendOutcomes();
  readonly #finished = new FinishedListeners();
  readonly #tab: TabCoordinator;
  #lastCreatedAt = 0;

  constructor(deps: StudioDeps) {
    super();
    this.#deps = deps;
    this.#tab = new TabCoordinator(deps, {
      state: this,
      durations: this.#durations,
      outcomes: this.#outcomes,
      finished: this.#finished,
      refreshMode: () => this.refreshMode(),
    });
  }

  /**
   * Shows the queue and history, learns the server's mode, and either leads (recovers interrupted sends, resumes
   * queued sends, polling and downloads) or follows a leading tab until it closes. Safe to call twice.
   */
  start(): Promise<void> {
    return this.#tab.start();
  }

  /** Stops this tab's work; the next tab in line takes over leading. */
  stop(): void {
    this.#tab.stop();
  }

  async refreshMode(): Promise<StudioMode> {
    try {
      this.modeLearnt((await this.#deps.api.health()).mode);
    } catch {
      this.modeLearnt('unknown');
    }
    return this.mode;
  }

  /**
   * Validates every request first (nothing is queued if one is invalid), then writes them down as `queued` rows
   * (nothing sent, nothing charged) that the leading tab sends at the paced rate, in order, even after a reload.
   * Rejects only when the rows cannot be written (e.g. db.StorageFullError-like quota errors): nothing is queued then.
   */
  async submit(requests: StudioRequest[], batchId?: string, extra: Partial<TaskRecord> = {}): Promise<SubmitResult> {
    const plain = requests.map((r) => $state.snapshot(r) as StudioRequest);
    const queued = queuedRows(plain, batchId, {
      newId: this.#deps.newId ?? (() => crypto.randomUUID()),
      nextCreatedAt: () => (this.#lastCreatedAt = Math.max(this.#deps.clock.now(), this.#lastCreatedAt + 1)),
    });
    if (!queued.ok) return queued;
    const rows = queued.rows.map((row) => ({ ...row, ...extra }));
    await this.#tab.store.putTasks(rows);
    return { ok: true, items: rows.map((row) => this.#outcomes.pendingOf(row)) };
  }

  /**
   * "Remaster at 2K": a new task (its own row and Idempotency-Key, paced and sent like any other) that re-renders a
   * finished 768P MiniMax-H3 video at 2K, linked both ways: the remaster names its source, the source its remaster.
   * Null when the task cannot be remastered.
   */
  async remaster(id: string): Promise<SubmitResult | null> {
    const source = await this.#deps.store.getTask(id);
    if (!source || !canRemaster(source)) return null;
    const request = remasterRequest(source, this.#deps.api.v2.contentLink(source.taskId!));
    const seconds = remasterSeconds(source);
    return this.#submitRemaster(request, { sourceId: source.id, ...(seconds !== undefined ? { sourceSeconds: seconds } : {}) });
  }

  /** A new attempt of an earlier task, only ever on the user's word: a new row, paced like any other. */
  async retry(id: string): Promise<SubmitResult | null> {
    const again = await requestForRetry(this.#deps.store, id);
    if (!again) return null;
    return again.link.sourceId ? this.#submitRemaster(again.request, again.link) : this.submit([again.request], again.batchId);
  }

  /** A remaster's row, and its source pointed at it (the newest attempt is the one "Remastered at 2K" shows). */
  async #submitRemaster(request: StudioRequest, link: Pick<TaskRecord, 'sourceId' | 'sourceSeconds'>): Promise<SubmitResult> {
    const result = await this.submit([request], undefined, link);
    if (result.ok && link.sourceId) await this.#tab.store.updateTask(link.sourceId, { remasterId: result.items[0].key });
    return result;
  }

  /**
   * Follows a task made elsewhere (or lost by an older page) by MiniMax's task id, typed by hand: asked about once
   * (so a wrong id is refused at once), then polled and its video stored like any task. Nothing is created or paid.
   */
  async addExisting(typed: string): Promise<AddExistingResult> {
    const taskId = typed.trim();
    if (!/^\d{1,30}$/.test(taskId)) return { ok: false, code: 'task_id_format' };
    const known = await this.#deps.store.findByTaskId(taskId);
    if (known) return { ok: false, code: 'task_id_known' };
    let status: TaskRecord['status'];
    try {
      status = (await this.#deps.api.queryTask(taskId)).status;
    } catch (error) {
      return { ok: false, code: error instanceof ApiError ? error.code : 'network_error' };
    }
    const now = this.#deps.clock.now();
    const row: TaskRecord = {
      id: (this.#deps.newId ?? (() => crypto.randomUUID()))(),
      taskId,
      request: { model: '' },
      mode: 't2v',
      model: '',
      prompt: '',
      status: status === 'Success' ? 'Processing' : status, // the next check reads its file id and stores the video
      createdAt: now,
      submittedAt: now,
      favourite: false,
      addedById: true,
    };
    await this.#tab.store.putTasks([row]);
    this.#tab.duties?.scheduler.track(row);
    await this.#tab.refresh();
    return { ok: true, task: row };
  }

  /** Takes a waiting send out of the queue (its row is deleted: it was never sent). False if it was not waiting. */
  cancelPending(key: string): boolean {
    if (!this.pending.some((item) => item.key === key)) return false;
    this.#tab.duties?.pacer.cancel(key);
    this.dropPending(key);
    void this.#tab.store.deleteTaskIf(key, ['queued']).then((deleted) => {
      if (deleted) this.#outcomes.settle(key, { ok: false, reason: 'cancelled' });
    });
    return true;
  }

  /**
   * Merges an exported history into this browser's, all of it or nothing (a damaged file changes nothing). The
   * other tabs hear of it, the history's caches are refreshed, and live rows it brought in are polled.
   */
  async importHistory(file: Blob): Promise<db.ImportResult> {
    const result = await this.#tab.store.importHistory(file);
    await this.#tab.refresh();
    return result;
  }

  /** Checks a task now (or retries its download). In a follower tab, asks the leader to. */
  checkNow(id: string): Promise<void> {
    return this.#tab.checkNow(id);
  }

  async remove(id: string): Promise<void> {
    this.#tab.duties?.scheduler.forget(id);
    this.#tab.duties?.pacer.cancel(id);
    await this.#tab.store.deleteTask(id);
    await this.#tab.refresh();
  }

  /**
   * The way out of `uncertain` besides retry and remove: the row leaves the live queue and stays in the history
   * as it is (flag `dismissed`). False when the row is not uncertain.
   */
  async dismiss(id: string): Promise<boolean> {
    const task = await this.#tab.store.transitionTask(id, ['uncertain'], { dismissed: true });
    await this.#tab.refresh();
    return !!task;
  }

  /**
   * Calls `listener` once per task when it ends: its video stored (Success with the bytes in IndexedDB) or MiniMax
   * failed it (Fail). Fired by the leading tab only, so once across all tabs. Returns an unsubscribe function.
   */
  onFinished(listener: FinishedListener): () => void {
    return this.#finished.add(listener);
  }

  /** Cancels an H3 task MiniMax has not started yet (free); the next check records it as cancelled. */
  async cancelQueued(id: string): Promise<void> {
    const task = await this.#deps.store.getTask(id);
    if (!task?.taskId || !isV2Model(task.model) || task.status !== 'Queueing') return;
    await this.#deps.api.v2.cancel(task.taskId);
    await this.checkNow(id);
  }

  async toggleFavourite(id: string): Promise<boolean | undefined> {
    const task = await this.#deps.store.getTask(id);
    if (!task) return undefined;
    const updated = await this.#tab.store.updateTask(id, { favourite: !task.favourite });
    await this.#tab.refresh();
    return updated?.favourite;
  }

  /** Seconds this task will likely take in total (median of finished ones of the same model/resolution/duration). */
  estimateSeconds(task: Pick<TaskRecord, 'model' | 'request'>): number | null {
    return this.#durations.estimate(task);
  }
}

export function createStudio(overrides: Partial<StudioDeps> = {}): Studio {
  return new Studio({
    api: overrides.api ?? createApiClient(() => appSettings.api),
    store: overrides.store ?? db.studioStore,
    clock: overrides.clock ?? realClock,
    perMinute: overrides.perMinute ?? (() => appSettings.perMinute),
    ...(overrides.env ? { env: overrides.env } : {}),
    ...(overrides.policy ? { policy: overrides.policy } : {}),
    ...(overrides.newId ? { newId: overrides.newId } : {}),
    ...(overrides.locks !== undefined ? { locks: overrides.locks } : {}),
    ...(overrides.channel !== undefined ? { channel: overrides.channel } : {}),
  });
}
