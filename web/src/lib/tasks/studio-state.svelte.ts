// The studio's state the UI reads: a view of IndexedDB plus what only the leader tab knows.
import type { PendingSubmission } from './pacer';
import type { TaskRecord } from './types';

export type StudioMode = 'live' | 'demo' | 'byok' | 'unknown';

export class StudioState {
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
}
