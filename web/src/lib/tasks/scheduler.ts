// One polling loop for every live task: per-task backoff, one call in flight per task, Retry-After,
// wake-ups on online / visible / after sleep, resume after reload, then the video into IndexedDB.
// Only MiniMax's `Fail` fails a task: timeouts and errors only make it "still checking" (stale).
import { failureForStatusCode, isV2Model, MAPPED_STATUS_CODES, V2_QUERY_WINDOW_SECONDS } from '$contract';
import { ApiError } from '../api/errors';
import type { StoredVideo, TaskError, TaskRecord } from './types';
import { isLive } from './types';
import { pollOnce, streamOnce, type PollApi } from './v2-poll';
import { realClock, type Clock } from './clock';

export interface PollPolicy {
  firstDelayMs: number;
  factor: number;
  maxDelayMs: number;
  staleAfterMs: number;
  /** consecutive errors beyond which a task shows as stale */
  staleAfterErrors: number;
  downloadDelaysMs: readonly number[];
  /** a timer this late means the machine slept: re-check everything */
  driftMs: number;
}

export const DEFAULT_POLICY: PollPolicy = {
  firstDelayMs: 3_000,
  factor: 1.5,
  maxDelayMs: 15_000,
  staleAfterMs: 20 * 60_000,
  staleAfterErrors: 3,
  downloadDelaysMs: [5_000, 15_000, 30_000, 60_000, 120_000, 300_000],
  driftMs: 30_000,
};

export interface SchedulerStore {
  listLiveTasks(): Promise<TaskRecord[]>;
  listPendingDownloads(): Promise<TaskRecord[]>;
  updateTask(id: string, patch: Partial<Omit<TaskRecord, 'id'>>): Promise<TaskRecord | undefined>;
  saveVideo(id: string, stream: ReadableStream<Uint8Array>, expectedBytes?: number): Promise<StoredVideo>;
}

/** What the scheduler listens to; the page's window and document by default. */
export interface Environment {
  addEventListener(type: 'online' | 'visibilitychange', listener: () => void): void;
  removeEventListener(type: 'online' | 'visibilitychange', listener: () => void): void;
  isVisible(): boolean;
  isOnline(): boolean;
}

export interface SchedulerDeps {
  api: PollApi;
  store: SchedulerStore;
  clock?: Clock;
  env?: Environment;
  policy?: Partial<PollPolicy>;
  /** a row changed (status, file, video) */
  onTask?: (task: TaskRecord) => void;
  onStale?: (stale: ReadonlySet<string>) => void;
  /** a download failed; it will be tried again */
  onDownloadError?: (id: string, error: unknown) => void;
}

interface Entry {
  id: string;
  taskId: string;
  phase: 'poll' | 'download';
  model: string;
  fileId?: string;
  dueAt: number;
  delay: number;
  errors: number;
  downloadAttempts: number;
  since: number;
  running: Promise<void> | null;
}

export function browserEnvironment(): Environment {
  const listen = (type: string) => (type === 'online' ? globalThis : globalThis.document);
  return {
    addEventListener: (type, l) => listen(type)?.addEventListener(type, l),
    removeEventListener: (type, l) => listen(type)?.removeEventListener(type, l),
    isVisible: () => globalThis.document?.visibilityState !== 'hidden',
    isOnline: () => globalThis.navigator?.onLine !== false,
  };
}

export class PollScheduler {
  readonly #entries = new Map<string, Entry>();
  readonly #stale = new Set<string>();
  /** finished here (Fail, or video stored): never tracked again, so a late re-read cannot start a second download */
  readonly #done = new Set<string>();
  readonly #policy: PollPolicy;
  readonly #clock: Clock;
  readonly #env: Environment;
  #timer: unknown = null;
  #timerDueAt = 0;
  #pausedUntil = 0;
  #started = false;
  readonly #onWake = () => this.#dueAllNow();
  readonly #onVisibility = () => {
    if (this.#env.isVisible()) this.#dueAllNow();
  };

  constructor(private readonly deps: SchedulerDeps) {
    this.#policy = { ...DEFAULT_POLICY, ...deps.policy };
    this.#clock = deps.clock ?? realClock;
    this.#env = deps.env ?? browserEnvironment();
  }

  get stale(): ReadonlySet<string> {
    return this.#stale;
  }

