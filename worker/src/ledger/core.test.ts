import { describe, expect, it } from 'vitest';
import { ANSWER_TTL_MS, LedgerCore, MemoryLedgerStorage, OWNERSHIP_TTL_MS, PENDING_TTL_MS } from './core';

const answer = { status: 200, body: '{"task_id":"1"}' };

function ledger() {
  const storage = new MemoryLedgerStorage();
  return { core: new LedgerCore(storage), storage };
}

describe('idempotency keys', () => {
  it('claims a fresh key once; a repeat while in flight is busy, after settling it replays the answer', async () => {
    const { core } = ledger();
    expect(await core.claim('k', 'fp', 0)).toEqual({ state: 'new' });
    expect(await core.claim('k', 'fp', 10)).toEqual({ state: 'busy' });
    await core.settle('k', answer, 20);
    expect(await core.claim('k', 'fp', 30)).toEqual({ state: 'replay', answer });
  });

  it('refuses the same key with another fingerprint, in flight or settled', async () => {
    const { core } = ledger();
    await core.claim('k', 'fp', 0);
    expect(await core.claim('k', 'other', 1)).toEqual({ state: 'mismatch' });
    await core.settle('k', answer, 2);
    expect(await core.claim('k', 'other', 3)).toEqual({ state: 'mismatch' });
  });

  it('grants exactly one of many concurrent claims of one key', async () => {
    const { core } = ledger();
    const claims = await Promise.all(Array.from({ length: 20 }, () => core.claim('k', 'fp', 0)));
    expect(claims.filter((c) => c.state === 'new')).toHaveLength(1);
    expect(claims.filter((c) => c.state === 'busy')).toHaveLength(19);
  });

  it('frees a released key for a fresh attempt, but never a settled one', async () => {
    const { core } = ledger();
    await core.claim('k', 'fp', 0);
    await core.release('k');
    expect(await core.claim('k', 'fp', 1)).toEqual({ state: 'new' });
    await core.settle('k', answer, 2);
    await core.release('k');
    expect(await core.claim('k', 'fp', 3)).toEqual({ state: 'replay', answer });
  });

  it(`keeps an answer ${ANSWER_TTL_MS / 3600_000} h, then the key is new again`, async () => {
    const { core } = ledger();
    await core.claim('k', 'fp', 0);
    await core.settle('k', answer, 0);
    expect((await core.claim('k', 'fp', ANSWER_TTL_MS - 1)).state).toBe('replay');
    expect((await core.claim('k', 'fp', ANSWER_TTL_MS)).state).toBe('new');
  });

  it('lets a claim whose request died stop blocking its key', async () => {
    const { core } = ledger();
    await core.claim('k', 'fp', 0);
    expect((await core.claim('k', 'fp', PENDING_TTL_MS - 1)).state).toBe('busy');
    expect((await core.claim('k', 'fp', PENDING_TTL_MS)).state).toBe('new');
  });

  it('ignores a settle for a key it never claimed (or that was purged)', async () => {
    const { core, storage } = ledger();
    await core.settle('ghost', answer, 0);
    expect(storage.map.size).toBe(0);
  });
});

describe('ownership', () => {
  it('knows the tasks and files it recorded, for its TTL only', async () => {
    const { core } = ledger();
    await core.own('task', '111', 0);
    await core.own('file', '222', 0);
    expect(await core.owns('task', '111', 1)).toBe(true);
    expect(await core.owns('file', '222', 1)).toBe(true);
    expect(await core.owns('task', '222', 1)).toBe(false);
    expect(await core.owns('file', '111', 1)).toBe(false);
    expect(await core.owns('task', '111', OWNERSHIP_TTL_MS)).toBe(false);
  });

  it('lists tasks made since a time, newest first', async () => {
    const { core } = ledger();
    await core.own('task', 'a', 100);
    await core.own('task', 'b', 300);
    await core.own('task', 'c', 200);
    await core.own('file', 'f', 400);
    expect(await core.tasksSince(150)).toEqual(['b', 'c']);
  });
});

describe('purge', () => {
  it('deletes expired keys and ownership and keeps the rest', async () => {
    const { core, storage } = ledger();
    await core.claim('old', 'fp', 0);
    await core.settle('old', answer, 0);
    await core.claim('stuck', 'fp', 0);
    await core.own('task', 'gone', 0);
    const now = OWNERSHIP_TTL_MS;
    await core.claim('fresh', 'fp', now);
    await core.own('task', 'kept', now);
    expect(await core.purge(now)).toBe(3);
    expect([...storage.map.keys()].sort()).toEqual(['key:fresh', 'task:kept']);
  });
});

describe('on real clock times', () => {
  const T0 = Date.UTC(2026, 10, 30, 12);
  const HOUR = 3600_000;

  it('replays an answer for 25 hours (more than a day), and forgets it after', async () => {
    const { core } = ledger();
    await core.claim('k', 'fp', T0);
    await core.settle('k', answer, T0);
    expect((await core.claim('k', 'fp', T0 + 25 * HOUR - 1)).state).toBe('replay');
    expect((await core.claim('k', 'fp', T0 + 25 * HOUR)).state).toBe('new');
  });

  it('holds a claim that never settled for 2 minutes', async () => {
    const { core } = ledger();
    await core.claim('k', 'fp', T0);
    expect((await core.claim('k', 'fp', T0 + 2 * 60_000 - 1)).state).toBe('busy');
    expect((await core.claim('k', 'fp', T0 + 2 * 60_000)).state).toBe('new');
  });

  it('owns a task for 90 days from when it was made', async () => {
    const { core } = ledger();
    await core.own('task', '111', T0);
    expect(await core.owns('task', '111', T0 + 90 * 24 * HOUR - 1)).toBe(true);
    expect(await core.owns('task', '111', T0 + 90 * 24 * HOUR)).toBe(false);
  });

  it('lists tasks made since a time (that one included), newest first whatever their ids', async () => {
    const { core } = ledger();
    await core.own('task', '3', T0 + 100);
    await core.own('task', '1', T0 + 300);
    await core.own('task', '2', T0 + 200);
    await core.own('task', '4', T0 + 149);
    expect(await core.tasksSince(T0 + 200)).toEqual(['1', '2']);
    expect(await core.tasksSince(T0 + 150)).toEqual(['1', '2']);
    expect(await core.tasksSince(T0)).toEqual(['1', '2', '4', '3']);
  });

  it('purges what expired to the millisecond, and nothing outside its own entries', async () => {
    const { core, storage } = ledger();
    await core.claim('answered', 'fp', T0);
    await core.settle('answered', answer, T0);
    await core.own('file', 'f', T0);
    storage.map.set('other:x', 0);
    expect(await core.purge(T0 + 25 * HOUR - 1)).toBe(0);
    expect(await core.purge(T0 + 25 * HOUR)).toBe(1);
    expect(await core.purge(T0 + 90 * 24 * HOUR)).toBe(1);
    expect([...storage.map.keys()]).toEqual(['other:x']);
  });
});
