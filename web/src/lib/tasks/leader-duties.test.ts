import { beforeEach, describe, expect, test, vi } from 'vitest';
import { createApiClient } from '../api/client';
import { errorResponse, FakeWorker } from '../api/fake-worker';
import type { V2Body } from '../api/v2';
import * as db from '../db';
import { StorageFullError } from '../db/errors';
import { freshDatabase, makeTask, useCloneableBlob } from '../db/test-kit';
import { DurationBook } from './estimate';
import { LeaderDuties, queueIntoPacer, takeOverSending } from './leader-duties';
import type { ModelPacers } from './model-pacers';
import type { PollPolicy, SchedulerStore } from './scheduler';
import type { SubmitOutcome } from './submit';
import { StudioState } from './studio-state.svelte';
import { FakeEnvironment, ManualClock } from './test-kit';
import type { TaskRecord } from './types';

let clock: ManualClock;
let worker: FakeWorker;

beforeEach(async () => {
  await useCloneableBlob();
  await freshDatabase();
  globalThis.localStorage.clear(); // the pacer's 429 pause lives there
  clock = new ManualClock();
  worker = new FakeWorker(clock.now);
});

function duties(options: { env?: FakeEnvironment; policy?: Partial<PollPolicy>; store?: SchedulerStore; fetch?: FakeWorker['fetch'] } = {}) {
  const api = createApiClient(() => ({ baseUrl: '' }), options.fetch ?? worker.fetch);
  const sent: TaskRecord[] = [];
  const over: [string, SubmitOutcome][] = [];
  const finished: TaskRecord[] = [];
  const state = new StudioState();
  const durations = new DurationBook();
  let announced = 0;
  const leader = new LeaderDuties({
    api,
    store: options.store ?? db,
    clock,
    env: options.env ?? new FakeEnvironment(),
    ...(options.policy ? { policy: options.policy } : {}),
    perMinute: () => 5,
    submitDeps: { api, store: db, now: clock.now },
    state,
    durations,
    announce: () => announced++,
    onSent: (task) => sent.push(task),
    onSendOver: (key, outcome) => over.push([key, outcome]),
    onFinished: (task) => finished.push(task),
  });
  return { leader, sent, over, finished, state, durations, announced: () => announced };
}

describe('leader duties', () => {
  test('a row MiniMax took is handed on (to be polled) and its send is over', async () => {
    const row = makeTask({ status: 'queued', taskId: undefined });
    await db.putTask(row);
    const { leader, sent, over } = duties();
    await leader.begin([]);
    await queueIntoPacer(db, () => leader.pacer);
    await clock.advance(0);
    expect(sent.map((t) => [t.id, t.status])).toEqual([[row.id, 'Preparing']]);
    expect(over.map(([key, outcome]) => [key, outcome.ok])).toEqual([[row.id, true]]);
    leader.stop();
  });

  test('a rate-limited row is queued again: its send is not over, nothing is handed on', async () => {
    worker.script('create', errorResponse(429, 'rate_limited', 'slow', {}, { 'Retry-After': '30' }));
    const row = makeTask({ status: 'queued', taskId: undefined });
    await db.putTask(row);
    const { leader, sent, over } = duties();
    await leader.begin([]);
    await queueIntoPacer(db, () => leader.pacer);
    await clock.advance(0);
    expect(sent).toEqual([]);
    expect(over).toEqual([]);
    expect(leader.pacer.waiting.map((i) => i.key)).toEqual([row.id]);
    await clock.advance(30_000);
    expect(over.map(([key, outcome]) => [key, outcome.ok])).toEqual([[row.id, true]]);
    leader.stop();
  });

  test('a refused row: its send is over, nothing is handed on', async () => {
    worker.script('create', errorResponse(422, 'sensitive_input'));
    const row = makeTask({ status: 'queued', taskId: undefined });
    await db.putTask(row);
    const { leader, sent, over } = duties();
    await leader.begin([]);
    await queueIntoPacer(db, () => leader.pacer);
    await clock.advance(0);
    expect(sent).toEqual([]);
    expect(over.map(([key, outcome]) => [key, outcome.ok])).toEqual([[row.id, false]]);
    leader.stop();
  });
});

