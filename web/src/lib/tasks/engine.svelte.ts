// The studio's engine: the state the UI reads about generations, and the actions it calls (the UI reaches it
// through the light `studio` view in studio.svelte.ts, which loads this module after the first paint). Everything durable is in IndexedDB;
// these fields are a view of it plus what only the leader tab knows (the next paced slot, stale flags).
// Several tabs: one leader (Web Lock `hailuo:leader`) sends, polls and downloads; every tab writes rows and
// re-reads its view when any tab writes (BroadcastChannel). Without Web Locks each tab leads itself.
import { validateVideoRequest, type ValidationIssue, type VideoRequest } from '$contract';
import { createApiClient, type ApiClient } from '../api/client';
import * as db from '../db';
import { settings as appSettings } from '../settings.svelte';
import { realClock, type Clock } from './clock';
import { DurationBook } from './estimate';
import { Pacer, type PacedOutcome, type PendingSubmission } from './pacer';
import { PollScheduler, type Environment, type PollPolicy } from './scheduler';
import { INTERRUPTED, recoverInterruptedSubmits, requestForRetry, sendQueued, type SubmitDeps, type SubmitOutcome } from './submit';
import {
  browserChannel,
  browserLocks,
  isLockHeld,
  LEADER_LOCK,
  submitLockName,
  type Channel,
  type Locks,
  type TabMessage,
} from './tabs';
import { isLive, type TaskRecord } from './types';

export type StudioMode = 'live' | 'demo' | 'byok' | 'unknown';

export type SubmitResult =
  | { ok: true; items: PendingSubmission[] }
  /** nothing was queued: request `index` is invalid */
  | { ok: false; index: number; issue: ValidationIssue };

export interface StudioDeps {
  api: ApiClient;
  store: typeof db;
  clock: Clock;
  env?: Environment;
  policy?: Partial<PollPolicy>;
  perMinute: () => number;
  newId?: () => string;
  /** Web Locks; null: this tab works alone. Absent: `navigator.locks` when the browser has it. */
  locks?: Locks | null;
  /** opens the tabs' channel; null: no other tab hears us. Absent: a BroadcastChannel when the browser has one. */
  channel?: (() => Channel | null) | null;
}

export type FinishedListener = (task: TaskRecord) => void;

/** In the queue view: being sent, unanswered, in MiniMax's hands, or finished but video not yet stored. Not dismissed. */
export function belongsInQueue(task: TaskRecord): boolean {
  if (task.dismissed) return false;
  return task.status === 'submitting' || task.status === 'uncertain' || isLive(task) || (task.status === 'Success' && !task.video);
}

const LIVE_VIEW_STATUSES = ['submitting', 'uncertain', 'Preparing', 'Queueing', 'Processing'] as const;

interface Deferred {
  promise: Promise<PacedOutcome>;
  settle(outcome: PacedOutcome): void;
}

/** Runs `work` at most once at a time; calls meanwhile share one more run after it. */
function coalesce(work: () => Promise<void>): () => Promise<void> {
  let current: Promise<void> | null = null;
  let next: Promise<void> | null = null;
  const run = (): Promise<void> => {
    if (!current) {
      current = work().finally(() => (current = null));
      return current;
    }
    next ??= current.then(() => {
      next = null;
      return run();
    });
    return next;
  };
  return run;
}

/** What a row that left `queued` says about its send. Undefined while it is still waiting or being sent. */
function outcomeOfRow(task: TaskRecord | undefined): PacedOutcome | undefined {
  if (!task) return { ok: false, reason: 'cancelled' };
  if (task.status === 'queued' || task.status === 'submitting') return undefined;
  if (task.status === 'rejected') return { ok: false, reason: 'rejected', task, error: task.error ?? { code: 'rejected', message: '' } };
  if (task.status === 'uncertain') return { ok: false, reason: 'uncertain', task, error: task.error ?? INTERRUPTED };
  return { ok: true, task };
}

