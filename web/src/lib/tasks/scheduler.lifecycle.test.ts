// Starting, stopping and the one timer of the poll scheduler; which rows it follows; the page environment.
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { browserEnvironment, type PollPolicy, type SchedulerDeps } from './scheduler';
import { SchedulerRig } from './scheduler-stubs';
import type { TaskRecord } from './types';

let rig: SchedulerRig;

beforeEach(() => {
  rig = new SchedulerRig();
});

const scheduler = (deps: Partial<SchedulerDeps> = {}) => rig.scheduler(deps);
/** A row in the store, sent `sentAgoMs` ago (its first check is due 3 s after sending). */
const stored = (overrides: Partial<TaskRecord> = {}, sentAgoMs = 0) => rig.stored(overrides, sentAgoMs);

describe('start and stop', () => {
  test('a second start reads the rows once only', async () => {
    stored();
    const s = scheduler();
    await s.start();
    await s.start();
    expect(rig.store.listCalls).toBe(1);
  });

  test('before start nothing is called, even for a tracked task', async () => {
    const s = scheduler();
    s.track(stored());
    await rig.clock.advance(60_000);
    expect(rig.minimax.queries).toEqual([]);
    expect(rig.clock.pending).toBe(0);
  });

  test('stop leaves no timer and no listener, calls nothing more; a later start picks the rows up again', async () => {
    const task = stored();
    const s = scheduler();
    await s.start();
    expect(rig.clock.pending).toBe(1);
    s.stop();
    expect(rig.clock.pending).toBe(0);
    expect(rig.env.listeners('online') + rig.env.listeners('visibilitychange')).toBe(0);
    await rig.clock.advance(60_000);
    expect(rig.minimax.queries).toEqual([]);
    await s.start();
    expect(s.tracked).toEqual([task.id]);
  });

  test('one timer at a time, whatever wakes the scheduler', async () => {
    const a = stored();
    stored({}, 1_000);
    stored({}, 2_000);
    const s = scheduler();
    await s.start();
    expect(rig.clock.pending).toBe(1);
    await s.checkNow(a.id);
    expect(rig.clock.pending).toBe(1);
    rig.env.emit('online');
    await rig.clock.advance(40_000);
    expect(rig.clock.pending).toBe(1);
    expect(rig.minimax.queries.length).toBeGreaterThan(3);
  });

  test('the timer is set for the earliest due task, whatever order the tasks came in', async () => {
    const policy = { firstDelayMs: 3_000, maxDelayMs: 15_000 };
    const skew = 7_000;
    const skewed = stored({}, -skew); // sent 7 s from now (a clock skew): first due 7 s after the other
    const early = stored();
    const s = scheduler({ policy });
    await s.start();
    await rig.clock.advance(policy.firstDelayMs);
    expect(rig.minimax.queries).toEqual([early.taskId]);
    await rig.clock.advance(skew - 1);
    expect(rig.minimax.queries).not.toContain(skewed.taskId);
    await rig.clock.advance(1);
    expect(rig.minimax.queries).toContain(skewed.taskId);
  });

  test('a timer late by exactly the drift allowance is no sleep; 1 ms more is', async () => {
    const policy = { firstDelayMs: 3_000, maxDelayMs: 15_000, driftMs: 30_000, downloadDelaysMs: [300_000] } satisfies Partial<PollPolicy>;
    const downloadsWhenLate = async (lateMs: number) => {
      const own = new SchedulerRig();
      own.minimax.videos(new TypeError('offline'));
      own.stored({ status: 'Success', fileId: 'f' });
      const s = own.scheduler({ policy });
      await s.start();
      await own.clock.advance(policy.firstDelayMs); // the download fails: next try in 300 s; the cap wakes us sooner
      await own.clock.advance(policy.maxDelayMs - 1);
      own.clock.jump(1 + lateMs); // the capped wake-up comes `lateMs` late
      await own.clock.advance(0);
      s.stop();
      return own.minimax.downloads.length;
    };
    expect(await downloadsWhenLate(policy.driftMs)).toBe(1);
    expect(await downloadsWhenLate(policy.driftMs + 1)).toBe(2);
  });

  test('checkNow of a task not followed does nothing: no call, no timer added', async () => {
    stored();
    const s = scheduler();
    await s.start();
    expect(rig.clock.pending).toBe(1);
    await expect(s.checkNow('unknown')).resolves.toBeUndefined();
    expect(rig.minimax.queries).toEqual([]);
    expect(rig.clock.pending).toBe(1);
  });
});

