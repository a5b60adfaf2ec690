// What only the leading tab runs: the pacer that sends every tab's `queued` rows, and the scheduler that polls
// MiniMax and downloads the videos.
import type { ApiClient } from '../api/client';
import { StorageFullError } from '../db/errors';
import type { Clock } from './clock';
import type { DurationBook } from './estimate';
import { isV2Model } from '$contract';
import { ModelPacers } from './model-pacers';
import { browserEnvironment, PollScheduler, type Environment, type PollPolicy, type SchedulerStore } from './scheduler';
import type { StudioState } from './studio-state.svelte';
import { recoverInterruptedSubmits, sendQueued, type SubmitDeps, type SubmitOutcome, type SubmitStore } from './submit';
import type { TaskRecord } from './types';

/**
 * Gets this tab ready to lead: sends another tab left unanswered become `uncertain`. Returns when the sends of the
 * last minute went, for the pacer's rolling window.
 */
export async function takeOverSending(
  store: SubmitStore & { listSentSince(since: number): Promise<{ at: number; model: string }[]> },
  clock: Clock,
  sendInFlight: ((id: string) => Promise<boolean>) | undefined,
): Promise<{ at: number; model: string }[]> {
  await recoverInterruptedSubmits(store, sendInFlight, () => clock.now());
  return store.listSentSince(clock.now() - 60_000);
}

export interface LeaderDutiesDeps {
  api: ApiClient;
  /** the store that tells every tab about row writes */
  store: SchedulerStore;
  clock: Clock;
  env?: Environment;
  policy?: Partial<PollPolicy>;
  perMinute: () => number;
  submitDeps: SubmitDeps;
  /** the studio's state: the leader keeps what only it knows there */
  state: StudioState;
  durations: DurationBook;
  /** the leader's news for the other tabs changed */
  announce: () => void;
  /** MiniMax took a row that was sent */
  onSent: (task: TaskRecord) => void;
  /** a row's send is over (not merely rate-limited and queued again) */
  onSendOver: (key: string, outcome: SubmitOutcome) => void;
  /** a task's video is stored, or MiniMax failed it */
  onFinished: (task: TaskRecord) => void;
}

export class LeaderDuties {
  readonly pacer: ModelPacers;
  readonly scheduler: PollScheduler;
  readonly #deps: LeaderDutiesDeps;
  #stopped = false;

  constructor(deps: LeaderDutiesDeps) {
    this.#deps = deps;
    this.pacer = this.#makePacer();
    this.scheduler = this.#makeScheduler();
  }

  /** Starts sending and polling; `sentAt`: when the sends of the last minute went, by model (takeOverSending). */
  begin(sentAt: readonly { at: number; model: string }[]): Promise<void> {
    this.pacer.seed(sentAt);
    return this.scheduler.start();
  }

  stop(): void {
    this.pacer.stop();
    this.scheduler.stop();
    this.#stopped = true;
  }

  #makePacer(): ModelPacers {
    const deps = this.#deps;
    const pacer: ModelPacers = new ModelPacers({
      clock: deps.clock,
      perMinute: deps.perMinute,
      v2InFlight: () => this.scheduler.countPolling(isV2Model),
      env: deps.env ?? browserEnvironment(),
      submit: async (key) => {
        const outcome = await sendQueued(key, deps.submitDeps);
        if (outcome?.ok) deps.onSent(outcome.task);
        // A rate-limited or unanswered row is queued again (the pacer resends it): its outcome is still to come.
        if (outcome && !(outcome.ok === false && outcome.task.status === 'queued')) {
          deps.onSendOver(key, outcome);
        }
        return outcome;
      },
      onChange: () => {
        if (this.#stopped) return;
        deps.state.paceChanged(pacer.nextSlotAt);
        deps.announce();
      },
    });
    return pacer;
  }

  #makeScheduler(): PollScheduler {
    const deps = this.#deps;
    const state = deps.state;
    return new PollScheduler({
      api: deps.api,
      store: deps.store,
      clock: deps.clock,
      ...(deps.env ? { env: deps.env } : {}),
      ...(deps.policy ? { policy: deps.policy } : {}),
      onTask: (task) => {
        deps.durations.add(task);
        if (task.video) state.storageFullChanged(false);
        if ((task.status === 'Success' && task.video) || task.status === 'Fail') deps.onFinished(task);
        if (task.status === 'Success' || task.status === 'Fail') this.pacer.wakeV2();
      },
      onStale: (stale) => {
        state.staleChanged(stale);
        deps.announce();
      },
      onDownloadError: (_id, error) => {
        if (error instanceof StorageFullError) state.storageFullChanged(true);
        deps.announce();
      },
    });
  }
}

/** The leader's pacer follows the `queued` rows of every tab: new ones join in order, deleted ones leave. */
export async function queueIntoPacer(store: Pick<SubmitStore, 'listWithStatus'>, currentPacer: () => ModelPacers | null): Promise<void> {
  const queued = await store.listWithStatus('queued').catch(() => null);
  const pacer = currentPacer();
  if (!queued || !pacer) return;
  const ids = new Set(queued.map((row) => row.id));
  for (const item of pacer.waiting) if (!ids.has(item.key)) pacer.cancel(item.key);
  pacer.add(
    queued
      .sort((a, b) => a.createdAt - b.createdAt)
      .map((row) => ({
        key: row.id,
        request: row.request,
        enqueuedAt: row.createdAt,
        ...(row.batchId !== undefined ? { batchId: row.batchId } : {}),
      })),
  );
}
