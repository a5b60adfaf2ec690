import { beforeEach, describe, expect, test } from 'vitest';
import { deleteTask, getTask, listLiveTasks, listPendingDownloads, putTask, putTasks, recentSuccesses, updateTask } from './tasks';
import { saveVideo, videoBlob } from './videos';
import { openStudioDb } from './open';
import { bytesOf, freshDatabase, streamOf, makeTask as task, useCloneableBlob } from './test-kit';

beforeEach(async () => {
  await useCloneableBlob();
  await freshDatabase();
});

describe('task rows', () => {
  test('the latest successes come newest first, as many as asked, ties at the cut in id order from the top', async () => {
    const rows = [5, 9, 9, 9, 2, 7, 9, 1].map((createdAt, i) => task({ id: `s${i}`, status: 'Success', createdAt }));
    await putTasks([...rows, task({ status: 'Fail', createdAt: 10 }), task({ status: 'Processing', createdAt: 11 })]);
    // as a cursor walking the status index backwards would list them: createdAt down, then id down
    const expected = [...rows].sort((a, b) => b.createdAt - a.createdAt || (a.id < b.id ? 1 : -1)).map((t) => t.id);
    for (const limit of [1, 2, 3, 5, 8, 20]) {
      expect((await recentSuccesses(limit)).map((t) => t.id)).toEqual(expected.slice(0, limit));
    }
    expect(await recentSuccesses(0)).toEqual([]);
  });

  test('no successes: none', async () => {
    await putTask(task({ status: 'Fail' }));
    expect(await recentSuccesses(500)).toEqual([]);
  });

  test('live tasks are those MiniMax works on and has a task_id for, oldest first', async () => {
    const processing = task({ status: 'Processing', createdAt: 1 });
    const preparing = task({ status: 'Preparing', createdAt: 3 });
    const queueing = task({ status: 'Queueing', createdAt: 2 });
    const noTaskId = task({ status: 'Preparing', taskId: undefined, createdAt: 0 });
    for (const t of [processing, preparing, queueing, noTaskId, task({ status: 'Success' }), task({ status: 'queued', taskId: undefined })]) {
      await putTask(t);
    }
    expect((await listLiveTasks()).map((t) => t.id)).toEqual([processing.id, queueing.id, preparing.id]);
  });

  test('put, get and patch a row; undefined in a patch removes the key', async () => {
    const t = task({ error: { code: 'x', message: 'y' } });
    await putTask(t);
    expect(await getTask(t.id)).toEqual(t);
    const updated = await updateTask(t.id, { status: 'Processing', error: undefined });
    expect(updated?.status).toBe('Processing');
    expect(await getTask(t.id)).not.toHaveProperty('error');
  });

  test('patching a missing row does nothing', async () => {
    expect(await updateTask('nope', { status: 'Fail' })).toBeUndefined();
    expect(await getTask('nope')).toBeUndefined();
  });

  test('the stored row carries no derived keys back out', async () => {
    const t = task({ favourite: true, status: 'Success', fileId: '1' });
    await putTask(t);
    expect(await getTask(t.id)).toEqual(t);
  });

  test('live tasks are those MiniMax still works on, with a task_id', async () => {
    const live = task({ status: 'Queueing' });
    await Promise.all([
      putTask(live),
      putTask(task({ status: 'Success' })),
      putTask(task({ status: 'uncertain', taskId: undefined })),
      putTask(task({ status: 'Fail' })),
    ]);
    expect((await listLiveTasks()).map((t) => t.id)).toEqual([live.id]);
  });

  test('a finished task without its video is listed for download until the video is stored', async () => {
    const done = task({ status: 'Success', fileId: '42' });
    await putTask(done);
    expect((await listPendingDownloads()).map((t) => t.id)).toEqual([done.id]);
    await saveVideo(done.id, streamOf(bytesOf(1000)), 1000);
    expect(await listPendingDownloads()).toEqual([]);
  });

  test('deleting a task frees its video chunks in the same transaction', async () => {
    const t = task({ status: 'Success', fileId: '9' });
    await putTask(t);
    await saveVideo(t.id, streamOf(bytesOf(9 * 1024 * 1024)), 9 * 1024 * 1024);
    const db = await openStudioDb();
    expect(await db.count('videoChunks')).toBe(3);
    await deleteTask(t.id);
    expect(await db.count('videoChunks')).toBe(0);
    expect(await getTask(t.id)).toBeUndefined();
    expect(await videoBlob(t.id)).toBeNull();
  });

  test('a proxied object (as Svelte state is) is stored as a plain copy', async () => {
    const t = task();
    const proxied = new Proxy(t, {});
    await putTask(proxied);
    expect(await getTask(t.id)).toEqual(t);
  });
});
