// Starting, stopping and the one timer of the poll scheduler; which rows it follows; the page environment.
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { makeTask } from '../db/test-kit';
import { browserEnvironment, PollScheduler } from './scheduler';
import { MemoryStore, ScriptedApi } from './scheduler-stubs';
import { FakeEnvironment, ManualClock } from './test-kit';
import type { TaskRecord } from './types';

let clock: ManualClock;
let store: MemoryStore;
let minimax: ScriptedApi;
let env: FakeEnvironment;

beforeEach(() => {
  clock = new ManualClock();
  store = new MemoryStore();
  minimax = new ScriptedApi();
  env = new FakeEnvironment();
});

const scheduler = () => new PollScheduler({ api: minimax.api, store, clock, env });

/** A row in the store, sent `sentAgoMs` ago (its first check is due 3 s after sending). */
function stored(overrides: Partial<TaskRecord> = {}, sentAgoMs = 0): TaskRecord {
  const task = makeTask({ createdAt: clock.now() - sentAgoMs, status: 'Processing', ...overrides });
  store.rows.set(task.id, task);
  return task;
}

describe('start and stop', () => {
  test('a second start reads the rows once only', async () => {
    stored();
    const s = scheduler();
    await s.start();
    await s.start();
    expect(store.listCalls).toBe(1);
  });

  test('before start nothing is called, even for a tracked task', async () => {
    const s = scheduler();
    s.track(stored());
    await clock.advance(60_000);
    expect(minimax.queries).toEqual([]);
    expect(clock.pending).toBe(0);
  });

  test('stop leaves no timer and no listener, calls nothing more; a later start picks the rows up again', async () => {
    const task = stored();
    const s = scheduler();
    await s.start();
    expect(clock.pending).toBe(1);
    s.stop();
    expect(clock.pending).toBe(0);
    expect(env.listeners('online') + env.listeners('visibilitychange')).toBe(0);
    await clock.advance(60_000);
    expect(minimax.queries).toEqual([]);
    await s.start();
    expect(s.tracked).toEqual([task.id]);
  });

  test('one timer at a time, whatever wakes the scheduler', async () => {
    const a = stored();
    stored({}, 1_000);
    stored({}, 2_000);
    const s = scheduler();
    await s.start();
    expect(clock.pending).toBe(1);
    await s.checkNow(a.id);
    expect(clock.pending).toBe(1);
    env.emit('online');
    await clock.advance(40_000);
    expect(clock.pending).toBe(1);
    expect(minimax.queries.length).toBeGreaterThan(3);
  });

  test('the timer is set for the earliest due task, whatever order the tasks came in', async () => {
    stored({}, -7_000); // sent 7 s from now (a clock skew): due in 10 s
    const early = stored();
    const s = scheduler();
    const start = clock.now();
    await s.start();
    await clock.advance(3_000);
    expect(minimax.queries).toEqual([early.taskId]);
    expect(clock.now() - start).toBe(3_000);
  });

  test('a timer late by exactly the drift allowance is no sleep; 1 ms more is', async () => {
    const late = (ms: number) => async () => {
      store = new MemoryStore();
      minimax = new ScriptedApi().videos(new TypeError('offline'));
      stored({ status: 'Success', fileId: 'f' });
      const s = new PollScheduler({ api: minimax.api, store, clock, env, policy: { downloadDelaysMs: [300_000] } });
      await s.start();
      await clock.advance(3_000); // the download fails: next try in 300 s; the 15 s cap wakes us at 18 s
      await clock.advance(14_000);
      clock.jump(1_000 + ms); // the 18 s wake-up comes `ms` late
      await clock.advance(0);
      s.stop();
      return minimax.downloads.length;
    };
    expect(await late(30_000)()).toBe(1);
    expect(await late(30_001)()).toBe(2);
  });

  test('checkNow of a task not followed does nothing', async () => {
    const s = scheduler();
    await expect(s.checkNow('unknown')).resolves.toBeUndefined();
  });
});

describe('which rows are followed', () => {
  test('a live row carrying a file_id is polled, not downloaded', async () => {
    const s = scheduler();
    await s.start();
    const task = stored({ status: 'Processing', fileId: 'early' });
    s.track(task);
    await s.checkNow(task.id);
    expect(minimax.queries).toEqual([task.taskId]);
    expect(minimax.downloads).toEqual([]);
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