  get tracked(): readonly string[] {
    return [...this.#entries.keys()];
  }

  /** Tasks still being made on MiniMax (polled, not yet finished) whose model passes `ofModel`. */
  countPolling(ofModel: (model: string) => boolean): number {
    let count = 0;
    for (const entry of this.#entries.values()) if (entry.phase === 'poll' && ofModel(entry.model)) count++;
    return count;
  }

  /** Picks up every live row and every finished row still missing its video (after a reload). */
  async start(): Promise<void> {
    if (this.#started) return;
    this.#started = true;
    this.#env.addEventListener('online', this.#onWake);
    this.#env.addEventListener('visibilitychange', this.#onVisibility);
    const [live, downloads] = await Promise.all([this.deps.store.listLiveTasks(), this.deps.store.listPendingDownloads()]);
    for (const task of [...live, ...downloads]) this.track(task);
    this.#arm();
  }

  stop(): void {
    this.#started = false;
    this.#env.removeEventListener('online', this.#onWake);
    this.#env.removeEventListener('visibilitychange', this.#onVisibility);
    if (this.#timer !== null) this.#clock.clearTimeout(this.#timer);
    this.#timer = null;
    this.#entries.clear();
    this.#stale.clear();
  }

  /** Starts following a task: a live one is polled, a finished one missing its video is downloaded. */
  track(task: TaskRecord): void {
    if (!task.taskId || this.#entries.has(task.id) || this.#done.has(task.id)) return;
    const download = task.status === 'Success' && !!task.fileId && !task.video;
    if (!download && !isLive(task)) return;
    const since = task.submittedAt ?? task.createdAt;
    this.#entries.set(task.id, {
      id: task.id,
      taskId: task.taskId,
      model: task.model,
      phase: download ? 'download' : 'poll',
      ...(task.fileId !== undefined ? { fileId: task.fileId } : {}),
      dueAt: Math.max(this.#clock.now(), since + this.#policy.firstDelayMs),
      delay: this.#policy.firstDelayMs,
      errors: 0,
      downloadAttempts: 0,
      since,
      running: null,
    });
    this.#arm();
  }

  forget(id: string): void {
    this.#entries.delete(id);
    if (this.#stale.delete(id)) this.deps.onStale?.(this.#stale);
  }

  /** A manual re-check (or download retry) now; joins the call already in flight if there is one. */
  checkNow(id: string): Promise<void> {
    const entry = this.#entries.get(id);
    if (!entry) return Promise.resolve();
    return entry.running ?? this.#run(entry);
  }

  #dueAllNow(): void {
    const now = this.#clock.now();
    for (const entry of this.#entries.values()) entry.dueAt = Math.min(entry.dueAt, now);
    this.#arm();
  }

  /** Sets the one timer for the earliest due task, not before `notBefore`. */
  #arm(notBefore = 0): void {
    if (!this.#started) return;
    if (this.#timer !== null) this.#clock.clearTimeout(this.#timer);
    this.#timer = null;
    let next = notBefore;
    let any = false;
    for (const entry of this.#entries.values()) {
      if (entry.running) continue;
      next = any ? Math.min(next, Math.max(entry.dueAt, notBefore)) : Math.max(entry.dueAt, notBefore);
      any = true;
    }
    if (!any) return;
    const now = this.#clock.now();
    // Never sleep longer than the cap, so a slept machine or a clamped timer is noticed soon.
    const at = Math.min(Math.max(next, this.#pausedUntil), now + this.#policy.maxDelayMs);
    this.#timerDueAt = at;
    this.#timer = this.#clock.setTimeout(() => this.#tick(), Math.max(0, at - now));
  }

  #tick(): void {
    this.#timer = null;
    const now = this.#clock.now();
    if (now - this.#timerDueAt > this.#policy.driftMs) {
      for (const entry of this.#entries.values()) entry.dueAt = Math.min(entry.dueAt, now);
    }
    if (!this.#env.isOnline()) return this.#arm(now + this.#policy.maxDelayMs); // 'online' wakes us sooner
    if (now < this.#pausedUntil) return this.#arm();
    for (const entry of this.#entries.values()) {
      if (!entry.running && entry.dueAt <= now) void this.#run(entry);
    }
    this.#arm();
  }

  #run(entry: Entry): Promise<void> {
    const work = entry.phase === 'poll' ? this.#poll(entry) : this.#download(entry);
    entry.running = work.finally(() => {
      entry.running = null;
      this.#arm();
    });
    return entry.running;
  }

  /** 3 s, then 4.5, 6.75, 10.1, 15, 15… after each check. */
  #backoff(entry: Entry): void {
    entry.delay = Math.min(entry.delay * this.#policy.factor, this.#policy.maxDelayMs);
    entry.dueAt = this.#clock.now() + entry.delay;
  }

  #setStale(entry: Entry): void {
    const stale =
      entry.errors > this.#policy.staleAfterErrors || this.#clock.now() - entry.since > this.#policy.staleAfterMs;
    const changed = stale ? !this.#stale.has(entry.id) : this.#stale.has(entry.id);
    if (stale) this.#stale.add(entry.id);
    else this.#stale.delete(entry.id);
    if (changed) this.deps.onStale?.(this.#stale);
  }

  async #poll(entry: Entry): Promise<void> {
    let result;
    try {
      result = await pollOnce(this.deps.api, entry.model, entry.taskId);
    } catch (error) {
      if (!this.#isTracked(entry)) return; // deleted, or stopped, while the call was out
      if (this.#pastQueryWindow(entry)) return this.#giveUp(entry, { status: 'Fail', finishedAt: this.#clock.now() });
      entry.errors++;
      if (error instanceof ApiError && error.retryAfter !== undefined) {
        this.#pausedUntil = Math.max(this.#pausedUntil, this.#clock.now() + error.retryAfter * 1000);
      }
      this.#backoff(entry);
      this.#setStale(entry);
      return;
    }
    entry.errors = 0;
    const now = this.#clock.now();
    if (!this.#entries.has(entry.id)) return; // removed while the call was out
    if (result.status === 'Fail') {
      this.#done.add(entry.id);
      this.forget(entry.id);
      await this.#save(entry.id, { status: 'Fail', finishedAt: now, lastCheckedAt: now, error: result.error ?? failReason(result.base_resp), ...result.patch });
      return;
    }
    if (result.status === 'Success' && result.file_id) {
      // Stryker disable next-line StringLiteral: phase is only ever compared with 'poll'; any other value downloads
      entry.phase = 'download';
      entry.fileId = result.file_id;
      entry.dueAt = now;
      if (this.#stale.delete(entry.id)) this.deps.onStale?.(this.#stale);
      await this.#save(entry.id, {
        ...result.patch,
        status: 'Success',
        fileId: result.file_id,
        finishedAt: now,
        lastCheckedAt: now,
        ...(result.video_width !== undefined ? { videoWidth: result.video_width } : {}),
        ...(result.video_height !== undefined ? { videoHeight: result.video_height } : {}),
      });
      return;
    }
    this.#backoff(entry);
    this.#setStale(entry);
    await this.#save(entry.id, { status: result.status === 'Success' ? 'Processing' : result.status, lastCheckedAt: now });
  }

  async #download(entry: Entry): Promise<void> {
    try {
      // A fresh stream each attempt: the worker fetches a new download link every time.
      const { stream, bytes } = await streamOnce(this.deps.api, entry.model, entry.fileId!);
      await this.deps.store.saveVideo(entry.id, stream, bytes);
    } catch (error) {
      if (!this.#isTracked(entry)) return; // deleted, or stopped, while the call was out
      // the task is charged and finished, but its video is out of reach: no file to fetch any more
      if (this.#pastQueryWindow(entry)) return this.#giveUp(entry, { fileId: undefined });
      const delays = this.#policy.downloadDelaysMs;
      entry.dueAt = this.#clock.now() + delays[Math.min(entry.downloadAttempts++, delays.length - 1)];
      this.deps.onDownloadError?.(entry.id, error);
      return;
    }
    this.#done.add(entry.id);
    this.forget(entry.id);
    await this.#save(entry.id, {});
  }

  /** Still followed as the same entry (not forgotten, nor stopped, nor tracked afresh since). */
  #isTracked(entry: Entry): boolean {
    return this.#entries.get(entry.id) === entry;
  }

  /** MiniMax answers about a v2 task for 7 days only: after that, a failed call will never succeed. */
  #pastQueryWindow(entry: Entry): boolean {
    return isV2Model(entry.model) && this.#clock.now() - entry.since >= V2_QUERY_WINDOW_SECONDS * 1000;
  }

  async #giveUp(entry: Entry, patch: Partial<Omit<TaskRecord, 'id'>>): Promise<void> {
    this.#done.add(entry.id);
    this.forget(entry.id);
    await this.#save(entry.id, { ...patch, error: OUT_OF_QUERY_WINDOW, lastCheckedAt: this.#clock.now() });
  }

  /** Writes the patch and reports the row; a row deleted meanwhile is simply forgotten. */
  async #save(id: string, patch: Partial<Omit<TaskRecord, 'id'>>): Promise<void> {
    const task = await this.deps.store.updateTask(id, patch);
    if (task) this.deps.onTask?.(task);
    else this.forget(id);
  }
}

export const OUT_OF_QUERY_WINDOW: TaskError = {
  code: 'query_window',
  message: 'MiniMax keeps a task for 7 days only, and this video was not saved in that time: it can no longer be fetched.',
};

/** Why MiniMax failed a task, as a sentence: ours for the codes we know, else MiniMax's own words. */
export function failReason(baseResp: { status_code?: number; status_msg?: string } | undefined): TaskError {
  const statusCode = baseResp?.status_code ?? 0;
  if (MAPPED_STATUS_CODES.includes(statusCode)) {
    const { code, message } = failureForStatusCode(statusCode);
    return { code, message };
  }
  const ours = 'MiniMax could not make this video';
  const said = baseResp?.status_msg?.trim() ?? '';
  // "success" (MiniMax's word for a call that worked) or our own sentence again adds nothing
  const adds = said !== '' && !/^success\.?$/i.test(said) && !said.toLowerCase().startsWith(ours.toLowerCase());
  return { code: 'task_failed', message: adds ? `${ours}: ${said}` : `${ours}.` };
}
