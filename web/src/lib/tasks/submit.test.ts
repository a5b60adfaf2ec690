import { beforeEach, describe, expect, test } from 'vitest';
import { failureForStatusCode, MAPPED_STATUS_CODES } from '$contract';
import { createApiClient } from '../api/client';
import { errorResponse, FakeWorker, jsonResponse, type Scripted } from '../api/fake-worker';
import * as db from '../db';
import { freshDatabase, makeTask, settle } from '../db/test-kit';
import { KEY_TRUSTED_MS, MAX_RATE_LIMITED, recoverInterruptedSubmits, requestForRetry, sendQueued, type SubmitDeps } from './submit';
import type { TaskStatus } from './types';

const request = { model: 'MiniMax-Hailuo-2.3', prompt: 'a cat on a skateboard', duration: 6, resolution: '768P' as const };

let worker: FakeWorker;
let deps: SubmitDeps;

beforeEach(async () => {
  await freshDatabase();
  worker = new FakeWorker(() => Date.now());
  deps = { api: createApiClient(() => ({ baseUrl: '' }), worker.fetch), store: db, now: () => 1_000 };
});

async function queuedRow(overrides = {}) {
  const row = makeTask({ status: 'queued', taskId: undefined, request, prompt: request.prompt, ...overrides });
  await db.putTask(row);
  return row;
}

describe('sendQueued', () => {
  test('the row is claimed as submitting before the create is sent; after the answer it has the task_id', async () => {
    const row = await queuedRow();
    let rowWhenSent: unknown = 'not sent';
    const api = {
      async createTask(body: typeof request) {
        rowWhenSent = await db.getTask(row.id);
        return deps.api.createTask(body);
      },
    };
    const outcome = await sendQueued(row.id, { ...deps, api });
    expect(rowWhenSent).toMatchObject({ status: 'submitting', sentAt: 1_000, request });
    expect(outcome).toMatchObject({ ok: true, task: { status: 'Preparing' } });
    const stored = await db.getTask(row.id);
    expect(stored).toMatchObject({ status: 'Preparing', taskId: expect.stringMatching(/^\d+$/), submittedAt: 1_000, request });
    expect(worker.callsTo('create').map((c) => c.body)).toEqual([request]);
  });

  test('two senders racing for one queued row: it is claimed and sent once', async () => {
    const row = await queuedRow();
    const [first, second] = await Promise.all([sendQueued(row.id, deps), sendQueued(row.id, deps)]);
    expect([first?.ok, second?.ok].sort()).toEqual([true, undefined]);
    expect(worker.callsTo('create')).toHaveLength(1);
    expect(await db.getTask(row.id)).toMatchObject({ status: 'Preparing', sentAt: 1_000 });
  });

  test('a rate-limited send goes back to `queued` (nothing charged) for the pacer to resend', async () => {
    worker.script('create', errorResponse(429, 'rate_limited', 'slow', {}, { 'Retry-After': '30' }));
    const row = await queuedRow();
    const outcome = await sendQueued(row.id, deps);
    expect(outcome).toMatchObject({ ok: false, reason: 'rejected', task: { status: 'queued' }, error: { retryAfter: 30 } });
    expect(await db.getTask(row.id)).toMatchObject({ status: 'queued', waitingFor: 'rate_limit', rateLimited: 1, error: { code: 'rate_limited', message: 'slow' } });
  });

  test('a row cancelled before its slot is not sent', async () => {
    expect(await sendQueued('gone', deps)).toBeNull();
    expect(worker.callsTo('create')).toHaveLength(0);
  });

  test('a row whose stored request is no longer valid is refused without a call', async () => {
    const row = await queuedRow({ request: { ...request, duration: 10, resolution: '1080P' } });
    expect(await sendQueued(row.id, deps)).toMatchObject({ ok: false, reason: 'rejected', error: { field: 'duration' } });
    expect(await db.getTask(row.id)).toMatchObject({ status: 'rejected', error: { code: 'invalid_request' } });
    expect(worker.callsTo('create')).toHaveLength(0);
  });

  test('a row deleted while its create was out still reports the answer', async () => {
    const row = await queuedRow();
    const api = {
      async createTask(body: typeof request) {
        await db.deleteTask(row.id);
        return deps.api.createTask(body);
      },
    };
    const outcome = await sendQueued(row.id, { ...deps, api });
    expect(outcome).toMatchObject({ ok: true, task: { id: row.id, status: 'Preparing', taskId: expect.stringMatching(/^\d+$/), request } });
    expect(await db.getTask(row.id)).toBeUndefined();
  });

  test.each([
    ['refused (sensitive prompt)', () => v1(1026), 'rejected'],
    ['maybe charged (502 without base_resp)', () => errorResponse(502, 'upstream_error'), 'uncertain'],
    ['no answer (offline)', () => new TypeError('Failed to fetch'), 'queued'],
  ] as [string, () => Scripted, TaskStatus][])('a row deleted while its create was out still reports what the create did: %s', async (_name, answer, status) => {
    worker.script('create', answer());
    const row = await queuedRow({ idempotencyKey: 'key-deleted' });
    const api = {
      async createTask(body: typeof request, key?: string) {
        await db.deleteTask(row.id);
        return deps.api.createTask(body, key);
      },
    };
    const outcome = await sendQueued(row.id, { ...deps, api });
    expect(outcome).toMatchObject({ ok: false, task: { id: row.id, status, request, idempotencyKey: 'key-deleted' } });
    expect(await db.getTask(row.id)).toBeUndefined();
  });

  test('a row deleted just after its claim still reports its refusal, and one without a key still gets one', async () => {
    const invalid = await queuedRow({ request: { ...request, duration: 10, resolution: '1080P' }, idempotencyKey: undefined });
    const deletingStore = {
      ...db,
      async updateTask(...args: Parameters<typeof db.updateTask>) {
        await db.deleteTask(args[0]);
        return db.updateTask(...args);
      },
    };
    const outcome = await sendQueued(invalid.id, { ...deps, store: deletingStore });
    expect(outcome).toMatchObject({ ok: false, reason: 'rejected', task: { id: invalid.id, status: 'rejected', idempotencyKey: invalid.id, error: { field: 'duration' } } });
    expect(worker.callsTo('create')).toHaveLength(0);
  });
});