describe('leader duties: the page and MiniMax-H3', () => {
  test('a row deleted before its slot came is not sent, and its send is not told as over', async () => {
    const row = makeTask({ status: 'queued', taskId: undefined });
    await db.putTask(row);
    const { leader, sent, over } = duties();
    await leader.begin([]);
    leader.pacer.v1.pauseUntil(clock.now() + 10_000);
    await queueIntoPacer(db, () => leader.pacer);
    const outcome = leader.pacer.waiting[0]!.outcome;
    await db.deleteTask(row.id);
    await clock.advance(10_000);
    expect(await outcome).toEqual({ ok: false, reason: 'cancelled' });
    expect([sent, over, worker.callsTo('create')]).toEqual([[], [], []]);
    leader.stop();
  });

  test('while the page is offline nothing is sent nor polled; back online, both go at once', async () => {
    const env = new FakeEnvironment();
    env.online = false;
    const row = makeTask({ status: 'queued', taskId: undefined });
    await db.putTask(row);
    const { leader } = duties({ env });
    await leader.begin([]);
    leader.scheduler.track(makeTask({ status: 'Processing', createdAt: clock.now() }));
    await queueIntoPacer(db, () => leader.pacer);
    await clock.advance(30_000);
    expect([worker.callsTo('create').length, worker.callsTo('query').length]).toEqual([0, 0]);
    env.online = true;
    env.emit('online');
    await clock.advance(0);
    expect([worker.callsTo('create').length, worker.callsTo('query').length]).toEqual([1, 1]);
    leader.stop();
  });

  test('no MiniMax-H3 send while 30 H3 tasks are on MiniMax; one ending lets it go', async () => {
    const request: V2Body = { model: 'MiniMax-H3', content: [{ type: 'text', text: 'dawn' }], resolution: '2K', duration: 5, ratio: '16:9' };
    const h3 = { model: request.model, request };
    const row = makeTask({ ...h3, status: 'queued', taskId: undefined });
    await db.putTask(row);
    const { leader } = duties();
    await leader.begin([]);
    const working = Array.from({ length: 30 }, () => makeTask({ ...h3, status: 'Processing', createdAt: clock.now() }));
    for (const task of working) leader.scheduler.track(task);
    const creates = () => worker.calls.filter((c) => c.method === 'POST' && c.path === '/api/v2/video_generation');
    await queueIntoPacer(db, () => leader.pacer);
    await clock.advance(0);
    expect(creates()).toEqual([]);
    expect((await db.getTask(row.id))?.status).toBe('queued');
    leader.scheduler.forget(working[0]!.id);
    leader.pacer.wakeV2();
    await clock.advance(0);
    expect(creates()).toHaveLength(1);
    leader.stop();
  });
});

describe('leader duties: what the polls bring', () => {
  async function sendOne(outcome: 'Success' | 'Fail') {
    worker.nextOutcome = outcome;
    const row = makeTask({ status: 'queued', taskId: undefined });
    await db.putTask(row);
    const it = duties();
    it.state.storageFullChanged(true);
    const wake = vi.spyOn(it.leader.pacer, 'wakeV2');
    await it.leader.begin([]);
    await queueIntoPacer(db, () => it.leader.pacer);
    await clock.advance(0);
    it.leader.scheduler.track(it.sent[0]!);
    await clock.advance(30_000);
    return { ...it, row, wake };
  }

  test('while MiniMax works on a task nothing is finished, nothing wakes, a full storage stays full', async () => {
    const { leader, finished, state, wake } = await sendOne('Success');
    expect(finished).toEqual([]);
    expect(wake).not.toHaveBeenCalled();
    expect(state.storageFull).toBe(true);
    leader.stop();
  });

  test('a task that succeeds is finished once, with its video; its storage is no longer full; v2 sends wake', async () => {
    const { leader, finished, state, wake, row } = await sendOne('Success');
    await clock.advance(400_000);
    expect(finished.map((t) => [t.id, t.status, t.video !== undefined])).toEqual([[row.id, 'Success', true]]);
    expect(state.storageFull).toBe(false);
    expect(wake).toHaveBeenCalled();
    leader.stop();
  });

  test('a task MiniMax fails is finished (without a video) and v2 sends wake', async () => {
    const { leader, finished, wake, row } = await sendOne('Fail');
    await clock.advance(400_000);
    expect(finished.map((t) => [t.id, t.status])).toEqual([[row.id, 'Fail']]);
    expect(wake).toHaveBeenCalled();
    leader.stop();
  });

  test('the pace is told to the studio and announced; after stop it is not', async () => {
    for (let i = 0; i < 6; i++) await db.putTask(makeTask({ status: 'queued', taskId: undefined, createdAt: i })); // one more than 5 a minute
    const { leader, state, announced } = duties();
    await leader.begin([]);
    await queueIntoPacer(db, () => leader.pacer);
    await clock.advance(0);
    expect(state.nextSlotAt).toBe(leader.pacer.nextSlotAt);
    expect(state.nextSlotAt).not.toBeNull();
    const before = announced();
    expect(before).toBeGreaterThan(0);
    leader.stop();
    await db.putTask(makeTask({ status: 'queued', taskId: undefined }));
    await queueIntoPacer(db, () => leader.pacer);
    expect(announced()).toBe(before);
  });
});

describe('leader duties: losing the lead', () => {
  test('a send still out when the tab loses the lead: its answer is not told to the studio', async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const held: FakeWorker['fetch'] = async (...args) => {
      await gate;
      return worker.fetch(...args);
    };
    await db.putTask(makeTask({ status: 'queued', taskId: undefined }));
    const { leader, announced } = duties({ fetch: held });
    await leader.begin([]);
    await queueIntoPacer(db, () => leader.pacer);
    await clock.advance(0);
    expect(leader.pacer.waiting).toEqual([]); // the send is out
    const before = announced();
    leader.stop();
    release();
    await clock.advance(0);
    expect(worker.callsTo('create')).toHaveLength(1);
    expect(announced()).toBe(before);
  });
});

