// This tab's part in the studio, from start() to stop(): it shows the queue, then leads (leader-duties.ts) or
// follows the leading tab until it closes (leadership.ts), and keeps the view in step with every tab's row writes.
import type { StudioStore } from '../db';
import { coalesce } from './coalesce';
import type { StudioDeps } from './engine.svelte';
import type { DurationBook } from './estimate';
import type { FinishedListeners } from './finished-listeners';
import { LeaderDuties, queueIntoPacer, takeOverSending } from './leader-duties';
import { Leadership } from './leadership';
import { notifyingStore } from './notifying-store';
import { readQueueView } from './queue-view';
import type { SendOutcomes } from './send-outcomes';
import type { StudioState } from './studio-state.svelte';
import type { SubmitDeps } from './submit';

/** The studio's parts this tab's work reads and writes. */
export interface StudioParts {
  state: StudioState;
  durations: DurationBook;
  outcomes: SendOutcomes;
  finished: FinishedListeners;
  refreshMode(): Promise<unknown>;
}

export class TabCoordinator {
  /** the store, telling this tab's view and the other tabs about every row write */
  readonly store: StudioStore;
  readonly submitDeps: SubmitDeps;
  /** re-reads the view (coalesced) */
  readonly refresh = coalesce(() => this.#readView());
  readonly #deps: StudioDeps;
  readonly #studio: StudioParts;
  #tabs: Leadership | null = null;
  #duties: LeaderDuties | null = null;
  /** bumps on stop(): work of an earlier start that is still running stands down */
  #term = 0;
  #started: Promise<void> | null = null;
  #durationsRead: Promise<void> | null = null;
  #stopUpgradeListener: (() => void) | null = null;
  readonly #syncQueue = coalesce(() => queueIntoPacer(this.#deps.store, () => this.#duties?.pacer ?? null));

  constructor(deps: StudioDeps, studio: StudioParts) {
    this.#deps = deps;
    this.#studio = studio;
    this.store = notifyingStore(deps.store, () => this.#rowsChanged(false));
    this.submitDeps = {
      api: deps.api,
      store: this.store,
      now: () => deps.clock.now(),
      ...(deps.newId ? { newId: deps.newId } : {}),
      withLock: (name, work) => (this.#tabs ? this.#tabs.withLock(name, work) : work()),
    };
  }

  /** the leader's work, while this tab leads */
  get duties(): LeaderDuties | null {
    return this.#duties;
  }

  start(): Promise<void> {
    this.#started ??= this.#start();
    return this.#started;
  }

  async #start(): Promise<void> {
    const term = this.#term;
    const { state } = this.#studio;
    this.#stopUpgradeListener = this.#deps.store.onUpgradeBlocked((waiting) => state.upgradeBlockedChanged(waiting));
    void this.#studio.refreshMode();
    const tabs = (this.#tabs = new Leadership(this.#deps, {
      state,
      rowsWrittenElsewhere: () => this.#rowsChanged(true),
      announce: () => this.#announce(),
      checkNow: (id) => void this.#duties?.scheduler.checkNow(id),
    }));
    // While another tab leads: show its work, and take over when it closes.
    await tabs.join({ stillWanted: () => term === this.#term, lead: () => this.#lead(term) }, () => this.refresh());
  }

  async #lead(term: number): Promise<void> {
    const sentAt = await takeOverSending(this.store, this.#deps.clock, this.#tabs?.sendInFlight);
    if (term !== this.#term) return;
    const { state, durations, outcomes, finished } = this.#studio;
    state.leadershipChanged(true);
    this.#duties = new LeaderDuties({
      ...this.#deps,
      store: this.store,
      submitDeps: this.submitDeps,
      state,
      durations,
      announce: () => this.#announce(),
      onSent: (task) => this.#duties?.scheduler.track(task),
      onSendOver: (key, outcome) => outcomes.settle(key, outcome),
      onFinished: (task) => finished.fire(task),
    });
    await this.#duties.begin(sentAt);
    if (term !== this.#term) return;
    await this.#syncQueue();
    await this.refresh();
    this.#announce();
  }

  stop(): void {
    this.#term++;
    this.#duties?.stop();
    this.#duties = null;
    this.#studio.state.leadershipChanged(false);
    this.#tabs?.resign();
    this.#stopUpgradeListener?.();
    this.#started = null;
  }

  /** Checks a task now (or retries its download). In a follower tab, asks the leader to. */
  checkNow(id: string): Promise<void> {
    if (this.#duties) return this.#duties.scheduler.checkNow(id);
    this.#tabs?.post({ kind: 'checkNow', id });
    return Promise.resolve();
  }

  /** A row was written here (`fromOtherTab` false: tell the others) or in another tab. */
  #rowsChanged(fromOtherTab: boolean): void {
    if (fromOtherTab) this.store.invalidateCatalogue(); // another tab's writes never passed through this tab's cache
    else this.#tabs?.post({ kind: 'rows' });
    if (this.#started === null) return;
    void this.refresh();
    if (this.#duties) void this.#syncQueue();
  }

  #announce(): void {
    const state = this.#studio.state;
    if (state.isLeader) this.#tabs?.announce(state, this.#duties?.pacer.nextSlotAt ?? null);
  }

  /**
   * The finished tasks behind the queue's time estimates, read once a task needs one: a studio opened to browse
   * its history does not read 500 rows while the gallery waits for its first page (a trace showed it queued behind).
   */
  #readDurations(): void {
    const { durations } = this.#studio;
    this.#durationsRead ??= this.#deps.store.recentSuccesses(500).then(
      (rows) => durations.addEarlier(rows.reverse()),
      () => {
        this.#durationsRead = null;
      },
    );
  }

  async #readView(): Promise<void> {
    const view = await readQueueView(this.#deps.store);
    if (!view) return; // the database is closing (another tab upgrades it): upgradeBlocked says so
    const { state, outcomes } = this.#studio;
    state.showRows(
      view.live,
      view.queued.map((row) => outcomes.pendingOf(row)),
    );
    if (view.live.length || view.queued.length) this.#readDurations();
    if (this.#duties) state.paceChanged(this.#duties.pacer.nextSlotAt);
    else if (view.queued.length === 0) state.paceChanged(null);
    for (const task of state.live) this.#duties?.scheduler.track(task); // e.g. rows another tab imported
    await outcomes.settleLeftQueue(new Set(view.queued.map((row) => row.id)), (id) => this.#deps.store.getTask(id));
  }
}
