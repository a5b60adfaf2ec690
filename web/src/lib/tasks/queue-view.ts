// What the queue shows, read from IndexedDB: the live rows and the `queued` rows waiting for a paced slot.
import type { StudioStore } from '../db';
import { isLive, type TaskRecord } from './types';

/** In the queue view: being sent, unanswered, in MiniMax's hands, or finished but video not yet stored. Not dismissed. */
export function belongsInQueue(task: TaskRecord): boolean {
  if (task.dismissed) return false;
  return task.status === 'submitting' || task.status === 'uncertain' || isLive(task) || (task.status === 'Success' && !task.video);
}

const LIVE_VIEW_STATUSES = ['submitting', 'uncertain', 'Preparing', 'Queueing', 'Processing'] as const;

export interface QueueView {
  /** the rows of the queue view, oldest first */
  live: TaskRecord[];
  /** the `queued` rows, oldest first */
  queued: TaskRecord[];
}

/** Null when the database is closing (another tab upgrades it). */
export async function readQueueView(store: Pick<StudioStore, 'listWithStatus' | 'listPendingDownloads'>): Promise<QueueView | null> {
  let queued: TaskRecord[];
  let groups: TaskRecord[][];
  try {
    [queued, ...groups] = await Promise.all([
      store.listWithStatus('queued'),
      ...LIVE_VIEW_STATUSES.map((s) => store.listWithStatus(s)),
      store.listPendingDownloads(),
    ]);
  } catch {
    return null;
  }
  return {
    live: groups
      .flat()
      .filter(belongsInQueue)
      .sort((a, b) => a.createdAt - b.createdAt),
    queued: queued.sort((a, b) => a.createdAt - b.createdAt),
  };
}
