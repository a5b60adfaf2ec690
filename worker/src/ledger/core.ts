// Per-caller memory of paid creates: idempotency keys → MiniMax's answer, and which tasks and files the caller made.
// One instance per caller (a Durable Object in production, keyed by caller), so everything here is one caller's.
// Operations run one at a time: a key is claimed, settled or released atomically, whatever else is in flight.

export interface LedgerStorage {
  get<T>(key: string): Promise<T | undefined>;
  put<T>(key: string, value: T): Promise<void>;
  delete(key: string): Promise<boolean>;
  list<T>(options: { prefix: string }): Promise<Map<string, T>>;
}

/** What the worker answered for a create that reached MiniMax and got a task id. */
export interface StoredAnswer {
  status: number;
  body: string;
}

interface KeyEntry {
  fingerprint: string;
  /** pending: the first request is still talking to MiniMax */
  answer: StoredAnswer | null;
  atMs: number;
}

export type Claim =
  | { state: 'new' }
  | { state: 'replay'; answer: StoredAnswer }
  | { state: 'busy' }
  | { state: 'mismatch' };

export type OwnedKind = 'task' | 'file';

/** A stored answer is kept at least this long (at least a day, README "Idempotent creates"). */
export const ANSWER_TTL_MS = 25 * 3600 * 1000;
/** A claim whose request died without settling (a crashed isolate) stops blocking its key after this. */
export const PENDING_TTL_MS = 2 * 60 * 1000;
/** Ownership outlives MiniMax's own windows (v2 queries 7 days; v1 files are retrievable for weeks). */
export const OWNERSHIP_TTL_MS = 90 * 24 * 3600 * 1000;

export class LedgerCore {
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly storage: LedgerStorage) {}

  private serial<T>(work: () => Promise<T>): Promise<T> {
    const next = this.queue.then(work, work);
    this.queue = next.catch(() => undefined);
    return next;
  }

  claim(key: string, fingerprint: string, nowMs: number): Promise<Claim> {
    return this.serial(async () => {
      const entry = await this.storage.get<KeyEntry>(`key:${key}`);
      const live = entry && nowMs - entry.atMs < (entry.answer ? ANSWER_TTL_MS : PENDING_TTL_MS);
      if (live) {
        if (entry.fingerprint !== fingerprint) return { state: 'mismatch' };
        return entry.answer ? { state: 'replay', answer: entry.answer } : { state: 'busy' };
      }
      await this.storage.put<KeyEntry>(`key:${key}`, { fingerprint, answer: null, atMs: nowMs });
      return { state: 'new' };
    });
  }

  /** Stores the answer of a claimed key (only creates that got a task id are settled). */
  settle(key: string, answer: StoredAnswer, nowMs: number): Promise<void> {
    return this.serial(async () => {
      const entry = await this.storage.get<KeyEntry>(`key:${key}`);
      if (entry) await this.storage.put<KeyEntry>(`key:${key}`, { ...entry, answer, atMs: nowMs });
    });
  }

  /** Frees a claimed key whose create did not make a task, so the same key may be sent again. */
  release(key: string): Promise<void> {
    return this.serial(async () => {
      const entry = await this.storage.get<KeyEntry>(`key:${key}`);
      if (entry && !entry.answer) await this.storage.delete(`key:${key}`);
    });
  }

  own(kind: OwnedKind, id: string, nowMs: number): Promise<void> {
    return this.serial(() => this.storage.put(`${kind}:${id}`, nowMs));
  }

  owns(kind: OwnedKind, id: string, nowMs: number): Promise<boolean> {
    return this.serial(async () => {
      const at = await this.storage.get<number>(`${kind}:${id}`);
      // Stryker disable next-line ConditionalExpression: an unknown id gives NaN, and NaN < TTL is false as well
      return at !== undefined && nowMs - at < OWNERSHIP_TTL_MS;
    });
  }

  /** Task ids made since `sinceMs`, newest first. */
  tasksSince(sinceMs: number): Promise<string[]> {
    return this.serial(async () => {
      const tasks = await this.storage.list<number>({ prefix: 'task:' });
      return [...tasks]
        .filter(([, at]) => at >= sinceMs)
        .sort((a, b) => b[1] - a[1])
        .map(([key]) => key.slice('task:'.length));
    });
  }

  /** Deletes what has outlived its purpose; answers how many entries went. */
  purge(nowMs: number): Promise<number> {
    return this.serial(async () => {
      let removed = 0;
      for (const prefix of ['key:', 'task:', 'file:']) {
        for (const [name, value] of await this.storage.list<KeyEntry | number>({ prefix })) {
          const expired =
            typeof value === 'number'
              ? nowMs - value >= OWNERSHIP_TTL_MS
              : nowMs - value.atMs >= (value.answer ? ANSWER_TTL_MS : PENDING_TTL_MS);
          if (expired && (await this.storage.delete(name))) removed++;
        }
      }
      return removed;
    });
  }
}

/** Storage in a Map: unit tests and any host without Durable Objects. */
export class MemoryLedgerStorage implements LedgerStorage {
  readonly map = new Map<string, unknown>();
  async get<T>(key: string): Promise<T | undefined> {
    return structuredClone(this.map.get(key)) as T | undefined;
  }
  async put<T>(key: string, value: T): Promise<void> {
    this.map.set(key, structuredClone(value));
  }
  async delete(key: string): Promise<boolean> {
    return this.map.delete(key);
  }
  async list<T>(options: { prefix: string }): Promise<Map<string, T>> {
    return new Map([...this.map].filter(([k]) => k.startsWith(options.prefix)).sort(([a], [b]) => (a < b ? -1 : 1))) as Map<string, T>;
  }
}
