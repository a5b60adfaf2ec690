import { beforeEach, describe, expect, test } from 'vitest';
import type { VideoRequest } from '$contract';
import { createApiClient } from '../api/client';
import { FakeWorker } from '../api/fake-worker';
import * as db from '../db';
import { freshDatabase, makeTask, settle, useCloneableBlob } from '../db/test-kit';
import { createStudio, type Studio } from './engine.svelte';
import { submitLockName } from './tabs';
import { FakeChannelHub, FakeEnvironment, FakeLockManager, ManualClock } from './test-kit';
import type { TaskRecord } from './types';

let clock: ManualClock;
let worker: FakeWorker;
let locks: FakeLockManager;
let hub: FakeChannelHub;
let opened: Studio[];
/** which tab made each call to the worker */
let callers: string[];

beforeEach(async () => {
  await useCloneableBlob();
  await freshDatabase();
  clock = new ManualClock();
  worker = new FakeWorker(clock.now);
  locks = new FakeLockManager();
  hub = new FakeChannelHub();
  opened = [];
  callers = [];
  return () => opened.forEach((s) => s.stop());
});

/** A tab of the app: its own studio, sharing the database, the lock manager and the channel with the other tabs. */
function tab(name: string, options: { alone?: boolean } = {}): Studio {
  const fetch: typeof globalThis.fetch = (input, init) => {
    callers.push(name);
    return worker.fetch(input, init);
  };
  const studio = createStudio({
    api: createApiClient(() => ({ baseUrl: '' }), fetch),
    clock,
    env: new FakeEnvironment(),
    perMinute: () => 5,
    locks: options.alone ? null : locks.client(name),
    channel: options.alone ? null : hub.open,
  });
  opened.push(studio);
  return studio;
}

const requests = (n: number, from = 0): VideoRequest[] =>
  Array.from({ length: n }, (_, i) => ({ model: 'MiniMax-Hailuo-2.3', prompt: `v${from + i}` }));

const creates = () => worker.callsTo('create');
const createsBy = (name: string) => worker.calls.filter((c, i) => c.path === '/api/v1/video_generation' && callers[i] === name);
const queriesBy = (name: string) => worker.calls.filter((c, i) => c.path === '/api/v1/query/video_generation' && callers[i] === name);

/** At most `limit` creates in any rolling minute. */
function mostInAMinute(): number {
  const times = creates().map((c) => c.at);
  return Math.max(0, ...times.map((t) => times.filter((u) => u > t - 60_000 && u <= t).length));
}

/** A task MiniMax already has, stored as a sent row. */
async function liveTask(): Promise<TaskRecord> {
  const { task_id } = await createApiClient(() => ({ baseUrl: '' }), worker.fetch).createTask({ model: 'MiniMax-Hailuo-2.3', prompt: 'a cat' });
  worker.calls.length = 0;
  const task = makeTask({ taskId: task_id, status: 'Preparing', createdAt: clock.now(), submittedAt: clock.now() });
  await db.putTask(task);
  return task;
}

describe('queued sends survive a reload', () => {
  test('queued rows are written before anything is sent, and a reload resumes them in order within the pace', async () => {
    let studio = tab('a', { alone: true });
    await studio.start();
    const start = clock.now();
    await studio.submit(requests(8), 'batch-1');
    await clock.advance(0);
    expect(creates()).toHaveLength(5);
    const queued = await db.listWithStatus('queued');
    expect(queued.map((t) => [t.prompt, t.batchId, t.taskId])).toEqual([
      ['v5', 'batch-1', undefined],
      ['v6', 'batch-1', undefined],
      ['v7', 'batch-1', undefined],
    ]);
    expect(studio.pending.map((p) => p.request.prompt)).toEqual(['v5', 'v6', 'v7']);

    await clock.advance(10_000);
    studio.stop(); // reload
    await db.closeStudioDb();
    studio = tab('a', { alone: true });
    await studio.start();
    await settle();
    expect(studio.pending.map((p) => p.request.prompt)).toEqual(['v5', 'v6', 'v7']);
    expect(creates()).toHaveLength(5); // the 5 sent 10 s ago still count
    expect(studio.nextSlotAt).toBe(start + 60_000);

    await clock.advance(60_000);
    expect(creates().map((c) => (c.body as VideoRequest).prompt)).toEqual(requests(8).map((r) => r.prompt));
    expect(creates().map((c) => (c.at - start) / 1000)).toEqual([0, 0, 0, 0, 0, 60, 60, 60]);
    expect(mostInAMinute()).toBeLessThanOrEqual(5);
    expect(studio.pending).toHaveLength(0);
    expect(await db.listWithStatus('queued')).toHaveLength(0);
  });

  test('cancelling a waiting send deletes its row and it is never sent', async () => {
    const studio = tab('a', { alone: true });
    await studio.start();
    const result = await studio.submit(requests(7));
    await clock.advance(0);
    if (!result.ok) throw new Error('expected ok');
    const last = result.items[6];
    expect(studio.cancelPending(last.key)).toBe(true);
    expect(await last.outcome).toEqual({ ok: false, reason: 'cancelled' });
    expect(await db.getTask(last.key)).toBeUndefined();
    await clock.advance(120_000);
    expect(creates().map((c) => (c.body as VideoRequest).prompt)).toEqual(['v0', 'v1', 'v2', 'v3', 'v4', 'v5']);
  });
});

