// The queries that decide what is sent, polled, downloaded and listed, and the plain copy every row is written as.
import { beforeEach, describe, expect, test } from 'vitest';
import { openStudioDb } from './open';
import {
  deleteTask,
  deleteTaskIf,
  findByTaskId,
  getTask,
  listPendingDownloads,
  listSentSince,
  listWithStatus,
  plain,
  putTask,
  recentSuccesses,
  transitionTask,
} from './tasks';
import { freshDatabase, makeTask as task, useCloneableBlob } from './test-kit';

beforeEach(async () => {
  await useCloneableBlob();
  await freshDatabase();
});

describe('queries', () => {
  test('findByTaskId finds the row of a MiniMax task_id, as a TaskRecord (no derived keys), or nothing', async () => {
    const t = task({ status: 'Success', fileId: '3', taskId: '777', favourite: true });
    await putTask(t);
    await putTask(task({ taskId: '778' }));
    expect(await findByTaskId('777')).toEqual(t);
    expect(await findByTaskId('779')).toBeUndefined();
  });

  test('transitionTask patches only a row in one of the given statuses', async () => {
    const t = task({ status: 'queued', taskId: undefined });
    await putTask(t);
    expect(await transitionTask(t.id, ['Processing'], { status: 'Fail' })).toBeUndefined();
    expect((await getTask(t.id))?.status).toBe('queued');
    expect(await transitionTask(t.id, ['queued', 'uncertain'], { status: 'submitting' })).toEqual({ ...t, status: 'submitting' });
    expect((await getTask(t.id))?.status).toBe('submitting');
    expect(await transitionTask('gone', ['queued'], { status: 'submitting' })).toBeUndefined();
  });

  test('deleteTaskIf deletes only a row in one of the given statuses, and says whether it did', async () => {
    const t = task({ status: 'queued', taskId: undefined });
    await putTask(t);
    expect(await deleteTaskIf(t.id, ['submitting'])).toBe(false);
    expect(await getTask(t.id)).toEqual(t);
    expect(await deleteTaskIf(t.id, ['queued'])).toBe(true);
    expect(await getTask(t.id)).toBeUndefined();
    expect(await deleteTaskIf(t.id, ['queued'])).toBe(false);
  });

  test('listSentSince: the creates sent at or after a time, oldest first, with their model', async () => {
    await putTask(task({ sentAt: 300, model: 'MiniMax-Hailuo-2.3' }));
    await putTask(task({ sentAt: 100, model: 'MiniMax-Hailuo-2.3' }));
    await putTask(task({ sentAt: 50 }));
    await putTask(task({ sentAt: 200, model: 'MiniMax-Hailuo-02', request: { model: 'MiniMax-Hailuo-02', prompt: 'a cat', duration: 6, resolution: '768P' } }));
    await putTask(task({ status: 'queued', taskId: undefined }));
    expect(await listSentSince(100)).toEqual([
      { at: 100, model: 'MiniMax-Hailuo-2.3' },
      { at: 200, model: 'MiniMax-Hailuo-02' },
      { at: 300, model: 'MiniMax-Hailuo-2.3' },
    ]);
    expect(await listSentSince(301)).toEqual([]);
  });

  test('listWithStatus lists the rows of one status only', async () => {
    const uncertain = task({ status: 'uncertain', taskId: undefined });
    await putTask(uncertain);
    await putTask(task({ status: 'Fail' }));
    expect(await listWithStatus('uncertain')).toEqual([uncertain]);
  });

  test('pending downloads: a Success with a file_id and no video only', async () => {
    const pending = task({ status: 'Success', fileId: '4' });
    for (const t of [pending, task({ status: 'Success' }), task({ status: 'Fail', fileId: '5' }), task({ status: 'Success', fileId: '6', video: { bytes: 1, chunks: 1, type: 'video/mp4', savedAt: 1 } })]) {
      await putTask(t);
    }
    expect((await listPendingDownloads()).map((t) => t.id)).toEqual([pending.id]);
  });

  test('recentSuccesses of a negative count is none, even with ties at the newest time', async () => {
    for (let i = 0; i < 3; i++) await putTask(task({ status: 'Success', createdAt: 5 }));
    expect(await recentSuccesses(-1)).toEqual([]);
  });

  test('deleting a task leaves every other task’s chunks, whatever their ids', async () => {
    const db = await openStudioDb();
    const t = task({ id: 'm' });
    await putTask(t);
    for (const id of ['a', 'm', 'z']) await db.put('videoChunks', { task: id, index: 0, data: new Blob([id]) });
    await deleteTask('m');
    expect(await db.getAllKeys('videoChunks')).toEqual([
      ['a', 0],
      ['z', 0],
    ]);
  });
});

describe('plain', () => {
  test('copies arrays and plain objects, proxies included, and keeps anything else as it is', () => {
    const date = new Date(5);
    const value = { list: [new Proxy({ a: 1 }, {}), 2], inner: new Proxy({ b: [3] }, {}), date, none: null, text: 'x' };
    const copy = plain(value);
    expect(copy).toEqual({ list: [{ a: 1 }, 2], inner: { b: [3] }, date, none: null, text: 'x' });
    expect(copy.date).toBe(date);
    expect(() => structuredClone(copy)).not.toThrow();
    expect(plain(null)).toBeNull();
  });

  test('a row with proxies inside (as Svelte state is) is stored', async () => {
    const t = task();
    await putTask({ ...t, request: new Proxy(t.request, {}) });
    expect(await getTask(t.id)).toEqual(t);
  });
});
