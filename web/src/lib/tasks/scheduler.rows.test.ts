// What each MiniMax answer writes to the task's row, when a task turns stale and back, and the 7-day query window.
import { beforeEach, describe, expect, test, vi } from 'vitest';
import { V2_QUERY_WINDOW_SECONDS } from '$contract';
import { makeTask } from '../db/test-kit';
import { ApiError } from '../api/errors';
import { DEFAULT_POLICY, PollScheduler, type SchedulerDeps } from './scheduler';
import { Held, MemoryStore, ScriptedApi } from './scheduler-stubs';
import { FakeEnvironment, ManualClock } from './test-kit';
import type { TaskRecord } from './types';

const WINDOW_MS = V2_QUERY_WINDOW_SECONDS * 1000;
const OUT_OF_WINDOW = { code: 'query_window', message: expect.stringContaining('7 days') };

let clock: ManualClock;
let store: MemoryStore;
let minimax: ScriptedApi;
let onTask: ReturnType<typeof vi.fn<(task: TaskRecord) => void>>;
let onStale: ReturnType<typeof vi.fn<(stale: ReadonlySet<string>) => void>>;

beforeEach(() => {
  clock = new ManualClock();
  store = new MemoryStore();
  minimax = new ScriptedApi();
  onTask = vi.fn();
  onStale = vi.fn();
});

function scheduler(deps: Partial<SchedulerDeps> = {}): PollScheduler {
  return new PollScheduler({ api: minimax.api, store, clock, env: new FakeEnvironment(), onTask, onStale, ...deps });
}

/** A row in the store, tracked by `s`. */
function row(s: PollScheduler, overrides: Partial<TaskRecord> = {}): TaskRecord {
  const task = makeTask({ createdAt: clock.now(), status: 'Processing', ...overrides });
  store.rows.set(task.id, task);
  s.track(task);
  return task;
}

const patchesOf = (id: string) => store.patches.filter((p) => p.id === id).map((p) => p.patch);

/** Fails `times` status calls of `id` in a row. */
async function failChecks(s: PollScheduler, id: string, times: number): Promise<void> {
  minimax.statuses(new TypeError('offline'));
  for (let i = 0; i < times; i++) await s.checkNow(id);
}

describe('the row each answer writes', () => {
  test('a Success writes the video size when MiniMax gives it, and no size keys when it does not', async () => {
    const s = scheduler();
    const sized = row(s);
    const unsized = row(s);
    minimax.statuses({ status: 'Success', file_id: 'f1', video_width: 1920, video_height: 1080 });
    await s.checkNow(sized.id);
    minimax.statuses({ status: 'Success', file_id: 'f2' });
    await s.checkNow(unsized.id);
    const now = clock.now();
    expect(patchesOf(sized.id)).toStrictEqual([
      { status: 'Success', fileId: 'f1', finishedAt: now, lastCheckedAt: now, videoWidth: 1920, videoHeight: 1080 },
    ]);
    expect(patchesOf(unsized.id)).toStrictEqual([{ status: 'Success', fileId: 'f2', finishedAt: now, lastCheckedAt: now }]);
  });

  test('a task still waiting stores the status MiniMax said; a Success with no file stays Processing', async () => {
    const s = scheduler();
    const task = row(s);
    minimax.statuses({ status: 'Queueing' });
    await s.checkNow(task.id);
    minimax.statuses({ status: 'Success' });
    await s.checkNow(task.id);
    expect(patchesOf(task.id)).toStrictEqual([
      { status: 'Queueing', lastCheckedAt: clock.now() },
      { status: 'Processing', lastCheckedAt: clock.now() },
    ]);
  });

  test('a file_id on an answer that is not Success starts no download', async () => {
    const s = scheduler();
    const task = row(s);
    minimax.statuses({ status: 'Processing', file_id: 'early' });
    await s.checkNow(task.id);
    await s.checkNow(task.id);
    expect(minimax.queries).toHaveLength(2);
    expect(minimax.downloads).toEqual([]);
    expect(store.rows.get(task.id)?.status).toBe('Processing');
  });

  test('a row deleted while its call was out is forgotten and reported to nobody', async () => {
    const s = scheduler();
    const task = row(s);
    const answer = new Held<{ status: 'Processing' }>();
    minimax.statuses(answer);
    const out = s.checkNow(task.id);
    store.rows.delete(task.id);
    answer.resolve({ status: 'Processing' });
    await out;
    expect(onTask).not.toHaveBeenCalled();
    expect(s.tracked).toEqual([]);
  });
});

