import { describe, expect, test } from 'vitest';
import type { VideoRequest } from '$contract';
import { ApiError } from '../api/errors';
import { makeTask } from '../db/test-kit';
import { localPauseStore, Pacer } from './pacer';
import type { SubmitOptions, SubmitOutcome } from './submit';
import { ManualClock } from './test-kit';

const requests = (n: number): VideoRequest[] => Array.from({ length: n }, (_, i) => ({ model: 'MiniMax-Hailuo-2.3', prompt: `p${i}` }));

function setup(answer?: (n: number, options: SubmitOptions) => SubmitOutcome) {
  const clock = new ManualClock();
  const sent: { at: number; prompt?: string; options: SubmitOptions }[] = [];
  const pacer = new Pacer({
    clock,
    perMinute: () => 5,
    submit: async (request, options) => {
      sent.push({ at: clock.now(), prompt: request.prompt, options });
      return answer?.(sent.length, options) ?? { ok: true, task: makeTask({ prompt: request.prompt ?? '' }) };
    },
  });
  return { clock, pacer, sent };
}

describe('pacer', () => {
  test('sends at most 5 in any rolling minute, in order, and shows what waits', async () => {
    const { clock, pacer, sent } = setup();
    const start = clock.now();
    const items = pacer.enqueue(requests(12), 'batch-1');
    await clock.advance(0);
    expect(sent).toHaveLength(5);
    expect(pacer.waiting).toHaveLength(7);
    expect(pacer.nextSlotAt).toBe(start + 60_000);

    await clock.advance(60_000);
    expect(sent).toHaveLength(10);
    await clock.advance(60_000);
    expect(sent.map((s) => s.prompt)).toEqual(requests(12).map((r) => r.prompt));
    expect(sent.map((s) => (s.at - start) / 1000)).toEqual([0, 0, 0, 0, 0, 60, 60, 60, 60, 60, 120, 120]);
    expect(sent.every((s) => s.options.batchId === 'batch-1')).toBe(true);
    expect(pacer.waiting).toHaveLength(0);
    expect(pacer.nextSlotAt).toBeNull();
    expect((await items[11].outcome).ok).toBe(true);
  });

  test('a 429 pauses every send for Retry-After and resends the refused one into the same row', async () => {
    const refusedRow = makeTask({ status: 'rejected', taskId: undefined });
    const { clock, pacer, sent } = setup((n) =>
      n === 2
        ? {
            ok: false,
            reason: 'rejected',
            task: refusedRow,
            error: new ApiError({ status: 429, code: 'rate_limited', message: 'slow', retryAfter: 30, reachedUpstream: 'yes' }),
          }
        : { ok: true, task: makeTask() },
    );
    const start = clock.now();
    pacer.enqueue(requests(3));
    await clock.advance(0);
    expect(sent).toHaveLength(2);
    expect(pacer.nextSlotAt).toBe(start + 30_000);
    await clock.advance(30_000);
    expect(sent.map((s) => [s.prompt, (s.at - start) / 1000, s.options.reuseId])).toEqual([
      ['p0', 0, undefined],
      ['p1', 0, undefined],
      ['p1', 30, refusedRow.id],
      ['p2', 30, undefined],
    ]);
  });

  test('a waiting item can be cancelled', async () => {
    const { clock, pacer, sent } = setup();
    const items = pacer.enqueue(requests(7));
    await clock.advance(0);
    expect(pacer.cancel(items[6].key)).toBe(true);
    expect(await items[6].outcome).toEqual({ ok: false, reason: 'cancelled' });
    await clock.advance(120_000);
    expect(sent).toHaveLength(6);
  });

  test('sends made before it existed (a reload, another tab) count in the rolling minute', async () => {
    const { clock, pacer, sent } = setup();
    const start = clock.now();
    pacer.seed([start - 50_000, start - 40_000, start - 30_000, start - 20_000]);
    pacer.add(requests(3).map((request, i) => ({ key: `row-${i}`, request, enqueuedAt: start })));
    pacer.add([{ key: 'row-0', request: requests(1)[0], enqueuedAt: start }]); // already queued: ignored
    await clock.advance(0);
    expect(sent).toHaveLength(1);
    await clock.advance(60_000);
    expect(sent.map((s) => (s.at - start) / 1000)).toEqual([0, 10, 20]);
  });
});

describe('the pause after a 429', () => {
  test('outlives the pacer (a reload or a new leader tab): the next pacer waits for it too', async () => {
    const saved = { until: 0 };
    const pause = { load: () => saved.until, save: (ms: number) => void (saved.until = ms) };
    const clock = new ManualClock();
    const first = new Pacer({ clock, perMinute: () => 5, pause, submit: async () => null });
    first.pauseUntil(clock.now() + 30_000);
    first.stop();
    const sent: number[] = [];
    const second = new Pacer({
      clock,
      perMinute: () => 5,
      pause,
      submit: async (request) => (sent.push(clock.now()), { ok: true, task: makeTask({ prompt: request.prompt ?? '' }) }),
    });
    const start = clock.now();
    second.enqueue(requests(1));
    await clock.advance(29_000);
    expect(sent).toEqual([]);
    expect(second.nextSlotAt).toBe(start + 30_000);
    await clock.advance(1_000);
    expect(sent).toEqual([start + 30_000]);
  });

  test('is kept in localStorage by the browser store', () => {
    const store = localPauseStore(globalThis.localStorage)!;
    store.save(123_456);
    expect(localPauseStore(globalThis.localStorage)!.load()).toBe(123_456);
    globalThis.localStorage.removeItem('hailuo.pacer.pausedUntil');
  });
});
