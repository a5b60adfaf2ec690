// Test support for the poll scheduler (imported by *.test.ts only): an in-memory store and a MiniMax stand-in
// answered by hand, so a test sees the exact patch each answer writes.
import { vi } from 'vitest';
import type { QueryResult, VideoStream } from '../api/client';
import { makeTask } from '../db/test-kit';
import type { PollApi } from './v2-poll';
import { PollScheduler, type SchedulerDeps, type SchedulerStore } from './scheduler';
import { FakeEnvironment, ManualClock } from './test-kit';
import type { StoredVideo, TaskRecord } from './types';
import { isLive } from './types';

type Patch = Partial<Omit<TaskRecord, 'id'>>;

export class MemoryStore implements SchedulerStore {
  readonly rows = new Map<string, TaskRecord>();
  /** every updateTask call, in order */
  readonly patches: { id: string; patch: Patch }[] = [];
  listCalls = 0;

  constructor(rows: TaskRecord[] = []) {
    for (const row of rows) this.rows.set(row.id, row);
  }

  listLiveTasks = async (): Promise<TaskRecord[]> => {
    this.listCalls++;
    return [...this.rows.values()].filter(isLive);
  };

  listPendingDownloads = async (): Promise<TaskRecord[]> =>
    [...this.rows.values()].filter((r) => r.status === 'Success' && !!r.fileId && !r.video);

  updateTask = async (id: string, patch: Patch): Promise<TaskRecord | undefined> => {
    this.patches.push({ id, patch });
    const row = this.rows.get(id);
    if (!row) return undefined;
    const next = { ...row, ...patch };
    this.rows.set(id, next);
    return next;
  };

  saveVideo = async (id: string, _stream: ReadableStream<Uint8Array>, bytes?: number): Promise<StoredVideo> => {
    const video = { bytes: bytes ?? 0, chunks: 1, type: 'video/mp4', savedAt: 0 };
    const row = this.rows.get(id);
    if (row) this.rows.set(id, { ...row, video });
    return video;
  };
}

/** An answer the test gives later: the call waits until the test resolves or rejects it. */
export class Held<T> {
  readonly promise: Promise<T>;
  resolve!: (value: T) => void;
  reject!: (error: unknown) => void;

  constructor() {
    this.promise = new Promise<T>((resolve, reject) => {
      this.resolve = resolve;
      this.reject = reject;
    });
  }
}

type Answer<T> = T | Error | Held<T>;
/** A status answer: MiniMax's query result, its task_id and base_resp filled in when left out. */
export type Status = Omit<QueryResult, 'task_id' | 'base_resp'> & Partial<QueryResult>;

/**
 * Answers v1 status and download calls from queues (the last answer repeats; an Error is thrown; a Held one waits).
 * Every v2 call fails (MiniMax-H3 tasks here are the ones MiniMax no longer answers for), when the test says.
 */
export class ScriptedApi {
  readonly queries: string[] = [];
  readonly downloads: string[] = [];
  #statuses: Answer<Status>[] = [{ status: 'Processing' }];
  #videos: Answer<number>[] = [100];
  #v2Failures: Answer<never>[] = [new Error('scripted v2 failure')];

  statuses(...answers: Answer<Status>[]): this {
    this.#statuses = answers;
    return this;
  }

  videos(...answers: Answer<number>[]): this {
    this.#videos = answers;
    return this;
  }

  /** How v2 calls fail: each an Error, or Held until the test rejects it. */
  v2Failures(...answers: Answer<never>[]): this {
    this.#v2Failures = answers;
    return this;
  }

  #next<T>(queue: Answer<T>[]): T | Promise<T> {
    const answer = queue.length > 1 ? queue.shift()! : queue[0];
    if (answer instanceof Error) throw answer;
    return answer instanceof Held ? (answer as Held<T>).promise : answer;
  }

  get api(): PollApi {
    const v2Fails = async (id: string): Promise<never> => {
      this.queries.push(id);
      return this.#next(this.#v2Failures);
    };
    return {
      queryTask: async (taskId: string): Promise<QueryResult> => {
        this.queries.push(taskId);
        return { task_id: taskId, base_resp: { status_code: 0, status_msg: 'success' }, ...(await this.#next(this.#statuses)) };
      },
      videoStream: async (fileId: string): Promise<VideoStream> => {
        this.downloads.push(fileId);
        return { stream: new ReadableStream(), bytes: await this.#next(this.#videos) };
      },
      v2: { query: v2Fails, videoStream: v2Fails },
    } as unknown as PollApi;
  }
}

/** A poll scheduler's world, made afresh for each test: clock, store, MiniMax, page, and the listeners it calls. */
export class SchedulerRig {
  readonly clock = new ManualClock();
  readonly store = new MemoryStore();
  readonly minimax = new ScriptedApi();
  readonly env = new FakeEnvironment();
  readonly onTask = vi.fn<(task: TaskRecord) => void>();
  readonly onStale = vi.fn<(stale: ReadonlySet<string>) => void>();

  scheduler(deps: Partial<SchedulerDeps> = {}): PollScheduler {
    const { clock, store, env, onTask, onStale } = this;
    return new PollScheduler({ api: this.minimax.api, store, clock, env, onTask, onStale, ...deps });
  }

  /** A row in the store (not yet followed), sent `sentAgoMs` ago. */
  stored(overrides: Partial<TaskRecord> = {}, sentAgoMs = 0): TaskRecord {
    const task = makeTask({ createdAt: this.clock.now() - sentAgoMs, status: 'Processing', ...overrides });
    this.store.rows.set(task.id, task);
    return task;
  }

  /** A row in the store, followed by `s`. */
  row(s: PollScheduler, overrides: Partial<TaskRecord> = {}): TaskRecord {
    const task = this.stored(overrides);
    s.track(task);
    return task;
  }
}
