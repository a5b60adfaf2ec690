import { describe, expect, test, vi } from 'vitest';
import { ApiError } from '../api/errors';
import { makeTask } from '../db/test-kit';
import { localPauseStore, Pacer } from './pacer';
import type { SubmitOutcome } from './submit';
import { FakeEnvironment, ManualClock, paced, pacerItems } from './test-kit';

const rows = pacerItems;
const promptOf = (key: string) => `p${key.slice('row-'.length)}`;

function setup(answer?: (n: number, key: string) => SubmitOutcome) {
  const clock = new ManualClock();
  const sent: { at: number; prompt: string }[] = [];
  const pacer = new Pacer({
    clock,
    perMinute: () => 5,
    submit: async (key) => {
      sent.push({ at: clock.now(), prompt: promptOf(key) });
      return answer?.(sent.length, key) ?? { ok: true, task: makeTask({ id: key, prompt: promptOf(key) }) };
    },
  });
  return { clock, pacer, sent };
}

const outcomeOf = (pacer: Pacer, key: string) => pacer.waiting.find((i) => i.key === key)!.outcome;

describe('pacer', () => {
  test('sends at most 5 in any rolling minute, in order, and shows what waits', async () => {
    const { clock, pacer, sent } = setup();
    const start = clock.now();
    pacer.add(rows(12, start, 'batch-1'));
    const last = outcomeOf(pacer, 'row-11');
    expect(pacer.waiting.every((i) => i.batchId === 'batch-1')).toBe(true);
    await clock.advance(0);
    expect(sent).toHaveLength(5);
    expect(pacer.waiting).toHaveLength(7);
    expect(pacer.nextSlotAt).toBe(start + 60_000);

    await clock.advance(60_000);
    expect(sent).toHaveLength(10);
    await clock.advance(60_000);
    expect(sent.map((s) => s.prompt)).toEqual(rows(12, start).map((r) => r.request.prompt));
    expect(sent.map((s) => (s.at - start) / 1000)).toEqual([0, 0, 0, 0, 0, 60, 60, 60, 60, 60, 120, 120]);
    expect(pacer.waiting).toHaveLength(0);
    expect(pacer.nextSlotAt).toBeNull();
    expect((await last).ok).toBe(true);
  });

  test('a 429 pauses every send for Retry-After and resends the refused row first', async () => {
    const refusedRow = makeTask({ id: 'row-1', status: 'queued', taskId: undefined });
    const { clock, pacer, sent } = setup((n) =>
      n === 2
        ? {
            ok: false,
            reason: 'rejected',
            task: refusedRow,
            error: new ApiError({ status: 429, code: 'rate_limited', message: 'slow', retryAfter: 30, charge: 'not' }),
          }
        : { ok: true, task: makeTask() },
    );
    const start = clock.now();
    pacer.add(rows(3, start));
    const refused = outcomeOf(pacer, 'row-1');
    await clock.advance(0);
    expect(sent).toHaveLength(2);
    expect(pacer.nextSlotAt).toBe(start + 30_000);
    expect(pacer.waiting.map((i) => i.key)).toEqual(['row-1', 'row-2']);
    await clock.advance(30_000);
    expect(sent.map((s) => [s.prompt, (s.at - start) / 1000])).toEqual([
      ['p0', 0],
      ['p1', 0],
      ['p1', 30],
      ['p2', 30],
    ]);
    expect((await refused).ok).toBe(true);
  });

  test('a row found gone when its slot came (null) does not use up the slot', async () => {
    const clock = new ManualClock();
    const sent: string[] = [];
    const pacer = new Pacer({
      clock,
      perMinute: () => 1,
      submit: async (key) => (key === 'row-1' ? null : (sent.push(key), { ok: true, task: makeTask({ id: key }) })),
    });
    pacer.add(rows(3, clock.now()));
    const gone = outcomeOf(pacer, 'row-1');
    await clock.advance(60_000);
    expect(sent).toEqual(['row-0', 'row-2']);
    expect(await gone).toEqual({ ok: false, reason: 'cancelled' });
  });

  test('a waiting item can be cancelled', async () => {
    const { clock, pacer, sent } = setup();
    pacer.add(rows(7, clock.now()));
    const cancelled = outcomeOf(pacer, 'row-6');
    await clock.advance(0);
    expect(pacer.cancel('row-6')).toBe(true);
    expect(pacer.cancel('row-6')).toBe(false);
    expect(await cancelled).toEqual({ ok: false, reason: 'cancelled' });
    expect(pacer.cancel('row-5')).toBe(true); // the head
    expect(pacer.waiting).toEqual([]);
    await clock.advance(120_000);
    expect(sent).toHaveLength(5);
  });

  test('sends made before it existed (a reload, another tab) count in the rolling minute', async () => {
    const { clock, pacer, sent } = setup();
    const start = clock.now();
    pacer.seed([start - 50_000, start - 40_000, start - 30_000, start - 20_000]);
    pacer.add(rows(3, start));
    pacer.add(rows(1, start)); // already queued: ignored
    await clock.advance(0);
    expect(sent).toHaveLength(1);
    await clock.advance(60_000);
    expect(sent.map((s) => (s.at - start) / 1000)).toEqual([0, 10, 20]);
  });

  test('sends seeded out of order (two tabs, each seeding its own) are counted by their time', async () => {
    const { clock, pacer, sent } = setup();
    const start = clock.now();
    pacer.seed([start - 10_000, start - 30_000]);
    pacer.seed([start - 50_000, start - 20_000, start - 40_000]);
    pacer.add(rows(2, start));
    expect(pacer.nextSlotAt).toBe(start + 10_000);
    await clock.advance(60_000);
    expect(sent.map((s) => (s.at - start) / 1000)).toEqual([10, 20]);
  });

  test('a send older than a minute no longer counts: the head may go now', () => {
    const clock = new ManualClock();
    const env = new FakeEnvironment();
    env.online = false; // holds the head, so nextSlotAt can be read
    const pacer = new Pacer({ clock, env, perMinute: () => 1, submit: async () => null });
    pacer.seed([clock.now() - 90_000]);
    pacer.add(rows(1, clock.now()));
    expect(pacer.nextSlotAt).toBe(clock.now());
  });

  test('sends one at a time; a row queued or being sent is not queued twice; once sent, it may be queued again', async () => {
    const clock = new ManualClock();
    const sent: string[] = [];
    const answers: (() => void)[] = [];
    const pacer = new Pacer({
      clock,
      perMinute: () => 5,
      submit: (key) => {
        sent.push(key);
        return new Promise((resolve) => answers.push(() => resolve({ ok: true, task: makeTask({ id: key }) })));
      },
    });
    pacer.add(rows(3, clock.now()));
    await clock.advance(0);
    expect(sent).toEqual(['row-0']);
    expect(['row-0', 'row-2', 'row-3'].map((key) => pacer.has(key))).toEqual([true, true, false]);
    pacer.add(rows(4, clock.now())); // row-0 being sent, rows 1 and 2 queued: only row-3 is new
    await clock.advance(0);
    expect(sent).toEqual(['row-0']);
    expect(pacer.waiting.map((i) => i.key)).toEqual(['row-1', 'row-2', 'row-3']);
    for (let i = 0; i < 4; i++) {
      answers[i]!();
      await clock.advance(0);
    }
    expect(sent).toEqual(['row-0', 'row-1', 'row-2', 'row-3']);
    expect(pacer.has('row-3')).toBe(false);
    pacer.add(rows(4, clock.now()).slice(3));
    await clock.advance(0);
    expect(sent).toEqual(['row-0', 'row-1', 'row-2', 'row-3', 'row-3']);
  });

  test('adding only rows it already has is no news', () => {
    let changes = 0;
    const clock = new ManualClock();
    const pacer = new Pacer({ clock, perMinute: () => 5, onChange: () => changes++, submit: () => new Promise(() => undefined) });
    pacer.add(rows(2, clock.now()));
    const after = changes;
    pacer.add(rows(2, clock.now()));
    pacer.add([]);
    expect(changes).toBe(after);
  });

  test('a row that cannot be written (storage full) is settled as a local error, without a send; the next row goes', async () => {
    const clock = new ManualClock();
    const sent: string[] = [];
    const pacer = new Pacer({
      clock,
      perMinute: () => 5,
      submit: async (key) => {
        if (key === 'row-1') throw new Error('disk full');
        sent.push(key);
        return { ok: true, task: makeTask({ id: key }) };
      },
    });
    pacer.add(rows(3, clock.now()));
    const failed = outcomeOf(pacer, 'row-1');
    await clock.advance(0);
    expect(await failed).toEqual({ ok: false, reason: 'local_error', message: 'disk full' });
    expect(sent).toEqual(['row-0', 'row-2']);
  });

  test('a 429 that may have made the task (uncertain) is neither resent nor a pause', async () => {
    const maybeMade = (key: string): SubmitOutcome => ({
      ok: false,
      reason: 'uncertain',
      task: makeTask({ id: key, status: 'uncertain' }),
      error: new ApiError({ status: 429, code: 'rate_limited', message: 'slow', retryAfter: 30, charge: 'maybe' }),
    });
    const { clock, pacer, sent } = setup((n, key) => (n === 2 ? maybeMade(key) : { ok: true, task: makeTask({ id: key }) }));
    const start = clock.now();
    pacer.add(rows(3, start));
    const uncertain = outcomeOf(pacer, 'row-1');
    await clock.advance(0);
    expect(sent.map((s) => [s.prompt, s.at - start])).toEqual([
      ['p0', 0],
      ['p1', 0],
      ['p2', 0],
    ]);
    expect(await uncertain).toMatchObject({ ok: false, reason: 'uncertain' });
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
      submit: async (key) => (sent.push(clock.now()), { ok: true, task: makeTask({ id: key }) }),
    });
    const start = clock.now();
    second.add(rows(1, start));
    await clock.advance(29_000);
    expect(sent).toEqual([]);
    expect(second.nextSlotAt).toBe(start + 30_000);
    await clock.advance(1_000);
    expect(sent).toEqual([start + 30_000]);
  });

  test('is kept in localStorage by the browser store', () => {
    const store = localPauseStore(globalThis.localStorage)!;
    store.save(123_456);
    expect(globalThis.localStorage.getItem('hailuo.pacer.pausedUntil')).toBe('123456');
    expect(localPauseStore()!.load()).toBe(123_456);
    globalThis.localStorage.removeItem('hailuo.pacer.pausedUntil');
  });

  test('is not kept where there is no localStorage', () => {
    vi.stubGlobal('localStorage', undefined);
    try {
      expect(localPauseStore()).toBeUndefined();
    } finally {
      vi.unstubAllGlobals();
    }
  });
});

