// What each MiniMax answer writes to the task's row, when a task turns stale and back, and the 7-day query window.
import { beforeEach, describe, expect, test, vi } from 'vitest';
import { V2_QUERY_WINDOW_SECONDS } from '$contract';
import { ApiError } from '../api/errors';
import { DEFAULT_POLICY, type PollScheduler, type SchedulerDeps } from './scheduler';
import { Held, SchedulerRig, type Status } from './scheduler-stubs';
import type { TaskRecord } from './types';

const WINDOW_MS = V2_QUERY_WINDOW_SECONDS * 1000;
const OUT_OF_WINDOW = { code: 'query_window', message: expect.stringContaining('7 days') };

let rig: SchedulerRig;

beforeEach(() => {
  rig = new SchedulerRig();
});

const scheduler = (deps: Partial<SchedulerDeps> = {}) => rig.scheduler(deps);
const row = (s: PollScheduler, overrides: Partial<TaskRecord> = {}) => rig.row(s, overrides);

const patchesOf = (id: string) => rig.store.patches.filter((p) => p.id === id).map((p) => p.patch);

/** Fails `times` status calls of `id` in a row. */
async function failChecks(s: PollScheduler, id: string, times: number): Promise<void> {
  rig.minimax.statuses(new TypeError('offline'));
  for (let i = 0; i < times; i++) await s.checkNow(id);
}

describe('the row each answer writes', () => {
  test('a Success writes the video size when MiniMax gives it, and no size keys when it does not', async () => {
    const s = scheduler();
    const sized = row(s);
    const unsized = row(s);
    rig.minimax.statuses({ status: 'Success', file_id: 'f1', video_width: 1920, video_height: 1080 });
    await s.checkNow(sized.id);
    rig.minimax.statuses({ status: 'Success', file_id: 'f2' });
    await s.checkNow(unsized.id);
    const now = rig.clock.now();
    const written = { status: 'Success', finishedAt: now, lastCheckedAt: now };
    expect(rig.store.rows.get(sized.id)).toStrictEqual({ ...sized, ...written, fileId: 'f1', videoWidth: 1920, videoHeight: 1080 });
    expect(rig.store.rows.get(unsized.id)).toStrictEqual({ ...unsized, ...written, fileId: 'f2' });
  });

  test('a task still waiting stores the status MiniMax said; a Success with no file stays Processing', async () => {
    const s = scheduler();
    const task = row(s);
    rig.minimax.statuses({ status: 'Queueing' });
    await s.checkNow(task.id);
    expect(rig.store.rows.get(task.id)).toStrictEqual({ ...task, status: 'Queueing', lastCheckedAt: rig.clock.now() });
    rig.minimax.statuses({ status: 'Success' });
    await s.checkNow(task.id);
    expect(rig.store.rows.get(task.id)).toStrictEqual({ ...task, status: 'Processing', lastCheckedAt: rig.clock.now() });
  });

  test('a file_id on an answer that is not Success starts no download', async () => {
    const s = scheduler();
    const task = row(s);
    rig.minimax.statuses({ status: 'Processing', file_id: 'early' });
    await s.checkNow(task.id);
    await s.checkNow(task.id);
    expect(rig.minimax.queries).toHaveLength(2);
    expect(rig.minimax.downloads).toEqual([]);
    expect(rig.store.rows.get(task.id)?.status).toBe('Processing');
  });

  test('a row deleted while its call was out is forgotten and reported to nobody', async () => {
    const s = scheduler();
    const task = row(s);
    const answer = new Held<Status>();
    rig.minimax.statuses(answer);
    const out = s.checkNow(task.id);
    rig.store.rows.delete(task.id);
    answer.resolve({ status: 'Processing' });
    await out;
    expect(rig.onTask).not.toHaveBeenCalled();
    expect(s.tracked).toEqual([]);
  });
});

describe('stale ("still checking")', () => {
  test('stale after more than 3 failed checks in a row, told once, not at each further failure', async () => {
    const s = scheduler();
    const task = row(s);
    await failChecks(s, task.id, 3);
    expect(s.stale.has(task.id)).toBe(false);
    expect(rig.onStale).not.toHaveBeenCalled();
    await failChecks(s, task.id, 2);
    expect(s.stale.has(task.id)).toBe(true);
    expect(rig.onStale).toHaveBeenCalledTimes(1);
  });

  test('stale once checked more than 20 minutes after it was sent, not at 20 minutes exactly', async () => {
    const s = scheduler();
    const task = row(s, { submittedAt: rig.clock.now() });
    rig.clock.jump(20 * 60_000);
    await s.checkNow(task.id);
    expect(s.stale.has(task.id)).toBe(false);
    rig.clock.jump(1);
    await s.checkNow(task.id);
    expect(s.stale.has(task.id)).toBe(true);
  });

  test('a stale task that finishes leaves the stale set, and onStale hears it', async () => {
    const s = scheduler();
    const task = row(s);
    await failChecks(s, task.id, 4);
    rig.minimax.statuses({ status: 'Success', file_id: 'f' });
    await s.checkNow(task.id);
    expect(s.stale.has(task.id)).toBe(false);
    expect(rig.onStale).toHaveBeenCalledTimes(2);
    expect(rig.onStale.mock.lastCall?.[0].has(task.id)).toBe(false);
  });

  test('forgetting a task tells onStale only when that task was stale', async () => {
    const s = scheduler();
    const fresh = row(s);
    const stale = row(s);
    s.forget(fresh.id);
    expect(rig.onStale).not.toHaveBeenCalled();
    await failChecks(s, stale.id, 4);
    s.forget(stale.id);
    expect(rig.onStale).toHaveBeenCalledTimes(2);
    expect(rig.onStale.mock.lastCall?.[0].has(stale.id)).toBe(false);
  });

  test('without an onStale listener, turning stale and back and forgetting all work', async () => {
    const s = scheduler({ onStale: undefined });
    const finishing = row(s);
    const forgotten = row(s);
    await failChecks(s, finishing.id, 4);
    await failChecks(s, forgotten.id, 4);
    expect([...s.stale]).toEqual([finishing.id, forgotten.id]);
    rig.minimax.statuses({ status: 'Success', file_id: 'f' });
    await s.checkNow(finishing.id);
    s.forget(forgotten.id);
    expect(s.stale.size).toBe(0);
  });
});