const v1 = (code: number) => {
  const failure = failureForStatusCode(code);
  return jsonResponse({ error: { code: failure.code, message: failure.message }, base_resp: { status_code: code, status_msg: 'x' } }, failure.status);
};
const v1At200 = (code: number) => {
  const failure = failureForStatusCode(code);
  return jsonResponse({ task_id: '', error: { code: failure.code, message: failure.message }, base_resp: { status_code: code } });
};
/** a rate-limited row goes back to `queued`; every other refusal stays `rejected` */
const refused = (code: number): TaskStatus => (failureForStatusCode(code).code === 'rate_limited' ? 'queued' : 'rejected');
const byCode = (code: number): TaskStatus => (code === 1001 ? 'uncertain' : refused(code));

const answers: [string, () => Scripted, TaskStatus][] = [
  ['2xx with base_resp', () => jsonResponse({ task_id: '123', base_resp: { status_code: 0, status_msg: 'success' } }), 'Preparing'],
  ['2xx without base_resp (v2)', () => jsonResponse({ task_id: '123' }), 'Preparing'],
  ['2xx without a task_id', () => jsonResponse({ base_resp: { status_code: 0 } }), 'uncertain'],
  ['2xx HTML', () => new Response('<html>ok?</html>', { status: 200 }), 'uncertain'],
  ['5xx with base_resp', () => v1(1000), 'rejected'],
  ['5xx without base_resp', () => errorResponse(502, 'upstream_error'), 'uncertain'],
  ['5xx HTML', () => new Response('<html>Bad gateway</html>', { status: 502 }), 'uncertain'],
  ['1001 at 504', () => v1(1001), 'uncertain'],
  ['1001 at 200', () => v1At200(1001), 'uncertain'],
  ['400 from the worker', () => errorResponse(400, 'invalid_request', 'bad', { field: 'prompt' }), 'rejected'],
  ['401 no_key', () => errorResponse(401, 'no_key'), 'rejected'],
  ['v2 400', () => jsonResponse({ type: 'error', error: { type: 'bad_request_error', message: 'invalid params (2013)', http_code: '400' } }, 400), 'rejected'],
  ['v2 timeout', () => jsonResponse({ type: 'error', error: { type: 'server_error', message: 'timeout (1001)', http_code: '504' } }, 504), 'uncertain'],
  ['network error', () => new TypeError('Failed to fetch'), 'queued'],
  ['our timeout', () => new DOMException('timed out', 'TimeoutError'), 'queued'],
  ['an abort', () => new DOMException('stopped', 'AbortError'), 'queued'],
  ['409 idempotency_busy', () => errorResponse(409, 'idempotency_busy', 'busy', {}, { 'Retry-After': '5' }), 'queued'],
  ['422 idempotency_mismatch', () => errorResponse(422, 'idempotency_mismatch', 'other body'), 'rejected'],
  ...MAPPED_STATUS_CODES.map((code): [string, () => Scripted, TaskStatus] => [`code ${code}`, () => v1(code), byCode(code)]),
  ...MAPPED_STATUS_CODES.map((code): [string, () => Scripted, TaskStatus] => [`code ${code} at HTTP 200`, () => v1At200(code), byCode(code)]),
];

