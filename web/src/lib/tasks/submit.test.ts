import { beforeEach, describe, expect, test } from 'vitest';
import { createApiClient } from '../api/client';
import { errorResponse, FakeWorker } from '../api/fake-worker';
import * as db from '../db';
import { freshDatabase, settle } from '../db/test-kit';
import { makeTask } from '../db/test-kit';
import { recoverInterruptedSubmits, retryTask, sendQueued, submitTask, type SubmitDeps } from './submit';

const request = { model: 'MiniMax-Hailuo-2.3', prompt: 'a cat on a skateboard', duration: 6, resolution: '768P' as const };

let worker: FakeWorker;
let deps: SubmitDeps;

beforeEach(async () => {
  await freshDatabase();
  worker = new FakeWorker(() => Date.now());
  deps = { api: createApiClient(() => ({ baseUrl: '' }), worker.fetch), store: db };
});

describe('submitTask', () => {
  test('an invalid request is refused before any network call and writes no row', async () => {
    const outcome = await submitTask({ model: 'MiniMax-Hailuo-2.3', prompt: 'x', duration: 10, resolution: '1080P' }, deps);
    expect(outcome).toMatchObject({ ok: false, reason: 'invalid', issue: { field: 'duration' } });
    expect(worker.calls).toHaveLength(0);
    expect((await db.pageTasks({ sort: 'newest', offset: 0, limit: 10 })).total).toBe(0);
  });

  test('the row exists, as submitting, before the create is sent; after the answer it has the task_id', async () => {
    let rowWhenSent: unknown = 'not checked';
    const api = {
      async createTask(body: typeof request) {
        rowWhenSent = (await db.listWithStatus('submitting')).map((t) => t.request);
        return worker.fetch('/api/v1/video_generation', { method: 'POST', body: JSON.stringify(body) }).then((r) => r.json());
      },
    };
    const outcome = await submitTask(request, { ...deps, api });
    expect(rowWhenSent).toEqual([request]);
    expect(outcome.ok).toBe(true);
    if (!outcome.ok) return;
    const stored = await db.getTask(outcome.task.id);
    expect(stored).toMatchObject({ status: 'Preparing', taskId: outcome.task.taskId, request, mode: 't2v' });
    expect(stored?.submittedAt).toBeTypeOf('number');
  });

  test('a refusal (MiniMax answered) marks the row rejected with the reason', async () => {
    worker.script('create', errorResponse(422, 'sensitive_input', 'Flagged', { field: 'prompt' }));
    const outcome = await submitTask(request, deps);
    expect(outcome).toMatchObject({ ok: false, reason: 'rejected' });
    if (outcome.ok || outcome.reason === 'invalid') return;
    expect(await db.getTask(outcome.task.id)).toMatchObject({ status: 'rejected', error: { code: 'sensitive_input', field: 'prompt' } });
  });

  test('a network failure marks the row uncertain and is never sent again by itself', async () => {
    worker.script('create', new TypeError('Failed to fetch'));
    const outcome = await submitTask(request, deps);
    expect(outcome).toMatchObject({ ok: false, reason: 'uncertain' });
    await settle();
    expect(worker.callsTo('create')).toHaveLength(1);
    expect(await db.listWithStatus('uncertain')).toHaveLength(1);
  });

  test('a page that died mid-create leaves a row that becomes uncertain at the next start, not re-sent', async () => {
    worker.script('create', 'hang');
    void submitTask(request, deps); // the page "dies" with this in flight
    await settle();
    expect(await db.listWithStatus('submitting')).toHaveLength(1);
    await db.closeStudioDb(); // reload

    const recovered = await recoverInterruptedSubmits(db);
    expect(recovered).toHaveLength(1);
    expect(await db.getTask(recovered[0].id)).toMatchObject({ status: 'uncertain', error: { code: 'interrupted' } });
    expect(worker.callsTo('create')).toHaveLength(1);
  });

  test('retry is a new row; the uncertain one stays as it was', async () => {
    worker.script('create', new TypeError('Failed to fetch'));
    const first = await submitTask(request, deps);
    if (first.ok || first.reason === 'invalid') throw new Error('expected uncertain');
    const again = await retryTask(first.task.id, deps);
    expect(again?.ok).toBe(true);
    if (!again?.ok) return;
    expect(again.task.id).not.toBe(first.task.id);
    expect((await db.getTask(first.task.id))?.status).toBe('uncertain');
    expect(worker.callsTo('create')).toHaveLength(2);
  });
});

describe('sendQueued', () => {
  test('two senders racing for one queued row: it is claimed and sent once', async () => {
    const row = makeTask({ status: 'queued', taskId: undefined, request, prompt: request.prompt });
    await db.putTask(row);
    const [first, second] = await Promise.all([sendQueued(row.id, deps), sendQueued(row.id, deps)]);
    expect([first?.ok, second?.ok].sort()).toEqual([true, undefined]);
    expect(worker.callsTo('create')).toHaveLength(1);
    expect(await db.getTask(row.id)).toMatchObject({ status: 'Preparing', sentAt: expect.any(Number) });
  });

  test('a rate-limited send goes back to `queued` (nothing charged) for the pacer to resend', async () => {
    worker.script('create', errorResponse(429, 'rate_limited', 'slow', {}, { 'Retry-After': '30' }));
    const row = makeTask({ status: 'queued', taskId: undefined, request, prompt: request.prompt });
    await db.putTask(row);
    const outcome = await sendQueued(row.id, deps);
    expect(outcome).toMatchObject({ ok: false, reason: 'rejected', task: { status: 'queued' } });
    expect((await db.getTask(row.id))?.error).toBeUndefined();
  });

  test('a row cancelled before its slot is not sent', async () => {
    expect(await sendQueued('gone', deps)).toBeNull();
    expect(worker.callsTo('create')).toHaveLength(0);
  });
});
