// The pacer's waits: its in-flight cap and wake(), the offline recheck, the unanswered-send ladder, stop().
import { describe, expect, test } from 'vitest';
import { ApiError } from '../api/errors';
import { makeTask } from '../db/test-kit';
import type { SubmitOutcome } from './submit';
import { paced, pacerItems, took } from './test-kit';

describe('the in-flight cap', () => {
  test('holds every send while the count is at the cap (not one below it); wake() sends at once, the recheck after 15 s', async () => {
    const count = { n: 1 };
    const { clock, pacer, sent, secondsOf } = paced({ maxInFlight: 2, inFlight: () => count.n }, (_n, key) => (count.n++, took(key)));
    const start = clock.now();
    pacer.add(pacerItems(3, start));
    await clock.advance(14_999);
    expect(secondsOf(start)).toEqual([['row-0', 0]]);

    count.n = 1; // a task ended
    pacer.wake();
    await clock.advance(0);
    expect(secondsOf(start)).toEqual([['row-0', 0], ['row-1', 14.999]]);
    expect(clock.pending).toBe(1); // the recheck of the wait wake() ended is gone, only the new wait's is left

    count.n = 1; // another ended, and nobody said so
    await clock.advance(14_999);
    expect(sent).toHaveLength(2);
    await clock.advance(1);
    expect(secondsOf(start)).toEqual([['row-0', 0], ['row-1', 14.999], ['row-2', 29.999]]);
  });

  test('a cap with no count to read holds nothing', async () => {
    const { clock, pacer, sent } = paced({ maxInFlight: 1 });
    pacer.add(pacerItems(2, clock.now()));
    await clock.advance(0);
    expect(sent.map((s) => s.key)).toEqual(['row-0', 'row-1']);
  });

  test('wake() and an online event before the pacer ever waited change nothing', () => {
    const { env, pacer } = paced();
    expect(() => pacer.wake()).not.toThrow();
    expect(() => env.emit('online')).not.toThrow();
  });
});

describe('offline', () => {
  test('a missed online event: the pacer looks again after 60 s', async () => {
    const { clock, env, pacer, secondsOf } = paced();
    env.online = false;
    const start = clock.now();
    pacer.add(pacerItems(1, start));
    await clock.advance(1_000);
    env.online = true; // no 'online' event
    await clock.advance(58_999);
    expect(secondsOf(start)).toEqual([]);
    await clock.advance(1);
    expect(secondsOf(start)).toEqual([['row-0', 60]]);
  });
});

describe('sends with no answer', () => {
  const noAnswer = (key: string): SubmitOutcome => ({
    ok: false,
    reason: 'waiting',
    task: makeTask({ id: key, status: 'queued', taskId: undefined, waitingFor: 'connection' }),
    error: new ApiError({ status: 0, code: 'network_error', message: 'unreachable', charge: 'maybe' }),
  });

  test('wait 5, 15, 30, 60 s, then 60 s each time after', async () => {
    const { clock, pacer, secondsOf } = paced({}, (n, key) => (n <= 5 ? noAnswer(key) : took(key)));
    const start = clock.now();
    pacer.add(pacerItems(1, start));
    await clock.advance(10 * 60_000);
    expect(secondsOf(start).map(([, s]) => s)).toEqual([0, 5, 20, 50, 110, 170]);
  });
});

describe('stop()', () => {
  test('cancels what waits, stops listening and leaves no timer', async () => {
    const { clock, env, pacer, sent } = paced({ perMinute: () => 1 });
    pacer.add(pacerItems(3, clock.now()));
    const outcomes = pacer.waiting.map((i) => i.outcome);
    await clock.advance(0);
    expect(clock.pending).toBe(1);
    pacer.stop();
    expect(await Promise.all(outcomes)).toEqual([
      { ok: false, reason: 'cancelled' },
      { ok: false, reason: 'cancelled' },
    ]);
    expect(pacer.waiting).toEqual([]);
    expect(pacer.nextSlotAt).toBeNull();
    expect(env.listeners('online')).toBe(0);
    expect(clock.pending).toBe(0);
    await clock.advance(120_000);
    expect(sent.map((s) => s.key)).toEqual(['row-0']);
  });

  test('items added after stop are neither queued nor sent (a tab that lost the lead sends nothing)', async () => {
    const { clock, pacer, sent } = paced();
    pacer.stop();
    pacer.add(pacerItems(2, clock.now()));
    expect(pacer.waiting).toEqual([]);
    await clock.advance(120_000);
    expect(sent).toEqual([]);
  });
});
