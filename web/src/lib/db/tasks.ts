// Task rows: plain objects in, plain objects out. A Svelte proxy would throw DataCloneError on put.
import { isLive, type TaskRecord, type TaskStatus } from '../tasks/types';
import { openStudioDb } from './open';
import { noteRowDeleted, noteRowWritten } from './catalogue';
import type { TaskRow } from './schema';

/** A deep copy of arrays and plain objects: drops Svelte proxies (as $state.snapshot does) that structured clone rejects. */
export function plain<T>(value: T): T {
  if (Array.isArray(value)) return value.map(plain) as T;
  if (value && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, plain(v)])) as T;
  }
  return value;
}

export function toRow(task: TaskRecord): TaskRow {
  const { fav: _fav, needsVideo: _needs, ...record } = task as TaskRow;
  const row: TaskRow = { ...plain(record), fav: task.favourite ? 1 : 0 };
  if (task.status === 'Success' && task.fileId && !task.video) row.needsVideo = 1;
  return row;
}

export function fromRow(row: TaskRow): TaskRecord {
  const { fav: _fav, needsVideo: _needs, ...task } = row;
  return task;
}

export async function putTask(task: TaskRecord): Promise<void> {
  const db = await openStudioDb();
  const row = toRow(task);
  await db.put('tasks', row);
  noteRowWritten(row);
}

export async function getTask(id: string): Promise<TaskRecord | undefined> {
  const db = await openStudioDb();
  const row = await db.get('tasks', id);
  return row && fromRow(row);
}

export async function findByTaskId(taskId: string): Promise<TaskRecord | undefined> {
  const db = await openStudioDb();
  const row = await db.getFromIndex('tasks', 'taskId', taskId);
  return row && fromRow(row);
}

/** Writes several rows in one transaction: all of them or none. */
export async function putTasks(tasks: readonly TaskRecord[]): Promise<void> {
  const db = await openStudioDb();
  const tx = db.transaction('tasks', 'readwrite');
  const rows = tasks.map(toRow);
  await Promise.all([...rows.map((row) => tx.store.put(row)), tx.done]);
  rows.forEach(noteRowWritten);
}

/**
 * Applies `patch` only while the row's status is one of `from`, in one transaction; undefined when the row is gone
 * or has moved on. Every tab may race for a row: exactly one of them wins a transition (e.g. queued → submitting).
 */
export async function transitionTask(
  id: string,
  from: readonly TaskStatus[],
  patch: Partial<Omit<TaskRecord, 'id'>>,
): Promise<TaskRecord | undefined> {
  return patchRow(id, patch, (row) => from.includes(row.status));
}

/** Reads, patches and writes one row in one transaction while `applies(row)`; keys set to undefined are removed. */
async function patchRow(
  id: string,
  patch: Partial<Omit<TaskRecord, 'id'>>,
  applies: (row: TaskRow) => boolean,
): Promise<TaskRecord | undefined> {
  const db = await openStudioDb();
  const tx = db.transaction('tasks', 'readwrite');
  const row = await tx.store.get(id);
  if (!row || !applies(row)) {
    await tx.done;
    return undefined;
  }
  const next: TaskRecord = { ...fromRow(row), ...plain(patch) };
  for (const key of Object.keys(next) as (keyof TaskRecord)[]) if (next[key] === undefined) delete next[key];
  const written = toRow(next);
  await Promise.all([tx.store.put(written), tx.done]);
  noteRowWritten(written);
  return next;
}

/** Deletes the row only while its status is one of `from` (a queued send cancelled before its slot); true if deleted. */
export async function deleteTaskIf(id: string, from: readonly TaskStatus[]): Promise<boolean> {
  const db = await openStudioDb();
  const tx = db.transaction('tasks', 'readwrite');
  const row = await tx.store.get(id);
  if (!row || !from.includes(row.status)) {
    await tx.done;
    return false;
  }
  await Promise.all([tx.store.delete(id), tx.done]);
  noteRowDeleted(id);
  return true;
}

/** When creates were sent since `since` (ms epoch), oldest first: what the pace has used of its rolling minute. */
export async function listSentSince(since: number): Promise<{ at: number; model: string }[]> {
  const db = await openStudioDb();
  return db.getAllKeysFromIndex('tasks', 'sentAt', IDBKeyRange.lowerBound(since)).then(async (ids) => {
    const rows = await Promise.all(ids.map((id) => db.get('tasks', id)));
    return rows.flatMap((row) => (row?.sentAt !== undefined ? [{ at: row.sentAt, model: row.model }] : [])).sort((a, b) => a.at - b.at);
  });
}

/** Reads and writes in one transaction, so a concurrent patch is never lost. Keys set to undefined are removed. */
export async function updateTask(id: string, patch: Partial<Omit<TaskRecord, 'id'>>): Promise<TaskRecord | undefined> {
  return patchRow(id, patch, () => true);
}

/** Deletes the row and every chunk of its video in one transaction. */
export async function deleteTask(id: string): Promise<void> {
  const db = await openStudioDb();
  const tx = db.transaction(['tasks', 'videoChunks'], 'readwrite');
  await Promise.all([
    tx.objectStore('tasks').delete(id),
    tx.objectStore('videoChunks').delete(IDBKeyRange.bound([id, 0], [id, Infinity])),
    tx.done,
  ]);
  noteRowDeleted(id);
}

async function rowsWithStatus(status: string): Promise<TaskRecord[]> {
  const db = await openStudioDb();
  const rows = await db.getAllFromIndex('tasks', 'status', IDBKeyRange.bound([status, -Infinity], [status, Infinity]));
  return rows.map(fromRow);
}

/** Tasks MiniMax is still working on (to poll), oldest first. */
export async function listLiveTasks(): Promise<TaskRecord[]> {
  const groups = await Promise.all(['Preparing', 'Queueing', 'Processing'].map(rowsWithStatus));
  return groups.flat().filter(isLive).sort((a, b) => a.createdAt - b.createdAt);
}

/** Finished tasks whose video is not (yet) in IndexedDB. */
export async function listPendingDownloads(): Promise<TaskRecord[]> {
  const db = await openStudioDb();
  return (await db.getAllFromIndex('tasks', 'needsVideo', 1)).map(fromRow);
}

export async function listWithStatus(status: TaskRecord['status']): Promise<TaskRecord[]> {
  return rowsWithStatus(status);
}

/** The latest `limit` finished tasks (for time estimates). */
export async function recentSuccesses(limit: number): Promise<TaskRecord[]> {
  if (limit < 1) return [];
  const db = await openStudioDb();
  const index = db.transaction('tasks').store.index('status');
  const successes = IDBKeyRange.bound(['Success', -Infinity], ['Success', Infinity]);
  // Three reads, not one per row: at start-up a cursor step per row held the gallery's first page back.
  let cursor = await index.openKeyCursor(successes, 'prev');
  if (cursor && limit > 1) cursor = await cursor.advance(limit - 1);
  const range = cursor ? IDBKeyRange.bound(cursor.key, ['Success', Infinity]) : successes;
  const rows = await index.getAll(range);
  return rows.reverse().slice(0, limit).map(fromRow);
}
