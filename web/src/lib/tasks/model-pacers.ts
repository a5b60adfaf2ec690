// Two paces, one per API: Hailuo (v1) creates at the user's own rate, MiniMax-H3 (v2) creates at v2's published
// limits (300 a minute, 30 tasks on MiniMax at once). A row goes to the pace of its model; each keeps its own
// rolling minute and its own 429 pause, so a busy H3 queue never slows a Hailuo one, nor the other way round.
import { isV2Model, V2_RATE_LIMITS } from '$contract';
import { localPauseStore, Pacer, type PacerDeps, type PendingSubmission } from './pacer';

type Item = Parameters<Pacer['add']>[0][number];

export interface ModelPacersDeps extends Omit<PacerDeps, 'maxInFlight' | 'inFlight' | 'perMinute' | 'pause'> {
  /** v1 creates a minute (the user's setting) */
  perMinute: () => number;
  /** v2 tasks made and not finished (the in-flight cap counts these) */
  v2InFlight: () => number;
  /** pause stores for 429s, by API; the browser's localStorage when absent */
  pause?: { v1?: PacerDeps['pause']; v2?: PacerDeps['pause'] };
}

export const V2_PAUSE_KEY = 'hailuo.pacer.v2.pausedUntil';

export class ModelPacers {
  readonly v1: Pacer;
  readonly v2: Pacer;

  constructor(deps: ModelPacersDeps) {
    const { v2InFlight, pause, ...shared } = deps;
    this.v1 = new Pacer({ ...shared, pause: pause?.v1 ?? localPauseStore() });
    this.v2 = new Pacer({
      ...shared,
      perMinute: () => V2_RATE_LIMITS.requestsPerMinute,
      maxInFlight: V2_RATE_LIMITS.tasksInFlight,
      inFlight: v2InFlight,
      pause: pause?.v2 ?? localPauseStore(undefined, V2_PAUSE_KEY),
    });
  }

  #of(request: Item['request']): Pacer {
    return isV2Model(request.model) ? this.v2 : this.v1;
  }

  get waiting(): readonly PendingSubmission[] {
    return [...this.v1.waiting, ...this.v2.waiting].sort((a, b) => a.enqueuedAt - b.enqueuedAt);
  }

  /** The sooner of the two paces' next slots; null when nothing waits. */
  get nextSlotAt(): number | null {
    const slots = [this.v1.nextSlotAt, this.v2.nextSlotAt].filter((at): at is number => at !== null);
    return slots.length > 0 ? Math.min(...slots) : null;
  }

  add(items: readonly Item[]): void {
    this.v1.add(items.filter((item) => this.#of(item.request) === this.v1));
    this.v2.add(items.filter((item) => this.#of(item.request) === this.v2));
  }

  has(key: string): boolean {
    return this.v1.has(key) || this.v2.has(key);
  }

  cancel(key: string): boolean {
    return this.v1.cancel(key) || this.v2.cancel(key);
  }

  /** The sends of the last minute, each counted by the pace of its own API. */
  seed(sent: readonly { at: number; model: string }[]): void {
    this.v1.seed(sent.filter((s) => !isV2Model(s.model)).map((s) => s.at));
    this.v2.seed(sent.filter((s) => isV2Model(s.model)).map((s) => s.at));
  }

  /** A v2 task ended: a place under its in-flight cap may be free. */
  wakeV2(): void {
    this.v2.wake();
  }

  stop(): void {
    this.v1.stop();
    this.v2.stop();
  }
}
