import { describe, expect, test } from 'vitest';
import { makeTask } from '../db/test-kit';
import type { PacedOutcome } from './pacer';
import { SendOutcomes } from './send-outcomes';
import { INTERRUPTED } from './submit';
import type { TaskRecord } from './types';

const queued = (overrides: Partial<TaskRecord> = {}) => makeTask({ status: 'queued', taskId: undefined, createdAt: 5_000, ...overrides });

/** The outcome if it has settled already, else 'pending' (a settled promise wins the race: it is listed first). */
async function settledOrPending(promise: Promise<PacedOutcome>): Promise<PacedOutcome | 'pending'> {
  return Promise.race([promise, Promise.resolve('pending' as const)]);
}

function rowsOf(...rows: TaskRecord[]) {
  const byId = new Map(rows.map((r) => [r.id, r]));
  return async (id: string) => byId.get(id);
}

describe('SendOutcomes.pendingOf: a queued row as a waiting send', () => {
  test('carries the row’s key, request and time, and only the fields the row has', () => {
    const row = queued();
    const pending = new SendOutcomes().pendingOf(row);
    expect(pending).toEqual({ key: row.id, request: row.request, enqueuedAt: 5_000, outcome: expect.any(Promise) });
  });

  test('carries why it waits, its last error, its rate-limit count and its batch', () => {
    const error = { code: 'rate_limited', message: 'slow' };
    const row = queued({ waitingFor: 'rate_limit', error, rateLimited: 2, batchId: 'b1' });
    expect(new SendOutcomes().pendingOf(row)).toMatchObject({ waitingFor: 'rate_limit', error, rateLimited: 2, batchId: 'b1' });
  });

  test('the same row asked for twice promises one outcome', () => {
    const outcomes = new SendOutcomes();
    const row = queued();
    expect(outcomes.pendingOf(row).outcome).toBe(outcomes.pendingOf(row).outcome);
  });
});

describe('SendOutcomes.settle', () => {
  test('settles the promised outcome once; a later settle of the same row changes nothing', async () => {
    const outcomes = new SendOutcomes();
    const row = queued();
    const { outcome } = outcomes.pendingOf(row);
    outcomes.settle(row.id, { ok: false, reason: 'cancelled' });
    outcomes.settle(row.id, { ok: true, task: row });
    expect(await outcome).toEqual({ ok: false, reason: 'cancelled' });
    expect(outcomes.pendingOf(row).outcome).not.toBe(outcome);
  });

  test('settling a row nobody waits for is harmless', () => {
    expect(() => new SendOutcomes().settle('nobody', { ok: false, reason: 'cancelled' })).not.toThrow();
  });
});

describe('SendOutcomes.settleLeftQueue: rows that left `queued`, by what they now say', () => {
  test('a row still waiting, queued or being sent keeps its promise open', async () => {
    const outcomes = new SendOutcomes();
    const waiting = queued();
    const sending = queued({ status: 'submitting' });
    const stillQueued = queued();
    const promises = [waiting, sending, stillQueued].map((r) => outcomes.pendingOf(r).outcome);
    await outcomes.settleLeftQueue(new Set([waiting.id]), rowsOf(waiting, sending, stillQueued));
    for (const p of promises) expect(await settledOrPending(p)).toBe('pending');
  });

  test('a deleted row is cancelled; a sent one is ok with its task', async () => {
    const outcomes = new SendOutcomes();
    const deleted = queued();
    const sent = queued();
    const [a, b] = [outcomes.pendingOf(deleted).outcome, outcomes.pendingOf(sent).outcome];
    const sentNow = { ...sent, status: 'Preparing' as const, taskId: '106916112212032' };
    await outcomes.settleLeftQueue(new Set(), rowsOf(sentNow));
    expect(await a).toEqual({ ok: false, reason: 'cancelled' });
    expect(await b).toEqual({ ok: true, task: sentNow });
  });

  test('a refused row reports its error, or a bare refusal when it has none', async () => {
    const outcomes = new SendOutcomes();
    const withError = { ...queued(), status: 'rejected' as const, error: { code: 'invalid_request', message: 'no' } };
    const without = { ...queued(), status: 'rejected' as const };
    const [a, b] = [outcomes.pendingOf(withError).outcome, outcomes.pendingOf(without).outcome];
    await outcomes.settleLeftQueue(new Set(), rowsOf(withError, without));
    expect(await a).toEqual({ ok: false, reason: 'rejected', task: withError, error: withError.error });
    expect(await b).toEqual({ ok: false, reason: 'rejected', task: without, error: { code: 'rejected', message: '' } });
  });

  test('an uncertain row reports its error, or "interrupted" when it has none', async () => {
    const outcomes = new SendOutcomes();
    const withError = { ...queued(), status: 'uncertain' as const, error: { code: 'upstream_timeout', message: 'late' } };
    const without = { ...queued(), status: 'uncertain' as const };
    const [a, b] = [outcomes.pendingOf(withError).outcome, outcomes.pendingOf(without).outcome];
    await outcomes.settleLeftQueue(new Set(), rowsOf(withError, without));
    expect(await a).toEqual({ ok: false, reason: 'uncertain', task: withError, error: withError.error });
    expect(await b).toEqual({ ok: false, reason: 'uncertain', task: without, error: INTERRUPTED });
  });

  test('a row that cannot be read now stays promised (read as still queued)', async () => {
    const outcomes = new SendOutcomes();
    const row = queued();
    const { outcome } = outcomes.pendingOf(row);
    await outcomes.settleLeftQueue(new Set(), () => Promise.reject(new Error('disk')));
    expect(await settledOrPending(outcome)).toBe('pending');
  });
});
