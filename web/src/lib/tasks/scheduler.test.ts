import { beforeEach, describe, expect, test } from 'vitest';
import { createApiClient } from '../api/client';
import { errorResponse, FakeWorker, jsonResponse } from '../api/fake-worker';
import * as db from '../db';
import { freshDatabase, useCloneableBlob } from '../db/test-kit';
import { failReason, PollScheduler, type PollPolicy } from './scheduler';
import { FakeEnvironment, ManualClock } from './test-kit';
import type { TaskRecord } from './types';

let clock: ManualClock;
let worker: FakeWorker;
let env: FakeEnvironment;
let staleSeen: ReadonlySet<string>;

beforeEach(async () => {
  await useCloneableBlob();
  await freshDatabase();
  clock = new ManualClock();
  worker = new FakeWorker(clock.now);
  env = new FakeEnvironment();
  staleSeen = new Set();
});

const api = () => createApiClient(() => ({ baseUrl: '' }), worker.fetch);

function scheduler(policy: Partial<PollPolicy> = {}): PollScheduler {
  return new PollScheduler({ api: api(), store: db, clock, env, policy, onStale: (s) => (staleSeen = new Set(s)) });
}

/** A finished row whose video is not stored yet, as a reload finds it. */
async function awaitingVideo(): Promise<TaskRecord> {
  worker.durationMs = 0;
  const task = await submitted();
  const { file_id } = await api().queryTask(task.taskId!);
  const row = { ...task, status: 'Success' as const, fileId: file_id! };
  await db.putTask(row);
  return row;
}

/** A task created on the fake worker "now", stored as the submit step leaves it. */
async function submitted(): Promise<TaskRecord> {
  const { task_id } = await api().createTask({ model: 'MiniMax-Hailuo-2.3', prompt: 'a cat' });
  const task: TaskRecord = {
    id: crypto.randomUUID(),
    taskId: task_id,
    request: { model: 'MiniMax-Hailuo-2.3', prompt: 'a cat' },
    mode: 't2v',
    model: 'MiniMax-Hailuo-2.3',
    prompt: 'a cat',
    status: 'Preparing',
    createdAt: clock.now(),
    submittedAt: clock.now(),
    favourite: false,
  };
  await db.putTask(task);
  return task;
}

const queryTimes = () => worker.callsTo('query').map((c) => c.at);

