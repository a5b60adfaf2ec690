// The database as the studio uses it: what it reads, and what it writes. Every write is in `storeWrites`, so the
// studio's notifying store (tasks/notifying-store.ts) tells this tab's view and the other tabs of each one.
import { importHistory } from './archive';
import { invalidateCatalogue } from './catalogue';
import { onUpgradeBlocked } from './open';
import {
  deleteTask,
  deleteTaskIf,
  findByTaskId,
  getTask,
  listLiveTasks,
  listPendingDownloads,
  listSentSince,
  listWithStatus,
  putTask,
  putTasks,
  recentSuccesses,
  transitionTask,
  updateTask,
} from './tasks';
import { saveVideo } from './videos';

export const storeReads = {
  getTask,
  findByTaskId,
  listLiveTasks,
  listPendingDownloads,
  listWithStatus,
  listSentSince,
  recentSuccesses,
  onUpgradeBlocked,
  invalidateCatalogue,
};

export const storeWrites = { putTask, putTasks, updateTask, transitionTask, deleteTask, deleteTaskIf, saveVideo, importHistory };

export type StoreWrites = typeof storeWrites;
export type StudioStore = typeof storeReads & StoreWrites;

export const studioStore: StudioStore = { ...storeReads, ...storeWrites };