export class Studio {
  live = $state.raw<TaskRecord[]>([]);
  /** waiting for a paced slot: the `queued` rows, oldest first (`key` is the row's id) */
  pending = $state.raw<readonly PendingSubmission[]>([]);
  /** when the next paced send may go (ms epoch), null when none waits */
  nextSlotAt = $state<number | null>(null);
  /** local ids of tasks still being checked after a long wait or repeated errors */
  stale = $state.raw<Set<string>>(new Set());
  mode = $state<StudioMode>('unknown');
  upgradeBlocked = $state(false);
  /** the last video download failed because the browser's storage is full */
  storageFull = $state(false);
  /** bumps whenever a row changes (in any tab): the history view re-reads its page on it */
  historyVersion = $state(0);
  /** this tab sends, polls and downloads for all tabs; the others show what it does */
  isLeader = $state(false);

  readonly #deps: StudioDeps;
  /** the store, telling this tab's view and the other tabs about every row write */
  readonly #store: typeof db;
  readonly #submitDeps: SubmitDeps;
  readonly #durations = new DurationBook();
  readonly #outcomes = new Map<string, Deferred>();
  readonly #finishedListeners = new Set<FinishedListener>();
  readonly #finished = new Set<string>();
  #pacer: Pacer | null = null;
  #scheduler: PollScheduler | null = null;
  #locks: Locks | null = null;
  #channel: Channel | null = null;
  #abortWait: AbortController | null = null;
  #releaseLeader: (() => void) | null = null;
  /** bumps on stop(): work of an earlier start that is still running stands down */
  #term = 0;
  #lastCreatedAt = 0;
  #started: Promise<void> | null = null;
  #stopUpgradeListener: (() => void) | null = null;
  readonly #refresh = coalesce(() => this.#readView());
  readonly #syncQueue = coalesce(() => this.#queueIntoPacer());