describe('polling scheduler', () => {
  test('backs off 3 s ×1.5 to 15 s: ≤ 18 status calls over a 3-minute task, then stores the video', async () => {
    worker.videoBytes = 4321;
    const task = await submitted();
    const start = clock.now();
    const s = scheduler();
    await s.start();
    await clock.advance(200_000);

    const times = queryTimes().map((t) => (t - start) / 1000);
    const gaps = times.slice(1).map((t, i) => t - times[i]);
    console.log(`status calls over a 3-minute task: ${times.length}; at s: ${times.map((t) => t.toFixed(1)).join(', ')}`);
    expect(times[0]).toBeCloseTo(3, 0);
    expect(gaps.slice(0, 4)).toEqual([4.5, 6.75, 10.125, 15]);
    expect(gaps.every((g) => g <= 15)).toBe(true);
    expect(times.length).toBeLessThanOrEqual(18);
    expect(times.length / 180).toBeLessThanOrEqual(1 / 10);

    const stored = await db.getTask(task.id);
    expect(stored).toMatchObject({ status: 'Success', fileId: expect.any(String), video: { bytes: 4321 } });
    expect((await db.videoBlob(task.id))?.size).toBe(4321);
    expect(s.tracked).toEqual([]);
  });

  test('never two status calls in flight for one task', async () => {
    const task = await submitted();
    let answer!: (r: Response) => void;
    worker.script('query', new Promise<Response>((resolve) => (answer = resolve)));
    const s = scheduler();
    await s.start();
    await clock.advance(3_000);
    const a = s.checkNow(task.id);
    const b = s.checkNow(task.id);
    await clock.advance(60_000); // timers fire while the call hangs
    expect(worker.callsTo('query')).toHaveLength(1);
    answer(jsonResponse({ task_id: task.taskId, status: 'Processing', base_resp: { status_code: 0 } }));
    await Promise.all([a, b]);
    expect((await db.getTask(task.id))?.status).toBe('Processing');
  });

  test('honours Retry-After on a 429', async () => {
    await submitted();
    worker.script('query', errorResponse(429, 'rate_limited', 'slow', {}, { 'Retry-After': '60' }));
    const s = scheduler();
    await s.start();
    await clock.advance(90_000);
    const [first, second] = queryTimes();
    expect(second - first).toBeGreaterThanOrEqual(60_000);
  });

  test('offline: no calls; back online: checks at once', async () => {
    await submitted();
    const s = scheduler();
    await s.start();
    env.online = false;
    await clock.advance(60_000);
    expect(worker.callsTo('query')).toHaveLength(0);
    env.online = true;
    env.emit('online');
    await clock.advance(0);
    expect(queryTimes()).toEqual([clock.now()]);
  });

  test('coming back to the tab re-checks now', async () => {
    await submitted();
    const s = scheduler();
    await s.start();
    await clock.advance(40_000);
    const before = queryTimes().length;
    await clock.advance(1_000); // next check would be ~15 s away
    env.visible = false;
    env.emit('visibilitychange');
    await clock.advance(0);
    expect(queryTimes()).toHaveLength(before);
    env.visible = true;
    env.emit('visibilitychange');
    await clock.advance(0);
    expect(queryTimes()).toHaveLength(before + 1);
    expect(queryTimes().at(-1)).toBe(clock.now());
  });

  test('after the machine slept (timer drift), every task is checked at once', async () => {
    await submitted();
    await submitted();
    const s = scheduler();
    await s.start();
    await clock.advance(30_000);
    const before = queryTimes().length;
    clock.jump(10 * 60_000);
    await clock.advance(15_000);
    const after = worker.callsTo('query').slice(before);
    expect(after.length).toBeGreaterThanOrEqual(2);
  });

  test('timeouts and errors never fail a task: it turns stale, keeps going, and recovers', async () => {
    worker.durationMs = 10 * 60_000;
    const task = await submitted();
    for (let i = 0; i < 8; i++) worker.script('query', new DOMException('timeout', 'TimeoutError'), errorResponse(502, 'upstream_error'));
    const s = scheduler();
    await s.start();
    await clock.advance(4 * 60_000);
    expect((await db.getTask(task.id))?.status).toBe('Processing');
    const callsWhileFailing = worker.callsTo('query').length;
    expect(callsWhileFailing).toBeGreaterThan(16);

    worker.script('query', new TypeError('offline'), new TypeError('offline'), new TypeError('offline'), new TypeError('offline'));
    await clock.advance(60_000);
    expect(staleSeen.has(task.id)).toBe(true);
    expect(s.stale.has(task.id)).toBe(true);
    expect((await db.getTask(task.id))?.status).not.toBe('Fail');

    await s.checkNow(task.id); // manual re-check, answered this time
    expect(s.stale.has(task.id)).toBe(false);
    await clock.advance(10 * 60_000);
    expect((await db.getTask(task.id))?.status).toBe('Success');
  });

  test('still running after 20 minutes: stale ("still checking"), not failed', async () => {
    worker.durationMs = 60 * 60_000;
    const task = await submitted();
    const s = scheduler({ maxDelayMs: 60_000 }); // fewer checks to step through; the 20 minutes are the default's
    await s.start();
    await clock.advance(19 * 60_000);
    expect(s.stale.has(task.id)).toBe(false);
    await clock.advance(2 * 60_000);
    expect(s.stale.has(task.id)).toBe(true);
    expect((await db.getTask(task.id))?.status).toBe('Processing');
  });

  test("MiniMax's Fail is a failure, with its reason as our sentence for the code", async () => {
    worker.nextOutcome = 'Fail';
    worker.durationMs = 30_000;
    const task = await submitted();
    const s = scheduler();
    await s.start();
    await clock.advance(60_000);
    expect(await db.getTask(task.id)).toMatchObject({
      status: 'Fail',
      error: { code: 'sensitive_output', message: expect.stringMatching(/^MiniMax flagged the generated video as sensitive/) },
      finishedAt: expect.any(Number),
    });
    expect(s.tracked).toEqual([]);
    const calls = worker.callsTo('query').length;
    await clock.advance(60_000);
    expect(worker.callsTo('query')).toHaveLength(calls);
  });

  test('an incomplete download is not saved and is retried later with a fresh request', async () => {
    worker.durationMs = 10_000;
    worker.videoBytes = 3000;
    worker.truncateVideoTo = 1000;
    const task = await submitted();
    const s = scheduler();
    await s.start();
    await clock.advance(16_000); // done at the 14.25 s check; the download fails; the retry waits 5 s
    expect(worker.callsTo('content')).toHaveLength(1);
    expect(await db.getTask(task.id)).toMatchObject({ status: 'Success' });
    expect((await db.getTask(task.id))?.video).toBeUndefined();
    expect(await db.videoBlob(task.id)).toBeNull();

    worker.truncateVideoTo = null;
    await clock.advance(30_000);
    expect(worker.callsTo('content')).toHaveLength(2);
    expect((await db.getTask(task.id))?.video?.bytes).toBe(3000);
  });

  test('after a reload, live rows and finished rows missing their video are resumed from IndexedDB', async () => {
    worker.durationMs = 60_000;
    const live = await submitted();
    const first = scheduler();
    await first.start();
    await clock.advance(20_000);
    first.stop(); // the page goes away
    await db.closeStudioDb();

    const second = scheduler();
    await second.start();
    expect(second.tracked).toEqual([live.id]);
    await clock.advance(60_000);
    expect((await db.getTask(live.id))?.video).toBeDefined();
  });
});

