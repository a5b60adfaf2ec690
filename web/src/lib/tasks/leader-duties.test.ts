import { beforeEach, describe, expect, test } from 'vitest';
import { createApiClient } from '../api/client';
import { errorResponse, FakeWorker } from '../api/fake-worker';
import * as db from '../db';
import { freshDatabase, makeTask, useCloneableBlob } from '../db/test-kit';
import { DurationBook } from './estimate';
import { LeaderDuties, queueIntoPacer } from './leader-duties';
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
  const leader = new LeaderDuties({
    api,
    store: db,
    clock,
    env: new FakeEnvironment(),
    perMinute: () => 5,
    submitDeps: { api, store: db, now: clock.now },
    state: new StudioState(),
    durations: new DurationBook(),
    announce: () => undefined,
    onSent: (task) => sent.push(task),
    onSendOver: (key, outcome) => over.push([key, outcome]),
    onFinished: () => undefined,
  });
  return { leader, sent, over };
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
