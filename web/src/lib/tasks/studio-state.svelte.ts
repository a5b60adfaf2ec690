// The studio's state the UI reads: a view of IndexedDB plus what only the leader tab knows. Every field is private
// and changed only through the methods below, each named for what happened; the UI reads the getters.
import type { PendingSubmission } from './pacer';
import type { TaskRecord } from './types';

export type StudioMode = 'live' | 'demo' | 'byok' | 'unknown';

/** What the leading tab knows and tells the others. */
export interface LeaderNews {
  nextSlotAt: number | null;
  stale: ReadonlySet<string>;
  storageFull: boolean;
}

export class StudioState {
  #live = $state.raw<TaskRecord[]>([]);
  #pending = $state.raw<readonly PendingSubmission[]>([]);
  #nextSlotAt = $state<number | null>(null);
  #stale = $state.raw<Set<string>>(new Set());
  #mode = $state<StudioMode>('unknown');
  #upgradeBlocked = $state(false);
  #storageFull = $state(false);
  #historyVersion = $state(0);
  #isLeader = $state(false);

  get live(): TaskRecord[] {
    return this.#live;
  }
  /** waiting for a paced slot: the `queued` rows, oldest first (`key` is the row's id) */
  get pending(): readonly PendingSubmission[] {
    return this.#pending;
  }
  /** when the next paced send may go (ms epoch), null when none waits */
  get nextSlotAt(): number | null {
    return this.#nextSlotAt;
  }
  /** local ids of tasks still being checked after a long wait or repeated errors */
  get stale(): Set<string> {
    return this.#stale;
  }
  get mode(): StudioMode {
    return this.#mode;
  }
  get upgradeBlocked(): boolean {
    return this.#upgradeBlocked;
  }
  /** the last video download failed because the browser's storage is full */
  get storageFull(): boolean {
    return this.#storageFull;
  }
  /** bumps whenever a row changes (in any tab): the history view re-reads its page on it */
  get historyVersion(): number {
    return this.#historyVersion;
  }
  /** this tab sends, polls and downloads for all tabs; the others show what it does */
  get isLeader(): boolean {
    return this.#isLeader;
  }

  /** The rows were read again (after a write in any tab). */
  showRows(live: TaskRecord[], pending: readonly PendingSubmission[]): void {
    this.#live = live;
    this.#pending = pending;
    this.#historyVersion++;
  }

  /** A waiting send was cancelled here: it leaves the queue before the rows are read again. */
  dropPending(key: string): void {
    this.#pending = this.#pending.filter((item) => item.key !== key);
  }

  paceChanged(nextSlotAt: number | null): void {
    this.#nextSlotAt = nextSlotAt;
  }

  staleChanged(stale: ReadonlySet<string>): void {
    this.#stale = new Set(stale);
  }

  storageFullChanged(full: boolean): void {
    this.#storageFull = full;
  }

  /** The leading tab's news, heard in a following tab. */
  leaderSaid(news: LeaderNews): void {
    this.paceChanged(news.nextSlotAt);
    this.staleChanged(news.stale);
    this.storageFullChanged(news.storageFull);
  }

  modeLearnt(mode: StudioMode): void {
    this.#mode = mode;
  }

  upgradeBlockedChanged(blocked: boolean): void {
    this.#upgradeBlocked = blocked;
  }

  leadershipChanged(leading: boolean): void {
    this.#isLeader = leading;
  }
}