describe('stale ("still checking")', () => {
  test('stale after more than 3 failed checks in a row, told once, not at each further failure', async () => {
    const s = scheduler();
    const task = row(s);
    await failChecks(s, task.id, 3);
    expect(s.stale.has(task.id)).toBe(false);
    expect(onStale).not.toHaveBeenCalled();
    await failChecks(s, task.id, 2);
    expect(s.stale.has(task.id)).toBe(true);
    expect(onStale).toHaveBeenCalledTimes(1);
  });

  test('stale once checked more than 20 minutes after it was sent, not at 20 minutes exactly', async () => {
    const s = scheduler();
    const task = row(s, { submittedAt: clock.now() });
    clock.jump(20 * 60_000);
    await s.checkNow(task.id);
    expect(s.stale.has(task.id)).toBe(false);
    clock.jump(1);
    await s.checkNow(task.id);
    expect(s.stale.has(task.id)).toBe(true);
  });

  test('a stale task that finishes leaves the stale set, and onStale hears it', async () => {
    const s = scheduler();
    const task = row(s);
    await failChecks(s, task.id, 4);
    minimax.statuses({ status: 'Success', file_id: 'f' });
    await s.checkNow(task.id);
    expect(s.stale.has(task.id)).toBe(false);
    expect(onStale).toHaveBeenCalledTimes(2);
    expect(onStale.mock.lastCall?.[0].has(task.id)).toBe(false);
  });

  test('forgetting a task tells onStale only when that task was stale', async () => {
    const s = scheduler();
    const fresh = row(s);
    const stale = row(s);
    s.forget(fresh.id);
    expect(onStale).not.toHaveBeenCalled();
    await failChecks(s, stale.id, 4);
    s.forget(stale.id);
    expect(onStale).toHaveBeenCalledTimes(2);
    expect(onStale.mock.lastCall?.[0].has(stale.id)).toBe(false);
  });

  test('without an onStale listener, turning stale and back and forgetting all work', async () => {
    const s = scheduler({ onStale: undefined });
    const finishing = row(s);
    const forgotten = row(s);
    await failChecks(s, finishing.id, 4);
    await failChecks(s, forgotten.id, 4);
    expect([...s.stale]).toEqual([finishing.id, forgotten.id]);
    minimax.statuses({ status: 'Success', file_id: 'f' });
    await s.checkNow(finishing.id);
    s.forget(forgotten.id);
    expect(s.stale.size).toBe(0);
  });
});

