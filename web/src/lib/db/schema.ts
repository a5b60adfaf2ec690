// The one IndexedDB database of the SPA: its typed schema and its upgrade ladder.
import type { DBSchema, IDBPDatabase, IDBPTransaction } from 'idb';
import type { TaskRecord } from '../tasks/types';

export const DB_NAME = 'hailuo-studio';
export const DB_VERSION = 2;
export const CHUNK_BYTES = 4 * 1024 * 1024;

/**
 * The stored row: a TaskRecord plus derived keys. IndexedDB cannot index booleans, so `fav` (0 | 1) mirrors
 * `favourite`; `needsVideo` is set only on a finished task whose video is not stored yet (a sparse index).
 */
export type TaskRow = TaskRecord & { fav: 0 | 1; needsVideo?: 1 };

export interface VideoChunk {
  /** the local task id (TaskRecord.id) */
  task: string;
  index: number;
  data: Blob;
}

/** `[createdAt, prompt, model, mode, status, fav]`: every filter of the history, readable from a key cursor. */
export type CatalogueKey = [number, string, string, string, string, number];

export interface StudioSchema extends DBSchema {
  tasks: {
    key: string;
    value: TaskRow;
    indexes: {
      createdAt: number;
      status: [string, number];
      model: [string, number];
      mode: [string, number];
      favourite: [number, number];
      taskId: string;
      catalogue: CatalogueKey;
      needsVideo: number;
      sentAt: number;
    };
  };
  videoChunks: {
    key: [string, number];
    value: VideoChunk;
  };
}

export type StudioDb = IDBPDatabase<StudioSchema>;

/** Each step runs once, in order; a new version appends a step and never edits an old one. */
export function upgradeStudioDb(
  db: StudioDb,
  oldVersion: number,
  _newVersion: number | null,
  transaction: IDBPTransaction<StudioSchema, ('tasks' | 'videoChunks')[], 'versionchange'>,
): void {
  if (oldVersion < 1) {
    const tasks = db.createObjectStore('tasks', { keyPath: 'id' });
    tasks.createIndex('createdAt', 'createdAt');
    tasks.createIndex('status', ['status', 'createdAt']);
    tasks.createIndex('model', ['model', 'createdAt']);
    tasks.createIndex('mode', ['mode', 'createdAt']);
    tasks.createIndex('favourite', ['fav', 'createdAt']);
    tasks.createIndex('taskId', 'taskId', { unique: false });
    tasks.createIndex('catalogue', ['createdAt', 'prompt', 'model', 'mode', 'status', 'fav']);
    tasks.createIndex('needsVideo', 'needsVideo');
    db.createObjectStore('videoChunks', { keyPath: ['task', 'index'] });
  }
  if (oldVersion < 2) {
    // The pace (creates per rolling minute) is counted from the rows sent lately, across reloads and tabs.
    transaction.objectStore('tasks').createIndex('sentAt', 'sentAt');
  }
}
