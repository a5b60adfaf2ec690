import { beforeEach, describe, expect, test, vi } from 'vitest';
import { createApiClient } from '../api/client';
import { errorResponse, FakeWorker } from '../api/fake-worker';
import * as db from '../db';
import { freshDatabase, makeTask, useCloneableBlob } from '../db/test-kit';
import { DurationBook } from './estimate';
import { LeaderDuties, queueIntoPacer, takeOverSending } from './leader-duties';
import type { ModelPacers } from './model-pacers';
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

function duties() {
  const api = createApiClient(() => ({ baseUrl: '' }), worker.fetch);
  const sent: TaskRecord[] = [];
  const over: [string, SubmitOutcome][] = [];
  const finished: TaskRecord[] = [];
  const state = new StudioState();
  const durations = new DurationBook();
  let announced = 0;
  const leader = new LeaderDuties({
    api,
    store: db,
    clock,
    env: new FakeEnvironment(),
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
  test('reads the sends of the last minute', async () => {
    const since: number[] = [];
    const store = { ...db, listSentSince: async (at: number) => (since.push(at), [{ at, model: 'm' }]) };
    expect(await takeOverSending(store, clock, undefined)).toEqual([{ at: clock.now() - 60_000, model: 'm' }]);
    expect(since).toEqual([clock.now() - 60_000]);
  });
});