describe('polling scheduler: the guards', () => {
  test('a Success without a file_id is kept Processing (polled again), never a Success with nothing to download', async () => {
    const task = await submitted();
    worker.script('query', jsonResponse({ task_id: task.taskId, status: 'Success', base_resp: { status_code: 0 } }));
    const s = scheduler();
    await s.start();
    await clock.advance(3_000);
    expect(await db.getTask(task.id)).toMatchObject({ status: 'Processing' });
    expect(await db.listLiveTasks()).toHaveLength(1);
    expect(s.tracked).toEqual([task.id]);
  });

  test('a download waiting a long retry delay is tried at once after the machine slept, woken by the 15 s cap', async () => {
    const task = await awaitingVideo();
    worker.script('content', errorResponse(502, 'upstream_error'));
    const s = scheduler({ downloadDelaysMs: [300_000] });
    await s.start();
    await clock.advance(3_000);
    expect(worker.callsTo('content')).toHaveLength(1);
    await clock.advance(14_000); // the cap's wake-up: nothing due, nothing called
    expect(worker.callsTo('content')).toHaveLength(1);
    clock.jump(60_000); // slept a minute: the next wake-up comes late
    await clock.advance(0);
    expect(worker.callsTo('content')).toHaveLength(2);
    expect((await db.getTask(task.id))?.video).toBeDefined();
  });

  test('without a sleep, a long retry delay is waited out', async () => {
    await awaitingVideo();
    worker.script('content', errorResponse(502, 'upstream_error'));
    const s = scheduler({ downloadDelaysMs: [300_000] });
    await s.start();
    await clock.advance(3_000);
    await clock.advance(299_000);
    expect(worker.callsTo('content')).toHaveLength(1);
    await clock.advance(1_000);
    expect(worker.callsTo('content')).toHaveLength(2);
  });

  test('a download failing more often than there are delays keeps retrying at the last delay', async () => {
    await awaitingVideo();
    for (let i = 0; i < 4; i++) worker.script('content', errorResponse(502, 'upstream_error'));
    const s = scheduler({ downloadDelaysMs: [1_000, 2_000] });
    const start = clock.now();
    await s.start();
    await clock.advance(20_000);
    expect(worker.callsTo('content').map((c) => (c.at - start) / 1000)).toEqual([3, 4, 6, 8, 10]);
  });

  test('a task forgotten while its status call was out is not written by the answer', async () => {
    const task = await submitted();
    let answer!: (r: Response) => void;
    worker.script('query', new Promise<Response>((resolve) => (answer = resolve)));
    const s = scheduler();
    await s.start();
    await clock.advance(3_000);
    s.forget(task.id);
    answer(jsonResponse({ task_id: task.taskId, status: 'Success', file_id: '9', base_resp: { status_code: 0 } }));
    await clock.advance(60_000);
    expect(await db.getTask(task.id)).toMatchObject({ status: 'Preparing' });
    expect((await db.getTask(task.id))?.fileId).toBeUndefined();
    expect(worker.callsTo('content')).toHaveLength(0);
  });

  test('tracking a task twice keeps one entry: still one status call in flight', async () => {
    const task = await submitted();
    worker.script('query', 'hang');
    const s = scheduler();
    await s.start();
    await clock.advance(3_000);
    s.track(task);
    await clock.advance(60_000);
    expect(worker.callsTo('query')).toHaveLength(1);
  });

  test('a task whose video is stored here is never tracked again from an older copy of its row', async () => {
    const task = await awaitingVideo();
    const s = scheduler();
    await s.start();
    await clock.advance(3_000);
    expect((await db.getTask(task.id))?.video).toBeDefined();
    s.track(task); // a view read before the video was stored
    await clock.advance(60_000);
    expect(worker.callsTo('content')).toHaveLength(1);
    expect(s.tracked).toEqual([]);
  });

  test('a row with no MiniMax task_id is never tracked', async () => {
    const s = scheduler();
    await s.start();
    s.track({ ...(await awaitingVideo()), id: 'local-only', taskId: undefined });
    expect(s.tracked).not.toContain('local-only');
  });
});

describe('failReason', () => {
  test('keeps MiniMax’s own words for a code we do not know', () => {
    expect(failReason({ status_code: 4242, status_msg: 'frames too dark' })).toEqual({
      code: 'task_failed',
      message: 'MiniMax could not make this video: frames too dark',
    });
    expect(failReason(undefined).code).toBe('task_failed');
  });

  test('never appends MiniMax’s "success" nor our own sentence said again', () => {
    const plain = { code: 'task_failed', message: 'MiniMax could not make this video.' };
    expect(failReason({ status_code: 0, status_msg: 'success' })).toEqual(plain);
    expect(failReason({ status_code: 4242, status_msg: 'Success.' })).toEqual(plain);
    expect(failReason({ status_code: 4242, status_msg: 'MiniMax could not make this video.' })).toEqual(plain);
    expect(failReason({ status_code: 4242, status_msg: '  ' })).toEqual(plain);
    expect(failReason({ status_code: 4242 })).toEqual(plain);
    expect(failReason(undefined)).toEqual(plain);
  });

  test('keeps words that merely contain "success"', () => {
    const said = (msg: string) => failReason({ status_code: 4242, status_msg: msg }).message;
    expect(said('no success')).toBe('MiniMax could not make this video: no success');
    expect(said('success rate too low')).toBe('MiniMax could not make this video: success rate too low');
  });
});
