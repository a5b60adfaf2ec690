// The SPA's storage: tasks and their videos in one IndexedDB database.
export { openStudioDb, closeStudioDb, onUpgradeBlocked } from './open';
export { DB_NAME, CHUNK_BYTES } from './schema';
export {
  putTask,
  putTasks,
  transitionTask,
  deleteTaskIf,
  listSentSince,
  getTask,
  findByTaskId,
  updateTask,
  deleteTask,
  listLiveTasks,
  listPendingDownloads,
  listWithStatus,
  recentSuccesses,
} from './tasks';
export { pageTasks, type PageQuery, type Page } from './page';
export { invalidateCatalogue } from './catalogue';
export { saveVideo, videoBlob, deleteVideoChunks } from './videos';
export { StorageFullError, VideoIncompleteError } from './errors';
export { storageEstimate, requestPersistence, type StorageEstimate } from './storage';
export { exportHistory, importHistory, ArchiveFormatError } from './archive';
export { studioStore, storeWrites, type StudioStore, type StoreWrites } from './store';
export { type ImportResult } from './archive';