describe('offline and unanswered sends', () => {
  const noAnswer = (key: string): SubmitOutcome => ({
    ok: false,
    reason: 'waiting',
    task: makeTask({ id: key, status: 'queued', taskId: undefined, waitingFor: 'connection' }),
    error: new ApiError({ status: 0, code: 'network_error', message: 'unreachable', charge: 'maybe' }),
  });

  const offlineSetup = (answer: (n: number, key: string) => SubmitOutcome, perMinute = 5) => paced({ perMinute: () => perMinute }, answer);

  test('nothing is sent while the browser is offline; coming back online sends at once, once', async () => {
    const { clock, env, pacer, sent } = offlineSetup((_n, key) => ({ ok: true, task: makeTask({ id: key }) }));
    env.online = false;
    pacer.add(rows(2, clock.now()));
    await clock.advance(10 * 60_000);
    expect(sent).toEqual([]);
    expect(pacer.waiting.map((i) => i.key)).toEqual(['row-0', 'row-1']);
    const back = clock.now();
    env.online = true;
    env.emit('online');
    await clock.advance(0);
    expect(sent).toEqual([
      { at: back, key: 'row-0' },
      { at: back, key: 'row-1' },
    ]);
  });

  test('a send with no answer goes first again after 5, 15, 30 s… without using a paced slot; online resends at once', async () => {
    const { clock, env, pacer, sent } = offlineSetup((n, key) => (n <= 2 ? noAnswer(key) : { ok: true, task: makeTask({ id: key }) }), 2);
    const start = clock.now();
    pacer.add(rows(2, start));
    await clock.advance(0);
    const outcome = outcomeOf(pacer, 'row-0');
    expect(pacer.nextSlotAt).toBe(start + 5_000);
    await clock.advance(5_000);
    expect(pacer.nextSlotAt).toBe(start + 20_000);
    env.emit('online');
    await clock.advance(0);
    expect(sent.map((s) => [s.key, (s.at - start) / 1000])).toEqual([
      ['row-0', 0],
      ['row-0', 5],
      ['row-0', 5],
      ['row-1', 5],
    ]);
    expect((await outcome).ok).toBe(true);
  });

  test('a row waiting again shows why: the error its row keeps, or else that of the failed send', async () => {
    const kept = { code: 'network_error', message: 'kept on the row' };
    const { clock, pacer } = offlineSetup((n, key) =>
      n === 1 ? noAnswer(key) : ({ ...noAnswer(key), task: makeTask({ id: key, status: 'queued', taskId: undefined, error: kept }) } as SubmitOutcome),
    );
    pacer.add(rows(1, clock.now()));
    const why = () => pacer.waiting.map(({ waitingFor, error }) => ({ waitingFor, error }));
    await clock.advance(0);
    expect(why()).toEqual([{ waitingFor: 'connection', error: { code: 'network_error', message: 'unreachable' } }]);
    await clock.advance(5_000);
    expect(why()).toEqual([{ waitingFor: 'connection', error: kept }]);
  });

  test('the same key still in flight (409 idempotency_busy) is resent after its Retry-After', async () => {
    const busy = (key: string): SubmitOutcome => ({
      ...noAnswer(key),
      error: new ApiError({ status: 409, code: 'idempotency_busy', message: 'busy', retryAfter: 7, charge: 'maybe' }),
    } as SubmitOutcome);
    const { clock, pacer, sent } = offlineSetup((n, key) => (n === 1 ? busy(key) : { ok: true, task: makeTask({ id: key }) }));
    const start = clock.now();
    pacer.add(rows(1, start));
    await clock.advance(6_999);
    expect(sent).toHaveLength(1);
    await clock.advance(1);
    expect(sent.map((s) => (s.at - start) / 1000)).toEqual([0, 7]);
  });
});
