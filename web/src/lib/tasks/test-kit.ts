// Test support for the task engine (imported by *.test.ts only): a clock tests move by hand and a page
// environment they switch online/offline and visible/hidden, and the rows a pacer is handed.
import type { VideoRequest } from '$contract';
import { makeTask, settle } from '../db/test-kit';
import type { Clock } from './clock';
import { Pacer, type PacerDeps } from './pacer';
import type { Environment } from './scheduler';
import type { SubmitOutcome } from './submit';
import type { Channel, Locks, TabMessage } from './tabs';

interface Timer {
  id: number;
  at: number;
  fn: () => void;
}

export class ManualClock implements Clock {
  #now: number;
  #timers: Timer[] = [];
  #seq = 0;

  constructor(start = 1_700_000_000_000) {
    this.#now = start;
  }

  now = (): number => this.#now;

  setTimeout = (fn: () => void, ms: number): unknown => {
    const timer = { id: ++this.#seq, at: this.#now + Math.max(0, ms), fn };
    this.#timers.push(timer);
    return timer.id;
  };

  clearTimeout = (handle: unknown): void => {
    this.#timers = this.#timers.filter((t) => t.id !== handle);
  };

  /** Moves time forward, firing each due timer in order and letting its async work finish before the next. */
  async advance(ms: number): Promise<void> {
    const target = this.#now + ms;
    await settle();
    for (;;) {
      const next = this.#timers.filter((t) => t.at <= target).sort((a, b) => a.at - b.at || a.id - b.id)[0];
      if (!next) break;
      this.#timers = this.#timers.filter((t) => t !== next);
      this.#now = Math.max(this.#now, next.at);
      next.fn();
      await settle();
    }
    this.#now = target;
  }

  /** timers set and not yet fired nor cleared */
  get pending(): number {
    return this.#timers.length;
  }

  /** The wall clock jumps (a laptop wakes up) without any timer having fired. */
  jump(ms: number): void {
    this.#now += ms;
  }
}

export class FakeEnvironment implements Environment {
  visible = true;
  online = true;
  #listeners = new Map<string, Set<() => void>>();

  addEventListener(type: string, listener: () => void): void {
    if (!this.#listeners.has(type)) this.#listeners.set(type, new Set());
    this.#listeners.get(type)!.add(listener);
  }

  removeEventListener(type: string, listener: () => void): void {
    this.#listeners.get(type)?.delete(listener);
  }

  /** how many listeners of `type` are still attached */
  listeners(type: string): number {
    return this.#listeners.get(type)?.size ?? 0;
  }

  isVisible = (): boolean => this.visible;
  isOnline = (): boolean => this.online;

  emit(type: 'online' | 'offline' | 'visibilitychange'): void {
    for (const listener of this.#listeners.get(type) ?? []) listener();
  }
}

interface HeldLock {
  name: string;
  clientId: string;
}

interface WaitingLock extends HeldLock {
  grant: () => void;
}

/**
 * An in-memory `navigator.locks` shared by the "tabs" of a test (exclusive locks, `ifAvailable`, `signal`):
 * give each studio `locks.client('tab-a')` so query() shows who holds what.
 */
export class FakeLockManager {
  readonly held: HeldLock[] = [];
  readonly waiting: WaitingLock[] = [];

  client(clientId: string): Locks {
    return {
      request: (name, options, callback) => this.#request(clientId, name, options, callback),
      query: async () => ({
        held: this.held.map((l) => ({ name: l.name, clientId: l.clientId, mode: 'exclusive' })),
        pending: this.waiting.map((l) => ({ name: l.name, clientId: l.clientId, mode: 'exclusive' })),
      }),
    };
  }

  /** Holds `name` as `clientId` until the returned function is called (a tab mid-request, for instance). */
  hold(name: string, clientId = 'other-tab'): Promise<() => void> {
    return new Promise((resolve) => {
      void this.client(clientId).request(name, {}, () => new Promise<void>((release) => resolve(release)));
    });
  }

  isHeld(name: string): boolean {
    return this.held.some((l) => l.name === name);
  }

  #request<T>(
    clientId: string,
    name: string,
    options: { ifAvailable?: boolean; signal?: AbortSignal },
    callback: (lock: { name: string } | null) => Promise<T> | T,
  ): Promise<T> {
    if (options.signal?.aborted) return Promise.reject(new DOMException('aborted', 'AbortError'));
    const free = !this.isHeld(name) && !this.waiting.some((l) => l.name === name);
    if (!free && options.ifAvailable) return Promise.resolve().then(() => callback(null));
    return new Promise<T>((resolve, reject) => {
      const run = () => {
        const lock = { name, clientId };
        this.held.push(lock);
        Promise.resolve()
          .then(() => callback({ name }))
          .then(resolve, reject)
          .finally(() => {
            this.held.splice(this.held.indexOf(lock), 1);
            this.#grantNext(name);
          });
      };
      if (free) return run();
      const entry: WaitingLock = { name, clientId, grant: run };
      this.waiting.push(entry);
      options.signal?.addEventListener('abort', () => {
        const index = this.waiting.indexOf(entry);
        if (index < 0) return;
        this.waiting.splice(index, 1);
        reject(new DOMException('aborted', 'AbortError'));
      });
    });
  }

  #grantNext(name: string): void {
    if (this.isHeld(name)) return;
    const index = this.waiting.findIndex((l) => l.name === name);
    if (index < 0) return;
    const [next] = this.waiting.splice(index, 1);
    next.grant();
  }
}

/** BroadcastChannels of several "tabs" in one test: a message reaches every other open channel, asynchronously. */
export class FakeChannelHub {
  readonly #open = new Set<FakeChannel>();
  readonly sent: TabMessage[] = [];