describe('the 7-day query window of MiniMax-H3 tasks', () => {
  test('a status call failing 7 days after sending gives the task up as failed, and never follows it again', async () => {
    const s = scheduler();
    const task = row(s, { model: 'MiniMax-H3', submittedAt: clock.now() - WINDOW_MS });
    await s.checkNow(task.id);
    const now = clock.now();
    expect(patchesOf(task.id)).toStrictEqual([{ status: 'Fail', finishedAt: now, error: OUT_OF_WINDOW, lastCheckedAt: now }]);
    expect(onTask).toHaveBeenCalledWith(expect.objectContaining({ id: task.id, status: 'Fail' }));
    expect(s.tracked).toEqual([]);
    s.track({ ...task, status: 'Processing' });
    expect(s.tracked).toEqual([]);
  });

  test('a failing status call 1 ms inside the window is only an error: the task is kept', async () => {
    const s = scheduler();
    const task = row(s, { model: 'MiniMax-H3', submittedAt: clock.now() - WINDOW_MS + 1 });
    await s.checkNow(task.id);
    expect(patchesOf(task.id)).toEqual([]);
    expect(s.tracked).toEqual([task.id]);
  });

  test('a Hailuo task (no window) older than 7 days is kept after a failing call', async () => {
    const s = scheduler();
    const task = row(s, { submittedAt: clock.now() - 2 * WINDOW_MS });
    await failChecks(s, task.id, 1);
    expect(patchesOf(task.id)).toEqual([]);
    expect(s.tracked).toEqual([task.id]);
  });

  test('a download failing past the window drops the file (no retry), keeps the task a Success', async () => {
    const s = scheduler();
    const past = row(s, { model: 'MiniMax-H3', status: 'Success', fileId: 'f', submittedAt: clock.now() - WINDOW_MS });
    const inside = row(s, { model: 'MiniMax-H3', status: 'Success', fileId: 'g', submittedAt: clock.now() - WINDOW_MS + 1 });
    await s.checkNow(past.id);
    await s.checkNow(inside.id);
    expect(patchesOf(past.id)).toStrictEqual([{ fileId: undefined, error: OUT_OF_WINDOW, lastCheckedAt: clock.now() }]);
    expect(store.rows.get(past.id)).toMatchObject({ status: 'Success', fileId: undefined });
    expect(patchesOf(inside.id)).toEqual([]);
    expect(s.tracked).toEqual([inside.id]);
  });
});

describe('a failing call that comes back after its task was deleted, or after stop, changes nothing', () => {
  const leaving = {
    deleted: (s: PollScheduler, id: string) => {
      store.rows.delete(id);
      s.forget(id);
    },
    stopped: (s: PollScheduler) => s.stop(),
  };
  const cases = Object.keys(leaving) as (keyof typeof leaving)[];
  const rateLimited = () => new ApiError({ status: 429, code: 'rate_limited', message: 'slow down', retryAfter: 60, charge: 'not' });

  test.each(cases)('a status call, the task %s: not stale again, no Retry-After pause', async (how) => {
    const s = scheduler();
    await s.start();
    const task = row(s);
    await failChecks(s, task.id, 4);
    const answer = new Held<never>();
    minimax.statuses(answer, { status: 'Processing' });
    const out = s.checkNow(task.id);
    leaving[how](s, task.id);
    onStale.mockClear();
    answer.reject(rateLimited());
    await out;
    expect(onStale).not.toHaveBeenCalled();
    expect(s.stale.size).toBe(0);
    await s.start();
    const other = row(s);
    await clock.advance(DEFAULT_POLICY.firstDelayMs); // when `other` is first due: a pause would hold it for 60 s
    expect(minimax.queries).toContain(other.taskId);
  });

  test.each(cases)('a download, the task %s: no onDownloadError, nothing written', async (how) => {
    const onDownloadError = vi.fn();
    const s = scheduler({ onDownloadError });
    const task = row(s, { status: 'Success', fileId: 'f' });
    const answer = new Held<number>();
    minimax.videos(answer);
    const out = s.checkNow(task.id);
    leaving[how](s, task.id);
    answer.reject(new TypeError('offline'));
    await out;
    expect(onDownloadError).not.toHaveBeenCalled();
    expect(store.patches).toEqual([]);
  });

  test.each(cases)('a MiniMax-H3 status call failing past its 7 days, the task %s: not given up in writing', async (how) => {
    const s = scheduler();
    const task = row(s, { model: 'MiniMax-H3', submittedAt: clock.now() - WINDOW_MS });
    const answer = new Held<never>();
    minimax.v2Failures(answer);
    const out = s.checkNow(task.id);
    leaving[how](s, task.id);
    answer.reject(new TypeError('offline'));
    await out;
    expect(store.patches).toEqual([]);
    expect(onTask).not.toHaveBeenCalled();
  });
});
