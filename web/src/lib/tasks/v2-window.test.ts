// MiniMax answers about a v2 task for 7 days only: a task not finished and saved by then says so, and is left alone.
import { beforeEach, describe, expect, test } from 'vitest';
import { V2_QUERY_WINDOW_SECONDS } from '$contract';
import { createApiClient } from '../api/client';
import * as db from '../db';
import { freshDatabase, makeTask, useCloneableBlob } from '../db/test-kit';
import { OUT_OF_QUERY_WINDOW, PollScheduler } from './scheduler';
import { FakeEnvironment, ManualClock } from './test-kit';
import type { TaskRecord } from './types';

const WINDOW_MS = V2_QUERY_WINDOW_SECONDS * 1000;
let calls: string[];
let clock: ManualClock;

/** The worker as it answers once MiniMax has forgotten the task: every call is refused. */
async function forgetfulWorker(input: RequestInfo | URL): Promise<Response> {
  calls.push(String(input));
  const body = { type: 'error', error: { type: 'bad_request_error', code: 'invalid_request', message: 'invalid task_id (2013)', http_code: '400' } };
  return new Response(JSON.stringify(body), { status: 400, headers: { 'Content-Type': 'application/json' } });
}

beforeEach(async () => {
  await useCloneableBlob();
  await freshDatabase();
  calls = [];
  clock = new ManualClock();
});

function poller(): PollScheduler {
  return new PollScheduler({ api: createApiClient(() => ({ baseUrl: '' }), forgetfulWorker), store: db, clock, env: new FakeEnvironment() });
}

async function row(patch: Partial<TaskRecord>, ageMs: number): Promise<TaskRecord> {
  const at = clock.now() - ageMs;
  const task = makeTask({ model: 'MiniMax-H3', taskId: '424010985738629', status: 'Queueing', createdAt: at, submittedAt: at, ...patch });
  await db.putTasks([task]);
  return task;
}

describe('the 7-day query window', () => {
  test('a v2 task still unfinished after 7 days fails with a plain sentence and is not asked about again', async () => {
    const task = await row({}, WINDOW_MS + 60_000);
    const p = poller();
    await p.start();
    await clock.advance(60_000);
    expect(await db.getTask(task.id)).toMatchObject({ status: 'Fail', error: OUT_OF_QUERY_WINDOW });
    const asked = calls.length;
    await clock.advance(10 * 60_000);
    expect(calls).toHaveLength(asked);
    expect(asked).toBe(1);
    p.stop();
  });

  test('within the 7 days the same refusal only makes the task "still checking"', async () => {
    const task = await row({}, WINDOW_MS - 10 * 60_000);
    const p = poller();
    await p.start();
    await clock.advance(60_000);
    expect((await db.getTask(task.id))?.status).toBe('Queueing');
    expect(calls.length).toBeGreaterThan(1);
    p.stop();
  });

  test('a finished v2 video not downloaded within the 7 days keeps its status and says it can no longer be fetched', async () => {
    const task = await row({ status: 'Success', fileId: '424010985738629' }, WINDOW_MS + 1000);
    const p = poller();
    await p.start();
    await clock.advance(60_000);
    const stored = await db.getTask(task.id);
    expect(stored).toMatchObject({ status: 'Success', error: { code: 'query_window' } });
    expect(stored?.fileId).toBeUndefined();
    expect(await db.listPendingDownloads()).toEqual([]);
    await clock.advance(10 * 60_000);
    expect(calls).toHaveLength(1);
    p.stop();
  });

  test('a Hailuo (v1) task has no such window: it keeps being asked about', async () => {
    const task = await row({ model: 'MiniMax-Hailuo-2.3', request: { model: 'MiniMax-Hailuo-2.3', prompt: 'a cat' } }, WINDOW_MS + 60_000);
    const p = poller();
    await p.start();
    await clock.advance(60_000);
    expect((await db.getTask(task.id))?.status).toBe('Queueing');
    expect(calls.length).toBeGreaterThan(1);
    p.stop();
  });
});