describe('several tabs', () => {
  test('a sending row whose lock another tab holds stays `submitting`; one whose lock is free becomes uncertain', async () => {
    const inFlight = makeTask({ status: 'submitting', taskId: undefined });
    const orphan = makeTask({ status: 'submitting', taskId: undefined });
    await db.putTasks([inFlight, orphan]);
    const release = await locks.hold(submitLockName(inFlight.id), 'tab-sending');

    const studio = tab('b');
    await studio.start();
    expect(studio.isLeader).toBe(true);
    expect((await db.getTask(inFlight.id))?.status).toBe('submitting');
    expect(await db.getTask(orphan.id)).toMatchObject({ status: 'uncertain', error: { code: 'interrupted' } });
    expect(creates()).toHaveLength(0);
    release();
  });

  test('only the leader polls; the follower still shows the queue and history as they change', async () => {
    const task = await liveTask();
    const a = tab('a');
    const b = tab('b');
    await a.start();
    await b.start();
    expect([a.isLeader, b.isLeader]).toEqual([true, false]);
    expect(b.live.map((t) => t.id)).toEqual([task.id]);
    const versionBefore = b.historyVersion;

    await clock.advance(200_000);
    expect(queriesBy('a').length).toBeGreaterThan(0);
    expect(queriesBy('b')).toHaveLength(0);
    expect(worker.callsTo('content')).toHaveLength(1);
    expect(b.live).toHaveLength(0);
    expect(b.historyVersion).toBeGreaterThan(versionBefore);
    expect((await db.getTask(task.id))?.video?.bytes).toBe(1000);
  });

  test('when the leader closes, the next tab takes over: recovers, polls and downloads', async () => {
    const task = await liveTask();
    const a = tab('a');
    const b = tab('b');
    await a.start();
    await b.start();
    await clock.advance(10_000);
    const byA = queriesBy('a').length;
    expect(byA).toBeGreaterThan(0);

    a.stop(); // the tab closes: its leader lock is released
    await settle();
    expect(b.isLeader).toBe(true);
    await clock.advance(200_000);
    expect(queriesBy('a')).toHaveLength(byA);
    expect(queriesBy('b').length).toBeGreaterThan(0);
    expect((await db.getTask(task.id))?.video?.bytes).toBe(1000);
  });

  test("a follower's Generate is sent by the leader, exactly once, and its outcome reaches the follower", async () => {
    const a = tab('a');
    const b = tab('b');
    await a.start();
    await b.start();
    const result = await b.submit(requests(1), 'from-b');
    if (!result.ok) throw new Error('expected ok');
    const outcome = await result.items[0].outcome;
    expect(outcome).toMatchObject({ ok: true, task: { id: result.items[0].key, status: 'Preparing', batchId: 'from-b' } });
    await clock.advance(5_000);
    expect(createsBy('a')).toHaveLength(1);
    expect(createsBy('b')).toHaveLength(0);
    expect(b.pending).toHaveLength(0);
    expect(b.live.map((t) => t.id)).toEqual([result.items[0].key]);
    await clock.advance(200_000);
    expect(creates()).toHaveLength(1);
  });

  test("the follower sees the leader's pace: pending rows and when the next one goes", async () => {
    const a = tab('a');
    const b = tab('b');
    await a.start();
    await b.start();
    const start = clock.now();
    await b.submit(requests(6));
    await clock.advance(0);
    expect(creates()).toHaveLength(5);
    expect(b.pending.map((p) => p.request.prompt)).toEqual(['v5']);
    expect(b.nextSlotAt).toBe(start + 60_000);
  });

  test('a create still in flight when the leader steps down is not marked uncertain by the next leader', async () => {
    const a = tab('a');
    const b = tab('b');
    await a.start();
    await b.start();
    let answer!: (response: Response) => void;
    worker.script('create', new Promise<Response>((resolve) => (answer = resolve)));
    const result = await a.submit(requests(1));
    if (!result.ok) throw new Error('expected ok');
    await settle();
    const id = result.items[0].key;
    expect((await db.getTask(id))?.status).toBe('submitting');
    expect(locks.isHeld(submitLockName(id))).toBe(true);

    a.stop(); // its request is still out (a real closing tab would drop it, and its lock with it)
    await settle();
    expect(b.isLeader).toBe(true);
    expect((await db.getTask(id))?.status).toBe('submitting');

    answer(new Response(JSON.stringify({ task_id: '424242', base_resp: { status_code: 0, status_msg: 'success' } })));
    await settle();
    expect(await db.getTask(id)).toMatchObject({ status: 'Preparing', taskId: '424242' });
    expect(locks.isHeld(submitLockName(id))).toBe(false);
    expect(creates()).toHaveLength(1);
  });
});

