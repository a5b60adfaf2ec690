// Client-side pace for creates: at most `perMinute` in any rolling minute, one at a time, in order.
import type { StudioRequest } from './v2-request';
import { ApiError } from '../api/errors';
import { realClock, type Clock } from './clock';
import type { Environment } from './scheduler';
import type { SubmitOutcome } from './submit';
import type { TaskError, TaskRecord } from './types';

export interface PendingSubmission {
  key: string;
  request: StudioRequest;
  batchId?: string;
  enqueuedAt: number;
  /** why the row waits besides its turn (TaskRecord.waitingFor), with the last refusal or failure */
  waitingFor?: TaskRecord['waitingFor'];
  error?: TaskError;
  rateLimited?: number;
  /** settles with the submit's outcome */
  outcome: Promise<PacedOutcome>;
}

export type PacedOutcome =
  | SubmitOutcome
  | { ok: false; reason: 'cancelled' }
  /** the row could not be written (e.g. storage full): nothing was sent */
  | { ok: false; reason: 'local_error'; message: string };

export interface PacerDeps {
  /** sends the row `key`; null when there was nothing to send after all (cancelled elsewhere): the slot is not used */
  submit(key: string): Promise<SubmitOutcome | null>;
  perMinute: () => number;
  /** at most this many tasks on MiniMax at once (made, not finished): no send while `inFlight()` is at it */
  maxInFlight?: number;
  inFlight?: () => number;
  clock?: Clock;
  onChange?: () => void;
  /** keeps a 429's pause across reloads and leader changes (localStorage in the browser) */
  pause?: PauseStore;
  /** nothing is sent while offline; 'online' sends what waits at once */
  env?: Pick<Environment, 'addEventListener' | 'removeEventListener' | 'isOnline'>;
}

/** Waits before resending a row whose send got no answer (with its key: safe), while the browser says it is online. */
export const UNANSWERED_RETRY_MS: readonly number[] = [5_000, 15_000, 30_000, 60_000];

/** How often a pacer held by its in-flight cap looks again, besides being woken when a task ends. */
export const IN_FLIGHT_RECHECK_MS = 15_000;

export interface PauseStore {
  load(): number;
  save(untilMs: number): void;
}

const PAUSE_KEY = 'hailuo.pacer.pausedUntil';

/** The browser's pause store, shared by the tabs of this origin; null where there is no localStorage. */
export function localPauseStore(storage: Storage | undefined = globalThis.localStorage, key = PAUSE_KEY): PauseStore | undefined {
  if (!storage) return undefined;
  return {
    load: () => Number(storage.getItem(key)) || 0,
    save: (untilMs) => storage.setItem(key, String(untilMs)),
  };
}

const WINDOW_MS = 60_000;

interface Item extends PendingSubmission {
  settle(outcome: PacedOutcome): void;
}