describe('which rows are followed', () => {
  test('a live row carrying a file_id is polled, not downloaded', async () => {
    const s = scheduler();
    await s.start();
    const task = stored({ status: 'Processing', fileId: 'early' });
    s.track(task);
    await s.checkNow(task.id);
    expect(rig.minimax.queries).toEqual([task.taskId]);
    expect(rig.minimax.downloads).toEqual([]);
  });

  test('finished rows with nothing left to fetch are not followed', async () => {
    const s = scheduler();
    await s.start();
    s.track(stored({ status: 'Fail' }));
    s.track(stored({ status: 'Success' }));
    s.track(stored({ status: 'Success', fileId: 'f', video: { bytes: 1, chunks: 1, type: 'video/mp4', savedAt: 0 } }));
    expect(s.tracked).toEqual([]);
  });

  test('countPolling counts the tasks being made, of the models asked, not those downloading', async () => {
    const s = scheduler();
    await s.start();
    s.track(stored({ model: 'MiniMax-Hailuo-2.3' }));
    s.track(stored({ model: 'MiniMax-Hailuo-02' }));
    s.track(stored({ model: 'MiniMax-Hailuo-2.3', status: 'Success', fileId: 'f' }));
    expect(s.countPolling((m) => m === 'MiniMax-Hailuo-2.3')).toBe(1);
    expect(s.countPolling(() => true)).toBe(2);
    expect(s.countPolling(() => false)).toBe(0);
  });
});

describe('browserEnvironment', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
    Reflect.deleteProperty(document, 'visibilityState');
  });

  test("listens for 'online' on the window and for visibility on the document, until removed", () => {
    const env = browserEnvironment();
    const online = vi.fn();
    const visibility = vi.fn();
    env.addEventListener('online', online);
    env.addEventListener('visibilitychange', visibility);
    document.dispatchEvent(new Event('online'));
    window.dispatchEvent(new Event('visibilitychange'));
    expect([online.mock.calls.length, visibility.mock.calls.length]).toEqual([0, 0]);
    window.dispatchEvent(new Event('online'));
    document.dispatchEvent(new Event('visibilitychange'));
    expect([online.mock.calls.length, visibility.mock.calls.length]).toEqual([1, 1]);
    env.removeEventListener('online', online);
    env.removeEventListener('visibilitychange', visibility);
    window.dispatchEvent(new Event('online'));
    document.dispatchEvent(new Event('visibilitychange'));
    expect([online.mock.calls.length, visibility.mock.calls.length]).toEqual([1, 1]);
  });

  test('visible unless the document says hidden; online unless the navigator says offline', () => {
    const env = browserEnvironment();
    Object.defineProperty(document, 'visibilityState', { value: 'hidden', configurable: true });
    expect(env.isVisible()).toBe(false);
    Object.defineProperty(document, 'visibilityState', { value: 'visible', configurable: true });
    expect(env.isVisible()).toBe(true);
    vi.stubGlobal('navigator', { onLine: false });
    expect(env.isOnline()).toBe(false);
    vi.stubGlobal('navigator', { onLine: true });
    expect(env.isOnline()).toBe(true);
  });

  test('with no document nor navigator (a worker), visible, online, and listening to visibility is a no-op', () => {
    vi.stubGlobal('document', undefined);
    vi.stubGlobal('navigator', undefined);
    const env = browserEnvironment();
    expect(env.isVisible()).toBe(true);
    expect(env.isOnline()).toBe(true);
    expect(() => env.addEventListener('visibilitychange', () => {})).not.toThrow();
    expect(() => env.removeEventListener('visibilitychange', () => {})).not.toThrow();
  });
});
