// Client-side pace for creates: at most `perMinute` in any rolling minute, one at a time, in order.
import type { StudioRequest } from './v2-request';
import { ApiError } from '../api/errors';
import { realClock, type Clock } from './clock';
import type { SubmitOptions, SubmitOutcome } from './submit';

export interface PendingSubmission {
  key: string;
  request: StudioRequest;
  batchId?: string;
  enqueuedAt: number;
  /** set after a 429: the next send reuses the row of the refused attempt */
  reuseId?: string;
  /** settles with the submit's outcome */
  outcome: Promise<PacedOutcome>;
}

export type PacedOutcome =
  | SubmitOutcome
  | { ok: false; reason: 'cancelled' }
  /** the row could not be written (e.g. storage full): nothing was sent */
  | { ok: false; reason: 'local_error'; message: string };

export interface PacerDeps {
  /** sends one; null when there was nothing to send after all (cancelled elsewhere): the slot is not used */
  submit(request: StudioRequest, options: SubmitOptions, key: string): Promise<SubmitOutcome | null>;
  perMinute: () => number;
  clock?: Clock;
  onChange?: () => void;
  /** keeps a 429's pause across reloads and leader changes (localStorage in the browser) */
  pause?: PauseStore;
}

export interface PauseStore {
  load(): number;
  save(untilMs: number): void;
}

const PAUSE_KEY = 'hailuo.pacer.pausedUntil';

/** The browser's pause store, shared by the tabs of this origin; null where there is no localStorage. */
export function localPauseStore(storage: Storage | undefined = globalThis.localStorage): PauseStore | undefined {
  if (!storage) return undefined;
  return {
    load: () => Number(storage.getItem(PAUSE_KEY)) || 0,
    save: (untilMs) => storage.setItem(PAUSE_KEY, String(untilMs)),
  };
}

const WINDOW_MS = 60_000;

interface Item extends PendingSubmission {
  settle(outcome: PacedOutcome): void;
}

export class Pacer {
  #queue: Item[] = [];
  #sentAt: number[] = [];
  #pausedUntil = 0;
  #running = false;
  #wake: (() => void) | null = null;
  #timer: unknown = null;
  #seq = 0;
  #inFlight: string | null = null;
  readonly #clock: Clock;

  constructor(private readonly deps: PacerDeps) {
    this.#clock = deps.clock ?? realClock;
    this.#pausedUntil = deps.pause?.load() ?? 0;
  }

  get waiting(): readonly PendingSubmission[] {
    return this.#queue.map(({ settle: _s, ...item }) => item);
  }

  /** When the head of the queue may be sent (ms epoch), or null when nothing waits. */
  get nextSlotAt(): number | null {
    if (this.#queue.length === 0) return null;
    return Math.max(this.#slotAt(this.#clock.now()), this.#pausedUntil);
  }

  enqueue(requests: readonly StudioRequest[], batchId?: string): PendingSubmission[] {
    const added = requests.map((request) => this.#item(request, batchId));
    this.#queue.push(...added);
    this.deps.onChange?.();
    void this.#drain();
    return added.map(({ settle: _s, ...item }) => item);
  }

  /** Queues items that already have a key (rows written as `queued`), skipping any already queued or being sent. */
  add(items: readonly { key: string; request: StudioRequest; batchId?: string; enqueuedAt: number }[]): void {
    const fresh = items.filter((i) => !this.has(i.key));
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

  #item(request: StudioRequest, batchId?: string, reuseId?: string): Item {
    let settle!: Item['settle'];
    const outcome = new Promise<PacedOutcome>((resolve) => (settle = resolve));
    return {
      key: `pending-${++this.#seq}`,
      request,
      enqueuedAt: this.#clock.now(),
      outcome,
      settle,
      ...(batchId !== undefined ? { batchId } : {}),
      ...(reuseId !== undefined ? { reuseId } : {}),
    };
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
        const options: SubmitOptions = {
          ...(item.batchId !== undefined ? { batchId: item.batchId } : {}),
          ...(item.reuseId !== undefined ? { reuseId: item.reuseId } : {}),
        };
        let outcome: SubmitOutcome | null;
        try {
          outcome = await this.deps.submit(item.request, options, item.key);
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
        if (isRateLimited(outcome)) {
          const seconds = outcome.error instanceof ApiError ? (outcome.error.retryAfter ?? 60) : 60;
          this.pauseUntil(this.#clock.now() + seconds * 1000);
          // MiniMax refused it (nothing made, nothing charged): it goes back to the head, into the same row.
          this.#queue.unshift({ ...item, reuseId: outcome.task.id });
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

  stop(): void {
    if (this.#timer !== null) this.#clock.clearTimeout(this.#timer);
    this.#wake?.();
    this.#queue.forEach((i) => i.settle({ ok: false, reason: 'cancelled' }));
    this.#queue = [];
  }
}

function isRateLimited(outcome: SubmitOutcome): outcome is Extract<SubmitOutcome, { task: unknown; error: unknown }> {
  return !outcome.ok && outcome.reason === 'rejected' && outcome.error instanceof ApiError && outcome.error.code === 'rate_limited';
}