describe('what a create cost, as the row stores it (charged → Preparing, not → rejected, maybe → uncertain, no answer → queued with its key)', () => {
  test.each(answers)('%s → %s', async (_name, answer, status) => {
    worker.script('create', answer());
    const row = await queuedRow();
    await sendQueued(row.id, deps);
    const stored = await db.getTask(row.id);
    expect(stored?.status).toBe(status);
    if (status === 'Preparing') expect(stored?.taskId).toBe('123');
    if (status !== 'Preparing') expect(stored?.error?.code).toEqual(expect.any(String));
    expect(worker.callsTo('create')).toHaveLength(1);
  });

  test('a create that throws something other than an answer (a bug) is uncertain, never refused', async () => {
    const row = await queuedRow();
    await sendQueued(row.id, { ...deps, api: { createTask: () => Promise.reject(new RangeError('boom')) } });
    expect(await db.getTask(row.id)).toMatchObject({ status: 'uncertain', error: { code: 'client_error', message: 'boom' } });
  });

  test('every create carries the row\'s Idempotency-Key, written before it was sent', async () => {
    const row = await queuedRow({ idempotencyKey: 'key-1' });
    await sendQueued(row.id, deps);
    expect(worker.callsTo('create').map((c) => c.headers.get('Idempotency-Key'))).toEqual(['key-1']);
  });

  test('a row queued before keys existed gets one (its id), stored before the create leaves', async () => {
    const row = await queuedRow();
    let keyWhenSent: string | undefined;
    const api = {
      async createTask(body: typeof request, key?: string) {
        keyWhenSent = (await db.getTask(row.id))?.idempotencyKey;
        return deps.api.createTask(body, key);
      },
    };
    await sendQueued(row.id, { ...deps, api });
    expect(keyWhenSent).toBe(row.id);
    expect(worker.callsTo('create')[0]?.headers.get('Idempotency-Key')).toBe(row.id);
  });

  test('a page closed mid-send: the keyed row is queued again at the next start and its resend finds the same task', async () => {
    worker.script('create', 'lost'); // MiniMax made it; the answer never came back
    const row = await queuedRow({ idempotencyKey: 'key-lost' });
    void sendQueued(row.id, deps);
    await settle();
    await db.closeStudioDb(); // reload

    const recovered = await recoverInterruptedSubmits(db, undefined, () => 2_000);
    expect(recovered).toMatchObject([{ id: row.id, status: 'queued' }]);
    const outcome = await sendQueued(row.id, deps);
    expect(outcome).toMatchObject({ ok: true, task: { status: 'Preparing' } });
    expect(worker.tasks.size).toBe(1);
    expect((await db.getTask(row.id))?.taskId).toBe([...worker.tasks.keys()][0]);
    expect(worker.callsTo('create').map((c) => c.headers.get('Idempotency-Key'))).toEqual(['key-lost', 'key-lost']);
  });

  test('no answer while sending (offline): the row waits, queued with its key, and is not uncertain', async () => {
    worker.script('create', new TypeError('Failed to fetch'));
    const row = await queuedRow({ idempotencyKey: 'key-offline' });
    const outcome = await sendQueued(row.id, deps);
    expect(outcome).toMatchObject({ ok: false, reason: 'waiting', task: { status: 'queued', waitingFor: 'connection' } });
    expect(await db.getTask(row.id)).toMatchObject({ status: 'queued', idempotencyKey: 'key-offline', error: { code: 'network_error' } });
  });

  test('a key sent 23 hours ago (real clock times) is still trusted at the next start: queued again', async () => {
    const day = Date.UTC(2026, 10, 30);
    const recent = makeTask({ status: 'submitting', taskId: undefined, idempotencyKey: 'recent', sentAt: day - 23 * 3_600_000 });
    await db.putTask(recent);
    await recoverInterruptedSubmits(db, undefined, () => day);
    expect(await db.getTask(recent.id)).toMatchObject({ status: 'queued' });
  });

  test('a refused create stores the worker\'s field and rule with its error, and no empty ones', async () => {
    worker.script('create', errorResponse(400, 'invalid_request', 'too long', { field: 'prompt', rule: 'max_length' }));
    const row = await queuedRow();
    await sendQueued(row.id, deps);
    expect((await db.getTask(row.id))?.error).toMatchObject({ code: 'invalid_request', field: 'prompt', rule: 'max_length' });
    worker.script('create', errorResponse(401, 'no_key'));
    const plain = await queuedRow();
    await sendQueued(plain.id, deps);
    const error = (await db.getTask(plain.id))?.error;
    expect(error).toMatchObject({ code: 'no_key' });
    expect(error && ('field' in error || 'rule' in error)).toBe(false);
  });

  test('a key sent more than a day ago is not trusted at the next start (the worker may have forgotten it): uncertain', async () => {
    const old = makeTask({ status: 'submitting', taskId: undefined, idempotencyKey: 'old', sentAt: 1_000 });
    await db.putTask(old);
    await recoverInterruptedSubmits(db, undefined, () => 1_000 + KEY_TRUSTED_MS);
    expect(await db.getTask(old.id)).toMatchObject({ status: 'uncertain', error: { code: 'interrupted' } });
  });

  test('a page closed mid-send of a row sent without a key leaves it uncertain at the next start, not re-sent', async () => {
    worker.script('create', 'hang');
    const row = await queuedRow();
    void sendQueued(row.id, deps); // the page "dies" with this in flight
    await settle();
    expect(await db.listWithStatus('submitting')).toHaveLength(1);
    await db.updateTask(row.id, { idempotencyKey: undefined }); // as a row sent before keys existed
    await db.closeStudioDb(); // reload

    const recovered = await recoverInterruptedSubmits(db);
    expect(recovered.map((t) => t.id)).toEqual([row.id]);
    expect(await db.getTask(row.id)).toMatchObject({ status: 'uncertain', error: { code: 'interrupted' } });
    expect(worker.callsTo('create')).toHaveLength(1);
  });

  test('a row another tab is still sending is not recovered', async () => {
    worker.script('create', 'hang');
    const row = await queuedRow();
    void sendQueued(row.id, deps);
    await settle();
    expect(await recoverInterruptedSubmits(db, async (id) => id === row.id)).toEqual([]);
    expect(await db.getTask(row.id)).toMatchObject({ status: 'submitting' });
  });
});