export class Pacer {
  #queue: Item[] = [];
  // Stryker disable next-line ArrayDeclaration: #slotAt filters it by time before any read, dropping a non-number, and seed's sort keeps that first element first
  #sentAt: number[] = [];
  #pausedUntil = 0;
  #running = false;
  #wake: (() => void) | null = null;
  #timer: unknown = null;
  /** a stopped pacer (its tab no longer leads) never sends again: another tab's pacer does */
  #stopped = false;
  #inFlight: string | null = null;
  /** no sends before this: the last send got no answer (or its key was still in flight) */
  #holdUntil = 0;
  #unanswered = 0;
  readonly #clock: Clock;
  readonly #onOnline = () => {
    this.#holdUntil = 0;
    this.#wake?.();
  };

  constructor(private readonly deps: PacerDeps) {
    this.#clock = deps.clock ?? realClock;
    this.#pausedUntil = deps.pause?.load() ?? 0;
    deps.env?.addEventListener('online', this.#onOnline);
  }

  /** False while the browser says it is offline: nothing is sent then. */
  get online(): boolean {
    return this.deps.env?.isOnline() ?? true;
  }

  get waiting(): readonly PendingSubmission[] {
    return this.#queue.map(({ settle: _s, ...item }) => item);
  }

  /** When the head of the queue may be sent (ms epoch), or null when nothing waits. */
  get nextSlotAt(): number | null {
    if (this.#queue.length === 0) return null;
    return Math.max(this.#slotAt(this.#clock.now()), this.#pausedUntil, this.#holdUntil);
  }

  /** Queues items that already have a key (rows written as `queued`), skipping any already queued or being sent. */
  add(items: readonly { key: string; request: StudioRequest; batchId?: string; enqueuedAt: number }[]): void {
    const fresh = this.#stopped ? [] : items.filter((i) => !this.has(i.key));
    if (fresh.length === 0) return;
    for (const item of fresh) {
      let settle!: Item['settle'];
      const outcome = new Promise<PacedOutcome>((resolve) => (settle = resolve));
      this.#queue.push({ ...item, outcome, settle });
    }
    this.deps.onChange?.();
    void this.#drain();
  }

  has(key: string): boolean {
    return this.#inFlight === key || this.#queue.some((i) => i.key === key);
  }

  /** Counts sends made before this pacer existed (another tab, the page before a reload) in the rolling minute. */
  seed(sentAt: readonly number[]): void {
    this.#sentAt = [...this.#sentAt, ...sentAt].sort((a, b) => a - b);
    this.deps.onChange?.();
  }

  cancel(key: string): boolean {
    const index = this.#queue.findIndex((i) => i.key === key);
    if (index < 0) return false;
    const [item] = this.#queue.splice(index, 1);
    item.settle({ ok: false, reason: 'cancelled' });
    this.deps.onChange?.();
    return true;
  }

  /** Holds every send until `untilMs` (a 429's Retry-After). */
  pauseUntil(untilMs: number): void {
    this.#pausedUntil = Math.max(this.#pausedUntil, untilMs);
    this.deps.pause?.save(this.#pausedUntil);
    this.deps.onChange?.();
  }

  #slotAt(now: number): number {
    this.#sentAt = this.#sentAt.filter((t) => t > now - WINDOW_MS);
    const limit = Math.max(1, this.deps.perMinute());
    return this.#sentAt.length < limit ? now : this.#sentAt[this.#sentAt.length - limit] + WINDOW_MS;
  }

  #sleepUntil(at: number): Promise<void> {
    return new Promise((resolve) => {
      this.#wake = resolve;
      this.#timer = this.#clock.setTimeout(resolve, Math.max(0, at - this.#clock.now()));
    });
  }

  async #drain(): Promise<void> {
    if (this.#running) return;
    this.#running = true;
    try {
      while (this.#queue.length > 0) {
        if (!this.online) {
          // the 'online' event wakes us; the cap only guards against a missed event
          await this.#sleepUntil(this.#clock.now() + UNANSWERED_RETRY_MS[UNANSWERED_RETRY_MS.length - 1]);
          continue;
        }
        if (this.#full()) {
          // a finished task wakes us (wake()); the recheck only guards against a missed one
          await this.#sleepUntil(this.#clock.now() + IN_FLIGHT_RECHECK_MS);
          continue;
        }
        const at = this.nextSlotAt ?? 0;
        if (at > this.#clock.now()) {
          await this.#sleepUntil(at);
          continue;
        }
        const item = this.#queue.shift()!;
        const sentAt = this.#clock.now();
        this.#sentAt.push(sentAt);
        this.#inFlight = item.key;
        this.deps.onChange?.();
        let outcome: SubmitOutcome | null;
        try {
          outcome = await this.deps.submit(item.key);
        } catch (error) {
          item.settle({ ok: false, reason: 'local_error', message: error instanceof Error ? error.message : String(error) });
          continue;
        } finally {
          this.#inFlight = null;
        }
        if (outcome === null) {
          this.#sentAt.splice(this.#sentAt.lastIndexOf(sentAt), 1);
          item.settle({ ok: false, reason: 'cancelled' });
          this.deps.onChange?.();
          continue;
        }
        if (!outcome.ok && outcome.reason === 'waiting') {
          // No answer, or the same key still in flight: the row is `queued` again and goes first, with its key.
          const busy = outcome.error.code === 'idempotency_busy';
          const delay = busy ? (outcome.error.retryAfter ?? 5) * 1000 : UNANSWERED_RETRY_MS[Math.min(this.#unanswered++, UNANSWERED_RETRY_MS.length - 1)];
          this.#sentAt.splice(this.#sentAt.lastIndexOf(sentAt), 1);
          this.#holdUntil = this.#clock.now() + delay;
          this.#queue.unshift({ ...item, waitingFor: 'connection', error: outcome.task.error ?? { code: outcome.error.code, message: outcome.error.message } });
          this.deps.onChange?.();
          continue;
        }
        this.#unanswered = 0;
        if (isRateLimited(outcome)) {
          const seconds = outcome.error instanceof ApiError ? (outcome.error.retryAfter ?? 60) : 60;
          this.pauseUntil(this.#clock.now() + seconds * 1000);
          // MiniMax refused it (nothing made, nothing charged): its row is `queued` again, back at the head.
          this.#queue.unshift(item);
          this.deps.onChange?.();
          continue;
        }
        item.settle(outcome);
        this.deps.onChange?.();
      }
    } finally {
      this.#running = false;
    }
  }

  /** True while as many tasks as MiniMax allows at once are on MiniMax: nothing more is sent. */
  #full(): boolean {
    const max = this.deps.maxInFlight;
    return max !== undefined && (this.deps.inFlight?.() ?? 0) >= max;
  }

  /** Looks again now (a task ended, so a place under the in-flight cap may be free). */
  wake(): void {
    if (this.#timer !== null) this.#clock.clearTimeout(this.#timer);
    this.#timer = null;
    this.#wake?.();
  }

  stop(): void {
    this.#stopped = true;
    this.deps.env?.removeEventListener('online', this.#onOnline);
    if (this.#timer !== null) this.#clock.clearTimeout(this.#timer);
    this.#wake?.();
    this.#queue.forEach((i) => i.settle({ ok: false, reason: 'cancelled' }));
    this.#queue = [];
  }
}

function isRateLimited(outcome: SubmitOutcome): outcome is Extract<SubmitOutcome, { task: unknown; error: unknown }> {
  return !outcome.ok && outcome.reason === 'rejected' && outcome.error instanceof ApiError && outcome.error.code === 'rate_limited';
}
