// The ledger as a Durable Object: one per caller (idFromName), SQLite-backed (wrangler.toml [[migrations]]), so it is
// strongly consistent across Cloudflare's edge and runs locally under wrangler too. Spoken to over a tiny JSON
// protocol (fetch), the worker side of which is `durableLedger` below.
import { LedgerCore, MemoryLedgerStorage, type Claim, type LedgerStorage, type OwnedKind, type StoredAnswer } from './core';

/** The methods the worker uses; the memory and the Durable Object implementations both provide them. */
export interface Ledger {
  claim(key: string, fingerprint: string): Promise<Claim>;
  settle(key: string, answer: StoredAnswer): Promise<void>;
  release(key: string): Promise<void>;
  own(kind: OwnedKind, id: string): Promise<void>;
  owns(kind: OwnedKind, id: string): Promise<boolean>;
  tasksSince(sinceMs: number): Promise<string[]>;
}

type Op = keyof Ledger;
const OPS: readonly Op[] = ['claim', 'settle', 'release', 'own', 'owns', 'tasksSince'];
const WRITES: ReadonlySet<Op> = new Set(['claim', 'own']);
const PURGE_EVERY_MS = 6 * 3600 * 1000;

interface DurableStorage extends LedgerStorage {
  getAlarm(): Promise<number | null>;
  setAlarm(scheduledTime: number): Promise<void>;
}

export interface DurableState {
  storage: DurableStorage;
}

export interface LedgerNamespace {
  idFromName(name: string): unknown;
  get(id: unknown): { fetch(input: string, init?: RequestInit): Promise<Response> };
}

/** Every operation as a method over `core`, each taking the worker's clock for time. */
function apply(core: LedgerCore, op: Op, args: unknown[], nowMs: number): Promise<unknown> {
  const [a, b] = args as [string, string];
  switch (op) {
    case 'claim':
      return core.claim(a, b, nowMs);
    case 'settle':
      return core.settle(a, args[1] as StoredAnswer, nowMs);
    case 'release':
      return core.release(a);
    case 'own':
      return core.own(a as OwnedKind, b, nowMs);
    case 'owns':
      return core.owns(a as OwnedKind, b, nowMs);
    case 'tasksSince':
      return core.tasksSince(args[0] as number);
  }
}

export class LedgerObject {
  private readonly core: LedgerCore;

  constructor(private readonly state: DurableState) {
    this.core = new LedgerCore(state.storage);
  }

  async fetch(request: Request): Promise<Response> {
    const { op, args, nowMs } = (await request.json()) as { op: Op; args: unknown[]; nowMs: number };
    if (!OPS.includes(op) || !Array.isArray(args)) return new Response('unknown operation', { status: 400 });
    const result = await apply(this.core, op, args, nowMs);
    // Old keys and ownership are purged in the background; one alarm at a time.
    if (WRITES.has(op) && (await this.state.storage.getAlarm()) === null) await this.state.storage.setAlarm(Date.now() + PURGE_EVERY_MS);
    return Response.json({ result: result ?? null });
  }

  async alarm(): Promise<void> {
    await this.core.purge(Date.now());
    if ((await this.state.storage.list({ prefix: '' })).size > 0) await this.state.storage.setAlarm(Date.now() + PURGE_EVERY_MS);
  }
}

function client(call: (op: Op, args: unknown[]) => Promise<unknown>): Ledger {
  return {
    claim: (key, fingerprint) => call('claim', [key, fingerprint]) as Promise<Claim>,
    settle: async (key, answer) => void (await call('settle', [key, answer])),
    release: async (key) => void (await call('release', [key])),
    own: async (kind, id) => void (await call('own', [kind, id])),
    owns: (kind, id) => call('owns', [kind, id]) as Promise<boolean>,
    tasksSince: (sinceMs) => call('tasksSince', [sinceMs]) as Promise<string[]>,
  };
}

/** The caller's ledger in the LEDGER Durable Object namespace. */
export function durableLedger(namespace: LedgerNamespace, caller: string, now: () => number): Ledger {
  const stub = namespace.get(namespace.idFromName(caller));
  return client(async (op, args) => {
    const response = await stub.fetch('https://ledger.internal/', { method: 'POST', body: JSON.stringify({ op, args, nowMs: now() }) });
    if (!response.ok) throw new Error(`ledger ${op}: HTTP ${response.status}`);
    return ((await response.json()) as { result: unknown }).result;
  });
}

/** Ledgers kept in memory, one per caller: tests, and hosts without Durable Objects. */
export function memoryLedgers(now: () => number, storageFor?: (caller: string) => LedgerStorage): (caller: string) => Ledger {
  const cores = new Map<string, LedgerCore>();
  return (caller) => {
    let core = cores.get(caller);
    if (!core) cores.set(caller, (core = new LedgerCore(storageFor?.(caller) ?? new MemoryLedgerStorage())));
    const c = core;
    return client((op, args) => apply(c, op, args, now()));
  };
}