describe('leader duties: stale tasks and failed downloads', () => {
  const processing = () => makeTask({ status: 'Processing', createdAt: clock.now() });
  const finishedWithoutVideo = () => makeTask({ status: 'Success', fileId: '999', createdAt: clock.now() });

  test('a task whose status could not be read shows as stale, by the policy given, and is announced', async () => {
    worker.script('query', new TypeError('Failed to fetch'));
    const task = processing();
    const { leader, state, announced } = duties({ policy: { staleAfterErrors: 0 } });
    await leader.begin([]);
    leader.scheduler.track(task);
    const before = announced();
    await clock.advance(3_000);
    expect(worker.callsTo('query')).toHaveLength(1);
    expect([...state.stale]).toEqual([task.id]);
    expect(announced()).toBeGreaterThan(before);
    leader.stop();
  });

  test('a video refused for a full disk says storage is full, and is announced', async () => {
    worker.script('content', new Response(new Uint8Array([1, 2, 3]), { headers: { 'Content-Type': 'video/mp4', 'Content-Length': '3' } }));
    const store: SchedulerStore = { ...db, saveVideo: () => Promise.reject(new StorageFullError(0)) };
    const { leader, state, announced } = duties({ store });
    await leader.begin([]);
    leader.scheduler.track(finishedWithoutVideo());
    const before = announced();
    await clock.advance(3_000);
    expect(worker.callsTo('content')).toHaveLength(1);
    expect(state.storageFull).toBe(true);
    expect(announced()).toBe(before + 1);
    leader.stop();
  });

  test('a download failing otherwise is announced, storage is not called full', async () => {
    const { leader, state, announced } = duties();
    await leader.begin([]);
    leader.scheduler.track(finishedWithoutVideo()); // MiniMax has no such file: 404
    const before = announced();
    await clock.advance(3_000);
    expect(worker.callsTo('content')).toHaveLength(1);
    expect(state.storageFull).toBe(false);
    expect(announced()).toBe(before + 1);
    leader.stop();
  });
});

describe('queueIntoPacer', () => {
  function fakePacer(waitingKeys: string[]) {
    const added: unknown[] = [];
    const cancelled: string[] = [];
    const pacer = {
      waiting: waitingKeys.map((key) => ({ key })),
      cancel: (key: string) => cancelled.push(key),
      add: (items: unknown[]) => added.push(...items),
    };
    return { pacer: pacer as unknown as ModelPacers, added, cancelled };
  }

  test('queued rows join oldest first (with their batch), rows no longer queued leave', async () => {
    const older = makeTask({ status: 'queued', createdAt: 1_000, batchId: 'b1' });
    const newer = makeTask({ status: 'queued', createdAt: 2_000 });
    const store = { listWithStatus: async () => [newer, older] };
    const { pacer, added, cancelled } = fakePacer([older.id, 'gone']);
    await queueIntoPacer(store, () => pacer);
    expect(cancelled).toEqual(['gone']);
    expect(added).toStrictEqual([ // strict: a row without a batch carries no batchId key
      { key: older.id, request: older.request, enqueuedAt: 1_000, batchId: 'b1' },
      { key: newer.id, request: newer.request, enqueuedAt: 2_000 },
    ]);
  });

  test('a store that cannot be read changes nothing (and throws nothing)', async () => {
    const store = { listWithStatus: () => Promise.reject(new Error('closed')) };
    const { pacer, added, cancelled } = fakePacer(['a']);
    await queueIntoPacer(store, () => pacer);
    expect([added, cancelled]).toEqual([[], []]);
  });
});

describe('takeOverSending', () => {
  test('a send cut off a minute ago (by the leader clock) is queued again with its key; one from 25 h ago is uncertain', async () => {
    const hour = 3_600_000;
    const recent = makeTask({ status: 'submitting', taskId: undefined, idempotencyKey: 'k-1', sentAt: clock.now() - 60_000 });
    const old = makeTask({ status: 'submitting', taskId: undefined, idempotencyKey: 'k-2', sentAt: clock.now() - 25 * hour });
    await db.putTasks([recent, old]);
    await takeOverSending({ ...db, listSentSince: async () => [] }, clock, undefined);
    expect([(await db.getTask(recent.id))?.status, (await db.getTask(old.id))?.status]).toEqual(['queued', 'uncertain']);
  });

  test('reads the sends of the last minute', async () => {
    const since: number[] = [];
    const store = { ...db, listSentSince: async (at: number) => (since.push(at), [{ at, model: 'm' }]) };
    expect(await takeOverSending(store, clock, undefined)).toEqual([{ at: clock.now() - 60_000, model: 'm' }]);
    expect(since).toEqual([clock.now() - 60_000]);
  });
});