  constructor(deps: StudioDeps) {
    this.#deps = deps;
    const store = deps.store;
    const notifying =
      <A extends unknown[], R>(write: (...args: A) => Promise<R>) =>
      async (...args: A): Promise<R> => {
        try {
          return await write(...args);
        } finally {
          this.#rowsChanged(false);
        }
      };
    this.#store = {
      ...store,
      putTask: notifying(store.putTask),
      putTasks: notifying(store.putTasks),
      updateTask: notifying(store.updateTask),
      transitionTask: notifying(store.transitionTask),
      deleteTask: notifying(store.deleteTask),
      deleteTaskIf: notifying(store.deleteTaskIf),
    };
    this.#submitDeps = {
      api: deps.api,
      store: this.#store,
      now: () => deps.clock.now(),
      ...(deps.newId ? { newId: deps.newId } : {}),
      withLock: (name, work) => (this.#locks ? this.#locks.request(name, {}, work) : work()),
    };
  }

  /**
   * Shows the queue and history, learns the server's mode, and either leads (recovers interrupted sends, resumes
   * queued sends, polling and downloads) or follows a leading tab until it closes. Safe to call twice.
   */
  start(): Promise<void> {
    this.#started ??= this.#start();
    return this.#started;
  }

  async #start(): Promise<void> {
    const term = this.#term;
    this.#stopUpgradeListener = this.#deps.store.onUpgradeBlocked((waiting) => (this.upgradeBlocked = waiting));
    void this.refreshMode();
    this.#locks = this.#deps.locks === undefined ? browserLocks() : this.#deps.locks;
    this.#channel = (this.#deps.channel === undefined ? browserChannel : (this.#deps.channel ?? (() => null)))();
    this.#channel?.addEventListener('message', (event) => this.#hear(event.data));
    for (const task of (await this.#deps.store.recentSuccesses(500)).reverse()) this.#durations.add(task);
    if (term !== this.#term) return;
    const locks = this.#locks;
    if (!locks) return this.#lead(term);
    if (await this.#campaign(locks, term, { ifAvailable: true })) return;
    // Another tab leads: show its work, ask for what only it knows, and take over when it closes.
    this.#channel?.postMessage({ kind: 'hello' });
    await this.#refresh();
    this.#abortWait = new AbortController();
    void this.#campaign(locks, term, { signal: this.#abortWait.signal });
  }

  /** Asks for the leader lock; true once this tab leads (it then holds the lock until stop() or the tab closes). */
  #campaign(locks: Locks, term: number, options: { ifAvailable?: boolean; signal?: AbortSignal }): Promise<boolean> {
    return new Promise<boolean>((resolve) => {
      locks
        .request(LEADER_LOCK, options, async (lock) => {
          if (!lock || term !== this.#term) return resolve(false);
          const released = new Promise<void>((release) => (this.#releaseLeader = release));
          await this.#lead(term).catch((error: unknown) => console.error('hailuo-studio: could not take over', error));
          resolve(true);
          await released;
        })
        .catch(() => resolve(false)); // aborted by stop()
    });
  }

  async #lead(term: number): Promise<void> {
    const store = this.#store;
    const locks = this.#locks;
    await recoverInterruptedSubmits(store, locks ? (id) => isLockHeld(locks, submitLockName(id)) : undefined);
    const sentAt = await store.listSentSince(this.#deps.clock.now() - 60_000);
    if (term !== this.#term) return;
    this.isLeader = true;
    this.#pacer = this.#makePacer();
    this.#pacer.seed(sentAt);
    this.#scheduler = this.#makeScheduler();
    await this.#scheduler.start();
    if (term !== this.#term) return;
    await this.#syncQueue();
    await this.#refresh();
    this.#announce();
  }

  #makePacer(): Pacer {
    const pacer: Pacer = new Pacer({
      clock: this.#deps.clock,
      perMinute: this.#deps.perMinute,
      submit: async (_request, _options, key) => {
        const outcome = await sendQueued(key, this.#submitDeps);
        if (outcome?.ok) this.#scheduler?.track(outcome.task);
        // A rate-limited row is queued again (the pacer resends it): its outcome is still to come.
        if (outcome && !(outcome.ok === false && outcome.reason === 'rejected' && outcome.task.status === 'queued')) {
          this.#settle(key, outcome);
        }
        return outcome;
      },
      onChange: () => {
        if (this.#pacer !== pacer) return;
        this.nextSlotAt = pacer.nextSlotAt;
        this.#announce();
      },
    });
    return pacer;
  }

  #makeScheduler(): PollScheduler {
    const deps = this.#deps;
    return new PollScheduler({
      api: deps.api,
      store: this.#store,
      clock: deps.clock,
      ...(deps.env ? { env: deps.env } : {}),
      ...(deps.policy ? { policy: deps.policy } : {}),
      onTask: (task) => {
        this.#durations.add(task);
        if (task.video) this.storageFull = false;
        if ((task.status === 'Success' && task.video) || task.status === 'Fail') this.#fireFinished(task);
      },
      onStale: (stale) => {
        this.stale = new Set(stale);
        this.#announce();
      },
      onDownloadError: (_id, error) => {
        if (error instanceof db.StorageFullError) this.storageFull = true;
        this.#announce();
      },
    });
  }

  stop(): void {
    this.#term++;
    this.#abortWait?.abort();
    this.#abortWait = null;
    this.#pacer?.stop();
    this.#scheduler?.stop();
    this.#pacer = null;
    this.#scheduler = null;
    this.isLeader = false;
    this.#releaseLeader?.(); // the next tab in line takes over
    this.#releaseLeader = null;
    this.#channel?.close();
    this.#channel = null;
    this.#stopUpgradeListener?.();
    this.#started = null;
  }

  async refreshMode(): Promise<StudioMode> {
    try {
      this.mode = (await this.#deps.api.health()).mode;
    } catch {
      this.mode = 'unknown';
    }
    return this.mode;
  }

  /**
   * Validates every request first (nothing is queued if one is invalid), then writes them down as `queued` rows
   * (nothing sent, nothing charged) that the leading tab sends at the paced rate, in order, even after a reload.
   * Rejects only when the rows cannot be written (e.g. db.StorageFullError-like quota errors): nothing is queued then.
   */
  async submit(requests: VideoRequest[], batchId?: string): Promise<SubmitResult> {
    const plain = requests.map((r) => $state.snapshot(r) as VideoRequest);
    const valid = [];
    for (const [index, request] of plain.entries()) {
      const validation = validateVideoRequest(request);
      if (!validation.ok) return { ok: false, index, issue: validation.issue };
      valid.push(validation);
    }
    const newId = this.#deps.newId ?? (() => crypto.randomUUID());
    const rows = valid.map(({ value, mode }): TaskRecord => {
      // strictly increasing, so a batch keeps its order in the `status` index across reloads
      this.#lastCreatedAt = Math.max(this.#deps.clock.now(), this.#lastCreatedAt + 1);
      return {
        id: newId(),
        request: value,
        mode,
        model: value.model,
        prompt: value.prompt ?? '',
        status: 'queued',
        createdAt: this.#lastCreatedAt,
        favourite: false,
        ...(batchId !== undefined ? { batchId } : {}),
      };
    });
    await this.#store.putTasks(rows);
    return { ok: true, items: rows.map((row) => this.#pendingOf(row)) };
  }

  /** A new attempt of an earlier task, only ever on the user's word: a new row, paced like any other. */
  async retry(id: string): Promise<SubmitResult | null> {
    const again = await requestForRetry(this.#deps.store, id);
    return again && this.submit([again.request], again.batchId);
  }

  /** Takes a waiting send out of the queue (its row is deleted: it was never sent). False if it was not waiting. */
  cancelPending(key: string): boolean {
    if (!this.pending.some((item) => item.key === key)) return false;
    this.#pacer?.cancel(key);
    this.pending = this.pending.filter((item) => item.key !== key);
    void this.#store.deleteTaskIf(key, ['queued']).then((deleted) => {
      if (deleted) this.#settle(key, { ok: false, reason: 'cancelled' });
    });
    return true;
  }

  /** Checks a task now (or retries its download). In a follower tab, asks the leader to. */
  checkNow(id: string): Promise<void> {
    if (this.#scheduler) return this.#scheduler.checkNow(id);
    this.#channel?.postMessage({ kind: 'checkNow', id });
    return Promise.resolve();
  }

  async remove(id: string): Promise<void> {
    this.#scheduler?.forget(id);
    this.#pacer?.cancel(id);
    await this.#store.deleteTask(id);
    await this.#refresh();
  }

  /**
   * The way out of `uncertain` besides retry and remove: the row leaves the live queue and stays in the history
   * as it is (flag `dismissed`). False when the row is not uncertain.
   */
  async dismiss(id: string): Promise<boolean> {
    const task = await this.#store.transitionTask(id, ['uncertain'], { dismissed: true });
    await this.#refresh();
    return !!task;
  }

  /**
   * Calls `listener` once per task when it ends: its video stored (Success with the bytes in IndexedDB) or MiniMax
   * failed it (Fail). Fired by the leading tab only, so once across all tabs. Returns an unsubscribe function.
   */
  onFinished(listener: FinishedListener): () => void {
    this.#finishedListeners.add(listener);
    return () => this.#finishedListeners.delete(listener);
  }

  async toggleFavourite(id: string): Promise<boolean | undefined> {
    const task = await this.#deps.store.getTask(id);
    if (!task) return undefined;
    const updated = await this.#store.updateTask(id, { favourite: !task.favourite });
    await this.#refresh();
    return updated?.favourite;
  }

  /** Seconds this task will likely take in total (median of finished ones of the same model/resolution/duration). */
  estimateSeconds(task: Pick<TaskRecord, 'model' | 'request'>): number | null {
    return this.#durations.estimate(task);
  }

  #fireFinished(task: TaskRecord): void {
    if (this.#finished.has(task.id)) return;
    this.#finished.add(task.id);
    for (const listener of this.#finishedListeners) {
      try {
        listener(task);
      } catch (error) {
        console.error('hailuo-studio: an onFinished listener failed', error);
      }
    }
  }

  /** A row was written here (`fromOtherTab` false: tell the others) or in another tab. */
  #rowsChanged(fromOtherTab: boolean): void {
    if (fromOtherTab) this.#store.invalidateCatalogue(); // another tab's writes never passed through this tab's cache
    else this.#channel?.postMessage({ kind: 'rows' });
    if (this.#started === null) return;
    void this.#refresh();
    if (this.#pacer) void this.#syncQueue();
  }

  #hear(message: TabMessage): void {
    switch (message.kind) {
      case 'rows':
        return this.#rowsChanged(true);
      case 'leader':
        if (this.isLeader) return;
        this.nextSlotAt = message.nextSlotAt;
        this.stale = new Set(message.stale);
        this.storageFull = message.storageFull;
        return;
      case 'hello':
        return this.#announce();
      case 'checkNow':
        void this.#scheduler?.checkNow(message.id);
        return;
    }
  }

  /** The leader tells the other tabs what only it knows. */
  #announce(): void {
    if (!this.isLeader) return;
    this.#channel?.postMessage({
      kind: 'leader',
      nextSlotAt: this.#pacer?.nextSlotAt ?? null,
      stale: [...this.stale],
      storageFull: this.storageFull,
    });
  }

  /** The leader's pacer follows the `queued` rows of every tab: new ones join in order, deleted ones leave. */
  async #queueIntoPacer(): Promise<void> {
    const queued = await this.#deps.store.listWithStatus('queued').catch(() => null);
    const pacer = this.#pacer;
    if (!queued || !pacer) return;
    const ids = new Set(queued.map((row) => row.id));
    for (const item of pacer.waiting) if (!ids.has(item.key)) pacer.cancel(item.key);
    pacer.add(
      queued
        .sort((a, b) => a.createdAt - b.createdAt)
        .map((row) => ({
          key: row.id,
          request: row.request,
          enqueuedAt: row.createdAt,
          ...(row.batchId !== undefined ? { batchId: row.batchId } : {}),
        })),
    );
  }

  async #readView(): Promise<void> {
    const store = this.#deps.store;
    let queued: TaskRecord[];
    let groups: TaskRecord[][];
    try {
      [queued, ...groups] = await Promise.all([
        store.listWithStatus('queued'),
        ...LIVE_VIEW_STATUSES.map((s) => store.listWithStatus(s)),
        store.listPendingDownloads(),
      ]);
    } catch {
      return; // the database is closing (another tab upgrades it): upgradeBlocked says so
    }
    this.live = groups
      .flat()
      .filter(belongsInQueue)
      .sort((a, b) => a.createdAt - b.createdAt);
    this.pending = queued.sort((a, b) => a.createdAt - b.createdAt).map((row) => this.#pendingOf(row));
    if (this.#pacer) this.nextSlotAt = this.#pacer.nextSlotAt;
    else if (queued.length === 0) this.nextSlotAt = null;
    this.historyVersion++;
    if (this.#scheduler) for (const task of this.live) this.#scheduler.track(task); // e.g. rows another tab imported
    const waiting = new Set(queued.map((row) => row.id));
    for (const id of this.#outcomes.keys()) {
      if (waiting.has(id)) continue;
      const outcome = outcomeOfRow(await store.getTask(id).catch(() => ({ status: 'queued' }) as TaskRecord));
      if (outcome) this.#settle(id, outcome);
    }
  }

  #pendingOf(row: TaskRecord): PendingSubmission {
    return {
      key: row.id,
      request: row.request,
      enqueuedAt: row.createdAt,
      outcome: this.#outcome(row.id).promise,
      ...(row.batchId !== undefined ? { batchId: row.batchId } : {}),
    };
  }

  #outcome(id: string): Deferred {
    let deferred = this.#outcomes.get(id);
    if (!deferred) {
      let settle!: Deferred['settle'];
      const promise = new Promise<PacedOutcome>((resolve) => (settle = resolve));
      deferred = { promise, settle };
      this.#outcomes.set(id, deferred);
    }
    return deferred;
  }

  #settle(id: string, outcome: SubmitOutcome | PacedOutcome): void {
    const deferred = this.#outcomes.get(id);
    if (!deferred) return;
    this.#outcomes.delete(id);
    deferred.settle(outcome);
  }
}

export function createStudio(overrides: Partial<StudioDeps> = {}): Studio {
  return new Studio({
    api: overrides.api ?? createApiClient(() => appSettings.api),
    store: overrides.store ?? db,
    clock: overrides.clock ?? realClock,
    perMinute: overrides.perMinute ?? (() => appSettings.perMinute),
    ...(overrides.env ? { env: overrides.env } : {}),
    ...(overrides.policy ? { policy: overrides.policy } : {}),
    ...(overrides.newId ? { newId: overrides.newId } : {}),
    ...(overrides.locks !== undefined ? { locks: overrides.locks } : {}),
    ...(overrides.channel !== undefined ? { channel: overrides.channel } : {}),
  });
}
