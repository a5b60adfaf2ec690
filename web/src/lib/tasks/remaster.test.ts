// "Remaster at 2K": a new task through the one send path (its own row and Idempotency-Key) on /api/v2/video_regeneration,
// linked both ways to its source.
import { beforeEach, describe, expect, test } from 'vitest';
import { createApiClient } from '../api/client';
import type { V2Body } from '../api/v2';
import * as db from '../db';
import { freshDatabase, makeTask, settle, useCloneableBlob } from '../db/test-kit';
import { createStudio, type Studio } from './engine.svelte';
import { canRemaster, remasterCost, remasterRequest } from './remaster';
import { taskCost } from './task-cost';
import { FakeEnvironment, ManualClock } from './test-kit';
import type { TaskRecord } from './types';

const SOURCE_BODY: V2Body = {
  model: 'MiniMax-H3',
  content: [{ type: 'text', text: 'A lighthouse at dawn' }],
  resolution: '768P',
  duration: 6,
  ratio: '16:9',
};

let calls: { method: string; path: string; key: string | null; body?: V2Body }[];
let clock: ManualClock;
let studio: Studio;

async function worker(input: RequestInfo | URL, init?: RequestInit): Promise<Response> {
  const path = new URL(String(input), 'http://x').pathname;
  const method = init?.method ?? 'GET';
  const key = new Headers(init?.headers).get('Idempotency-Key');
  calls.push({ method, path, key, ...(init?.body ? { body: JSON.parse(String(init.body)) } : {}) });
  const json = (value: unknown) => new Response(JSON.stringify(value), { headers: { 'Content-Type': 'application/json' } });
  if (path === '/api/health') return json({ ok: true, mode: 'live' });
  if (method === 'POST' && path === '/api/v2/video_regeneration') return json({ task_id: '900000000000001' });
  if (path.startsWith('/api/v2/query/')) return json({ task: { id: '900000000000001', model: 'MiniMax-H3', status: 'running', usage: {} } });
  return new Response('{}', { status: 404 });
}

function source(patch: Partial<TaskRecord> = {}): TaskRecord {
  return makeTask({
    model: 'MiniMax-H3',
    request: SOURCE_BODY,
    prompt: 'A lighthouse at dawn',
    status: 'Success',
    taskId: '424010985738629',
    fileId: '424010985738629',
    video: { bytes: 10, chunks: 1, type: 'video/mp4', savedAt: 1 },
    usage: { output_seconds: 6 },
    ...patch,
  });
}

beforeEach(async () => {
  await useCloneableBlob();
  await freshDatabase();
  calls = [];
  clock = new ManualClock();
  studio = createStudio({ api: createApiClient(() => ({ baseUrl: '' }), worker), clock, env: new FakeEnvironment(), perMinute: () => 5 });
  return () => studio.stop();
});

describe('remaster at 2K', () => {
  test('sends a regeneration of the source once, with its own key, and links the new task and its source both ways', async () => {
    const original = source();
    await db.putTasks([original]);
    await studio.start();
    const result = await studio.remaster(original.id);
    if (!result?.ok) throw new Error('not queued');
    const outcome = await result.items[0].outcome;
    expect(outcome.ok).toBe(true);
    await settle();

    const sent = calls.filter((c) => c.method === 'POST');
    expect(sent).toHaveLength(1);
    const remaster = (await db.getTask(result.items[0].key))!;
    expect(sent[0]).toEqual({
      method: 'POST',
      path: '/api/v2/video_regeneration',
      key: remaster.idempotencyKey,
      body: {
        model: 'MiniMax-H3',
        resolution: '2K',
        content: [
          { type: 'text', text: 'A lighthouse at dawn' },
          { type: 'video_url', video_url: { url: new URL('/api/v2/video_generation/424010985738629/content', location.href).toString() }, role: 'base_video' },
        ],
      },
    });
    expect(remaster.idempotencyKey).not.toBe(original.idempotencyKey);
    expect(remaster).toMatchObject({ sourceId: original.id, sourceSeconds: 6, taskId: '900000000000001', prompt: 'A lighthouse at dawn' });
    expect((await db.getTask(original.id))?.remasterId).toBe(remaster.id);
    expect(taskCost(remaster)).toEqual({ kind: 'estimate', cost: { known: true, usd: 0.3, certainty: 'unconfirmed' } });
    expect(taskCost({ ...remaster, usage: { output_seconds: 7 } })).toMatchObject({ kind: 'usage', cost: { usd: 0.35 } });
  });

  test('a 2K video, an H3-Max one, a remaster, or one not stored is not offered and nothing is sent', async () => {
    const cannot = [
      source({ request: { ...SOURCE_BODY, resolution: '2K' } }),
      source({ model: 'MiniMax-H3-Max', request: { ...SOURCE_BODY, model: 'MiniMax-H3-Max' } }),
      source({ request: remasterRequest(source(), 'https://w/api/v2/video_generation/1/content') }),
      source({ video: undefined }),
      source({ status: 'Fail' }),
    ];
    expect(cannot.map(canRemaster)).toEqual([false, false, false, false, false]);
    expect(canRemaster(source())).toBe(true);
    await db.putTasks(cannot);
    await studio.start();
    for (const task of cannot) expect(await studio.remaster(task.id)).toBeNull();
    expect(calls.filter((c) => c.method === 'POST')).toEqual([]);
  });

  test('the price before confirming is the regeneration rate for the source’s seconds', () => {
    expect(remasterCost(source())).toEqual({ known: true, usd: 0.3, certainty: 'unconfirmed' });
    expect(remasterCost(source({ usage: undefined, request: { ...SOURCE_BODY, duration: 10 } }))).toMatchObject({ usd: 0.5 });
  });
});