  open = (): Channel => {
    const channel = new FakeChannel(this.#open, this.sent);
    this.#open.add(channel);
    return channel;
  };
}

class FakeChannel implements Channel {
  #listeners: ((event: MessageEvent<TabMessage>) => void)[] = [];

  constructor(
    private readonly peers: Set<FakeChannel>,
    private readonly sent: TabMessage[],
  ) {}

  postMessage(message: TabMessage): void {
    this.sent.push(message);
    const data = structuredClone(message);
    for (const peer of this.peers) {
      if (peer !== this) setTimeout(() => peer.#deliver(data), 0);
    }
  }

  addEventListener(_type: 'message', listener: (event: MessageEvent<TabMessage>) => void): void {
    this.#listeners.push(listener);
  }

  close(): void {
    this.peers.delete(this);
  }

  #deliver(data: TabMessage): void {
    if (!this.peers.has(this)) return;
    for (const listener of this.#listeners) listener({ data } as MessageEvent<TabMessage>);
  }
}

/** Queued rows as the leader hands them to a pacer: key `row-i`, a Hailuo request with prompt `pi`. */
export function pacerItems(n: number, enqueuedAt: number, batchId?: string) {
  return Array.from({ length: n }, (_, i) => ({
    key: `row-${i}`,
    request: { model: 'MiniMax-Hailuo-2.3', prompt: `p${i}` } as VideoRequest,
    enqueuedAt,
    ...(batchId !== undefined ? { batchId } : {}),
  }));
}

/** A send MiniMax took. */
export const took = (key: string): SubmitOutcome => ({ ok: true, task: makeTask({ id: key }) });

/** A pacer whose sends MiniMax takes, unless `answer` says otherwise; `sent` keeps each send's key and time. */
export function paced(extra: Partial<PacerDeps> = {}, answer: (n: number, key: string) => SubmitOutcome = (_n, key) => took(key)) {
  const clock = new ManualClock();
  const env = new FakeEnvironment();
  const sent: { key: string; at: number }[] = [];
  const pacer = new Pacer({
    clock,
    env,
    perMinute: () => 100,
    submit: async (key) => (sent.push({ key, at: clock.now() }), answer(sent.length, key)),
    ...extra,
  });
  const secondsOf = (start: number) => sent.map((s) => [s.key, (s.at - start) / 1000]);
  return { clock, env, pacer, sent, secondsOf };
}