describe('the 7-day query window of MiniMax-H3 tasks', () => {
  test('a status call failing 7 days after sending gives the task up as failed, and never follows it again', async () => {
    const s = scheduler();
    const task = row(s, { model: 'MiniMax-H3', submittedAt: rig.clock.now() - WINDOW_MS });
    await s.checkNow(task.id);
    const now = rig.clock.now();
    expect(rig.store.rows.get(task.id)).toStrictEqual({ ...task, status: 'Fail', finishedAt: now, error: OUT_OF_WINDOW, lastCheckedAt: now });
    expect(rig.onTask).toHaveBeenCalledWith(expect.objectContaining({ id: task.id, status: 'Fail' }));
    expect(s.tracked).toEqual([]);
    s.track({ ...task, status: 'Processing' });
    expect(s.tracked).toEqual([]);
  });

  test('a failing status call 1 ms inside the window is only an error: the task is kept', async () => {
    const s = scheduler();
    const task = row(s, { model: 'MiniMax-H3', submittedAt: rig.clock.now() - WINDOW_MS + 1 });
    await s.checkNow(task.id);
    expect(patchesOf(task.id)).toEqual([]);
    expect(s.tracked).toEqual([task.id]);
  });

  test('a Hailuo task (no window) older than 7 days is kept after a failing call', async () => {
    const s = scheduler();
    const task = row(s, { submittedAt: rig.clock.now() - 2 * WINDOW_MS });
    await failChecks(s, task.id, 1);
    expect(patchesOf(task.id)).toEqual([]);
    expect(s.tracked).toEqual([task.id]);
  });

  test('a download failing past the window drops the file (no retry), keeps the task a Success', async () => {
    const s = scheduler();
    const past = row(s, { model: 'MiniMax-H3', status: 'Success', fileId: 'f', submittedAt: rig.clock.now() - WINDOW_MS });
    const inside = row(s, { model: 'MiniMax-H3', status: 'Success', fileId: 'g', submittedAt: rig.clock.now() - WINDOW_MS + 1 });
    await s.checkNow(past.id);
    await s.checkNow(inside.id);
    expect(rig.store.rows.get(past.id)).toStrictEqual({ ...past, fileId: undefined, error: OUT_OF_WINDOW, lastCheckedAt: rig.clock.now() });
    expect(patchesOf(inside.id)).toEqual([]);
    expect(s.tracked).toEqual([inside.id]);
  });
});

describe('a failing call that comes back after its task was deleted, or after stop, changes nothing', () => {
  const leaving = {
    deleted: (s: PollScheduler, id: string) => {
      rig.store.rows.delete(id);
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
    const answer = new Held<Status>();
    rig.minimax.statuses(answer, { status: 'Processing' });
    const out = s.checkNow(task.id);
    leaving[how](s, task.id);
    rig.onStale.mockClear();
    answer.reject(rateLimited());
    await out;
    expect(rig.onStale).not.toHaveBeenCalled();
    expect(s.stale.size).toBe(0);
    await s.start();
    const other = row(s);
    await rig.clock.advance(DEFAULT_POLICY.firstDelayMs); // when `other` is first due: a pause would hold it for 60 s
    expect(rig.minimax.queries).toContain(other.taskId);
  });

  test.each(cases)('a download, the task %s: no onDownloadError, nothing written', async (how) => {
    const onDownloadError = vi.fn();
    const s = scheduler({ onDownloadError });
    const task = row(s, { status: 'Success', fileId: 'f' });
    const answer = new Held<number>();
    rig.minimax.videos(answer);
    const out = s.checkNow(task.id);
    leaving[how](s, task.id);
    answer.reject(new TypeError('offline'));
    await out;
    expect(onDownloadError).not.toHaveBeenCalled();
    expect(rig.store.patches).toEqual([]);
  });

  test.each(cases)('a MiniMax-H3 status call failing past its 7 days, the task %s: not given up in writing', async (how) => {
    const s = scheduler();
    const task = row(s, { model: 'MiniMax-H3', submittedAt: rig.clock.now() - WINDOW_MS });
    const answer = new Held<never>();
    rig.minimax.v2Failures(answer);
    const out = s.checkNow(task.id);
    leaving[how](s, task.id);
    answer.reject(new TypeError('offline'));
    await out;
    expect(rig.store.patches).toEqual([]);
    expect(rig.onTask).not.toHaveBeenCalled();
  });
});
