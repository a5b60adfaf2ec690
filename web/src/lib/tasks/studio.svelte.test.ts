import { beforeEach, describe, expect, test } from 'vitest';
import type { VideoRequest } from '$contract';
import { createApiClient } from '../api/client';
import type { V2Body } from '../api/v2';
import { FakeWorker } from '../api/fake-worker';
import * as db from '../db';
import { freshDatabase, makeTask, settle, useCloneableBlob } from '../db/test-kit';
import { createStudio, type Studio } from './engine.svelte';
import { remasterRequest } from './remaster';
import { FakeEnvironment, ManualClock } from './test-kit';

let clock: ManualClock;
let worker: FakeWorker;
let studio: Studio;

beforeEach(async () => {
  await useCloneableBlob();
  await freshDatabase();
  clock = new ManualClock();
  worker = new FakeWorker(clock.now);
  studio = createStudio({
    api: createApiClient(() => ({ baseUrl: '' }), worker.fetch),
    clock,
    env: new FakeEnvironment(),
    perMinute: () => 5,
  });
  return () => studio.stop();
});

describe('Studio', () => {
  test('submit → live queue → done: video stored, queue empty, estimate learnt', async () => {
    await studio.start();
    expect(studio.mode).toBe('demo');
    const form = $state<VideoRequest>({ model: 'MiniMax-Hailuo-2.3', prompt: 'a red fox', duration: 6, resolution: '768P' });
    const result = await studio.submit([form], 'b1'); // a Svelte proxy: must be stored as a plain copy
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const outcome = await result.items[0].outcome;
    expect(outcome.ok).toBe(true);
    await settle();
    expect(studio.live).toHaveLength(1);
    expect(studio.live[0]).toMatchObject({ status: 'Preparing', batchId: 'b1', taskId: expect.any(String) });

    await clock.advance(200_000);
    expect(studio.live).toHaveLength(0);
    const [done] = (await db.pageTasks({ sort: 'newest', offset: 0, limit: 5 })).items;
    expect(done).toMatchObject({ status: 'Success', video: { bytes: 1000 } });
    expect(studio.estimateSeconds(done)).toBe(189);
    expect(studio.estimateSeconds({ model: 'T2V-01', request: { model: 'T2V-01' } })).toBeNull();
  });

  test('reads the stored durations only once a task needs an estimate, not at start-up', async () => {
    const finished = (seconds: number) =>
      makeTask({ status: 'Success', submittedAt: 1_000, finishedAt: 1_000 + seconds * 1000, createdAt: 1_000 + seconds });
    await db.putTasks([finished(120), finished(140), finished(160)]);
    let reads = 0;
    const store: db.StudioStore = { ...db.studioStore, recentSuccesses: (limit) => (reads++, db.studioStore.recentSuccesses(limit)) };
    const open = async () => {
      const opened = createStudio({ api: createApiClient(() => ({ baseUrl: '' }), worker.fetch), clock, env: new FakeEnvironment(), store });
      await opened.start();
      await settle();
      opened.stop();
      return opened;
    };

    const browsing = await open(); // nothing live: the history is browsed, no estimate is needed
    expect(reads).toBe(0);
    expect(browsing.estimateSeconds(finished(0))).toBeNull();

    await db.putTasks([makeTask({ status: 'Processing', taskId: '42' })]);
    const following = await open();
    expect(reads).toBe(1);
    expect(following.estimateSeconds(finished(0))).toBe(140);
  });

  test('an invalid request in a batch queues nothing', async () => {
    await studio.start();
    const result = await studio.submit([
      { model: 'MiniMax-Hailuo-2.3', prompt: 'ok' },
      { model: 'MiniMax-Hailuo-2.3-Fast', prompt: 'no image' },
    ]);
    expect(result).toMatchObject({ ok: false, index: 1, issue: { field: 'first_frame_image' } });
    expect(studio.pending).toHaveLength(0);
    expect(worker.callsTo('create')).toHaveLength(0);
  });

  test('a batch beyond the pace waits in `pending` with the next slot time', async () => {
    await studio.start();
    await studio.submit(Array.from({ length: 7 }, (_, i) => ({ model: 'MiniMax-Hailuo-2.3', prompt: `v${i}` })));
    await settle();
    expect(worker.callsTo('create')).toHaveLength(5);
    expect(studio.pending).toHaveLength(2);
    expect(studio.nextSlotAt).toBeGreaterThan(clock.now());
  });

  test('start turns an interrupted send into uncertain, shows it, and does not resend it', async () => {
    const row = makeTask({ status: 'submitting', taskId: undefined });
    await db.putTask(row);
    await studio.start();
    expect(studio.live.map((t) => [t.id, t.status])).toEqual([[row.id, 'uncertain']]);
    expect(worker.callsTo('create')).toHaveLength(0);
    await studio.retry(row.id);
    await settle();
    expect(worker.callsTo('create')).toHaveLength(1);
    expect((await db.getTask(row.id))?.status).toBe('uncertain');
  });

  test('a retried remaster is a new row linked to the same source, which then points at it', async () => {
    const h3: V2Body = { model: 'MiniMax-H3', content: [{ type: 'text', text: 'a kite' }], resolution: '768P', duration: 5, ratio: '16:9' };
    const source = makeTask({ model: 'MiniMax-H3', request: h3, prompt: 'a kite', status: 'Success', video: { bytes: 10, chunks: 1, type: 'video/mp4', savedAt: 1 } });
    const failed = makeTask({
      model: 'MiniMax-H3',
      request: remasterRequest(source, `https://studio.example/api/v2/files/content/${source.taskId}`),
      prompt: 'a kite',
      status: 'Fail',
      sourceId: source.id,
      sourceSeconds: 5,
    });
    const plain = makeTask({ status: 'Fail', batchId: 'b7' });
    await db.putTasks([{ ...source, remasterId: failed.id }, failed, plain]);
    await studio.start();

    const again = await studio.retry(failed.id);
    expect(again?.ok).toBe(true);
    if (!again?.ok) return;
    const retried = await db.getTask(again.items[0].key);
    expect(retried).toMatchObject({ sourceId: source.id, sourceSeconds: 5, request: failed.request });
    expect((await db.getTask(source.id))?.remasterId).toBe(retried?.id);

    const other = await studio.retry(plain.id);
    if (!other?.ok) throw new Error('the plain retry was refused');
    const plainAgain = await db.getTask(other.items[0].key);
    expect(plainAgain).toMatchObject({ batchId: 'b7' });
    expect(plainAgain).not.toHaveProperty('sourceId');
    expect((await db.getTask(source.id))?.remasterId).toBe(retried?.id);
  });

  test('submit resolves only once every row is written; a full disk rejects it and queues nothing', async () => {
    await studio.start();
    const result = await studio.submit([{ model: 'MiniMax-Hailuo-2.3', prompt: 'one' }, { model: 'MiniMax-Hailuo-2.3', prompt: 'two' }]);
    expect(result.ok).toBe(true);
    const rows = await Promise.all(result.ok ? result.items.map((item) => db.getTask(item.key)) : []);
    expect(rows.map((row) => row?.prompt)).toEqual(['one', 'two']);
    studio.stop();

    const full = new DOMException('full', 'QuotaExceededError');
    studio = createStudio({
      api: createApiClient(() => ({ baseUrl: '' }), worker.fetch),
      store: { ...db, putTasks: () => Promise.reject(full) },
      clock,
      env: new FakeEnvironment(),
      perMinute: () => 5,
    });
    await studio.start();
    await expect(studio.submit([{ model: 'MiniMax-Hailuo-2.3', prompt: 'three' }])).rejects.toBe(full);
    expect(studio.pending).toHaveLength(0);
  });

  test('favourite toggles and remove deletes the row', async () => {
    const row = makeTask({ status: 'Fail' });
    await db.putTask(row);
    await studio.start();
    expect(await studio.toggleFavourite(row.id)).toBe(true);
    expect((await db.getTask(row.id))?.favourite).toBe(true);
    await studio.remove(row.id);
    expect(await db.getTask(row.id)).toBeUndefined();
  });

  test('another tab upgrading the database closes ours and raises upgradeBlocked', async () => {
    await studio.start();
    const other = await new Promise<IDBDatabase>((resolve, reject) => {
      const request = indexedDB.open(db.DB_NAME, 99);
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    expect(studio.upgradeBlocked).toBe(true);
    other.close();
  });
});

describe('adding an existing task by its id', () => {
  async function madeElsewhere(): Promise<string> {
    const answer = await worker.fetch('/api/v1/video_generation', { method: 'POST', body: JSON.stringify({ model: 'MiniMax-Hailuo-2.3', prompt: 'x' }) });
    return ((await answer.json()) as { task_id: string }).task_id;
  }

  test('a task made elsewhere is followed and its video stored; nothing is created', async () => {
    await studio.start();
    const taskId = await madeElsewhere();
    const result = await studio.addExisting(` ${taskId} `);
    expect(result).toMatchObject({ ok: true, task: { taskId, addedById: true } });
    await clock.advance(200_000);
    expect(await db.findByTaskId(taskId)).toMatchObject({ status: 'Success', video: { bytes: 1000 } });
    expect(worker.callsTo('create')).toHaveLength(1); // only the one made "elsewhere"
  });

  test('refused without a row: not digits, unknown to MiniMax, or already here', async () => {
    await studio.start();
    expect(await studio.addExisting('abc')).toEqual({ ok: false, code: 'task_id_format' });
    expect(await studio.addExisting('123')).toEqual({ ok: false, code: 'not_found' });
    const taskId = await madeElsewhere();
    await studio.addExisting(taskId);
    expect(await studio.addExisting(taskId)).toEqual({ ok: false, code: 'task_id_known' });
    expect((await db.pageTasks({ sort: 'newest', offset: 0, limit: 10 })).items).toHaveLength(1);
  });
});