describe('rate limits', () => {
  test(`after ${MAX_RATE_LIMITED} rate-limit refusals the row stops (refused, nothing charged) and says why`, async () => {
    const row = await queuedRow({ rateLimited: MAX_RATE_LIMITED - 2 });
    worker.script('create', errorResponse(429, 'rate_limited', 'slow'), errorResponse(429, 'rate_limited', 'slow'));
    expect(await sendQueued(row.id, deps)).toMatchObject({ reason: 'rejected', task: { status: 'queued', rateLimited: MAX_RATE_LIMITED - 1 } });
    const last = await sendQueued(row.id, deps);
    expect(last).toMatchObject({ ok: false, reason: 'rejected', task: { status: 'rejected', rateLimited: MAX_RATE_LIMITED } });
    expect((await db.getTask(row.id))?.error).toMatchObject({ code: 'rate_limited_often', message: expect.stringContaining('several times') });
    expect(await sendQueued(row.id, deps)).toBeNull();
    expect(worker.callsTo('create')).toHaveLength(2);
  });
});

describe('requestForRetry', () => {
  test('gives the request, batch and remaster source of a finished row, nothing for one waiting or being sent', async () => {
    const done = makeTask({ status: 'uncertain', request, batchId: 'b' });
    const plain = makeTask({ status: 'rejected', request });
    const remaster = makeTask({ status: 'Fail', request, sourceId: 'source-1', sourceSeconds: 6 });
    await db.putTasks([done, plain, remaster]);
    expect(await requestForRetry(db, done.id)).toEqual({ request, batchId: 'b', link: {} });
    expect(await requestForRetry(db, plain.id)).toStrictEqual({ request, link: {} });
    expect(await requestForRetry(db, remaster.id)).toStrictEqual({ request, link: { sourceId: 'source-1', sourceSeconds: 6 } });
    for (const status of ['queued', 'submitting'] as const) {
      const row = makeTask({ status });
      await db.putTask(row);
      expect(await requestForRetry(db, row.id)).toBeNull();
    }
    expect(await requestForRetry(db, 'gone')).toBeNull();
  });
});
