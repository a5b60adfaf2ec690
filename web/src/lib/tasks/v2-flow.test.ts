// A MiniMax-H3 task through the shared send and poll path, against a stand-in for the worker's /api/v2.
import { beforeEach, describe, expect, test } from 'vitest';
import { createApiClient } from '../api/client';
import type { V2Body } from '../api/v2';
import * as db from '../db';
import { freshDatabase, makeTask, useCloneableBlob } from '../db/test-kit';
import { PollScheduler } from './scheduler';
import { sendQueued, type SubmitOutcome } from './submit';

import { FakeEnvironment, ManualClock } from './test-kit';

const body: V2Body = { model: 'MiniMax-H3', content: [{ type: 'text', text: 'A lighthouse at dawn' }], resolution: '2K', duration: 5, ratio: '16:9' };
const VIDEO = new Uint8Array([0, 0, 0, 8, 0x73, 0x6f, 0x75, 0x6e]); // bytes stand in for an mp4 with a 'soun' track

let calls: { method: string; path: string; body?: unknown }[];
let statuses: string[];
let clock: ManualClock;

function json(value: unknown, status = 200): Response {
  return new Response(JSON.stringify(value), { status, headers: { 'Content-Type': 'application/json' } });
}

async function v2Worker(input: RequestInfo | URL, init?: RequestInit): Promise<Response> {
  const path = String(input);
  const method = init?.method ?? 'GET';
  calls.push({ method, path, ...(init?.body ? { body: JSON.parse(String(init.body)) } : {}) });
  if (method === 'POST' && path === '/api/v2/video_generation') return json({ task_id: '424010985738629' });
  if (path === '/api/v2/query/video_generation/424010985738629') {
    const status = statuses.shift() ?? 'succeeded';
    return json({
      task: {
        id: '424010985738629',
        model: 'MiniMax-H3',
        status,
        resolution: '2K',
        duration: 5,
        ...(status === 'succeeded'
          ? { content: { url: '/api/v2/video_generation/424010985738629/content?t=x' }, usage: { output_seconds: 5, input_image_count: 0 } }
          : { usage: {} }),
      },
    });
  }
  if (path === '/api/v2/video_generation/424010985738629/content') {
    return new Response(VIDEO, { headers: { 'Content-Type': 'video/mp4', 'Content-Length': String(VIDEO.length) } });
  }
  return json({ type: 'error', error: { type: 'not_found', code: 'not_found', message: 'no' } }, 404);
}

beforeEach(async () => {
  await useCloneableBlob();
  await freshDatabase();
  calls = [];
  statuses = [];
  clock = new ManualClock();
});

const api = () => createApiClient(() => ({ baseUrl: '' }), v2Worker);

/** The real send path: a row written as `queued` (as the studio does), then sent once. */
async function submitTask(request: V2Body, deps: Parameters<typeof sendQueued>[1]): Promise<SubmitOutcome> {
  const row = makeTask({ status: 'queued', taskId: undefined, request, model: request.model, prompt: 'A lighthouse at dawn', mode: 't2v', idempotencyKey: 'k-1' });
  await db.putTasks([row]);
  return (await sendQueued(row.id, deps))!;
}

describe('a MiniMax-H3 task in the queue', () => {
  test('is created on /api/v2 with the exact body, polled there, and its video with sound stored with the usage', async () => {
    const sent = await submitTask(body, { api: api(), store: db, now: clock.now });
    expect(sent).toMatchObject({ ok: true, task: { taskId: '424010985738629', model: 'MiniMax-H3', prompt: 'A lighthouse at dawn', mode: 't2v' } });
    expect(calls).toEqual([{ method: 'POST', path: '/api/v2/video_generation', body }]);
    if (!sent.ok) return;

    statuses = ['queued', 'running', 'succeeded'];
    const poller = new PollScheduler({ api: api(), store: db, clock, env: new FakeEnvironment() });
    await poller.start();
    await clock.advance(60_000);

    const stored = await db.getTask(sent.task.id);
    expect(stored).toMatchObject({ status: 'Success', fileId: '424010985738629', usage: { output_seconds: 5 }, video: { bytes: VIDEO.length } });
    const saved = new Uint8Array(await (await db.videoBlob(sent.task.id))!.arrayBuffer());
    expect(saved).toEqual(VIDEO);
    expect(calls.filter((c) => c.path.startsWith('/api/v1'))).toEqual([]);
    poller.stop();
  });

  test('a v2 body MiniMax would refuse is refused before anything is sent', async () => {
    const outcome = await submitTask({ ...body, ratio: 'adaptive' }, { api: api(), store: db });
    expect(outcome).toMatchObject({ ok: false, reason: 'rejected', task: { status: 'rejected', error: { field: 'ratio' } } });
    expect(calls).toEqual([]);
  });

  test('a cancelled task ends as a free failure', async () => {
    const sent = await submitTask(body, { api: api(), store: db, now: clock.now });
    if (!sent.ok) throw new Error('not sent');
    statuses = ['queued', 'cancelled'];
    const poller = new PollScheduler({ api: api(), store: db, clock, env: new FakeEnvironment() });
    await poller.start();
    await clock.advance(30_000);
    expect(await db.getTask(sent.task.id)).toMatchObject({ status: 'Fail', error: { code: 'cancelled' } });
    poller.stop();
  });
});