describe('dismiss and onFinished', () => {
  test('dismiss takes an uncertain row out of the live queue and keeps it in the history as it was', async () => {
    const row = makeTask({ status: 'uncertain', taskId: undefined, error: { code: 'interrupted', message: 'x' } });
    await db.putTask(row);
    const studio = tab('a');
    await studio.start();
    expect(studio.live.map((t) => t.id)).toEqual([row.id]);
    expect(await studio.dismiss(row.id)).toBe(true);
    expect(studio.live).toHaveLength(0);
    expect(await db.getTask(row.id)).toMatchObject({ status: 'uncertain', dismissed: true, error: { code: 'interrupted' } });
    expect((await db.pageTasks({ sort: 'newest', offset: 0, limit: 5 })).items.map((t) => t.id)).toEqual([row.id]);
    expect(await studio.dismiss(makeTask().id)).toBe(false);
  });

  test('onFinished fires once per task (video stored, or Fail), in the leader tab only', async () => {
    const a = tab('a');
    const b = tab('b');
    const heardA: TaskRecord[] = [];
    const heardB: TaskRecord[] = [];
    a.onFinished((t) => heardA.push(t));
    b.onFinished((t) => heardB.push(t));
    await a.start();
    await b.start();
    const ok = await b.submit(requests(1));
    if (!ok.ok) throw new Error('expected ok');
    await ok.items[0].outcome;
    worker.nextOutcome = 'Fail';
    const failing = await a.submit(requests(1, 1));
    if (!failing.ok) throw new Error('expected ok');
    await failing.items[0].outcome;

    await clock.advance(200_000);
    await clock.advance(200_000);
    expect(heardB).toHaveLength(0);
    const heard = Object.fromEntries(heardA.map((t) => [t.id, [t.status, t.video?.bytes]]));
    expect(heardA).toHaveLength(2);
    expect(heard).toEqual({ [ok.items[0].key]: ['Success', 1000], [failing.items[0].key]: ['Fail', undefined] });
  });
});

describe('history import goes through the engine', () => {
  test('rows imported in a follower tab are announced: the leader polls the live ones and downloads the finished ones', async () => {
    const live = await liveTask();
    worker.durationMs = 0;
    const finished = await liveTask();
    worker.durationMs = 180_000;
    const { file_id } = await createApiClient(() => ({ baseUrl: '' }), worker.fetch).queryTask(finished.taskId!);
    await db.updateTask(finished.id, { status: 'Success', fileId: file_id! });
    const exported = await new Response(db.exportHistory()).blob();
    await freshDatabase();
    worker.calls.length = 0;

    const leader = tab('leader');
    await leader.start();
    const follower = tab('follower');
    await follower.start();
    await settle();
    const versionBefore = leader.historyVersion;

    expect(await follower.importHistory(exported)).toEqual({ tasks: 2, videos: 0, skipped: 0 });
    await clock.advance(3_000);
    expect(leader.historyVersion).toBeGreaterThan(versionBefore);
    expect(queriesBy('leader').map((c) => c.query.get('task_id'))).toContain(live.taskId);
    expect(queriesBy('follower')).toHaveLength(0);
    expect((await db.getTask(finished.id))?.video).toBeDefined();
    expect(follower.live.map((t) => t.id).sort()).toEqual([live.id].sort());
  });

  test('a damaged file imported in a tab changes nothing and says why', async () => {
    const studio = tab('a', { alone: true });
    await studio.start();
    const error = await studio.importHistory(new Blob(['{"kind":"hailuo-studio-history","version":1}\n'])).catch((e: unknown) => e);
    expect(error).toMatchObject({ name: 'ArchiveFormatError' });
    expect((await db.pageTasks({ sort: 'newest', offset: 0, limit: 5 })).total).toBe(0);
  });
});
