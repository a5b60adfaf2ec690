// Catalogue §3: creates limited per access code / own key / client IP (429 + Retry-After); body size capped (413).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { MAX_BODY_BYTES } from '../http/body';
import { harness, json } from '../testing/harness';
import { ATTEMPT_LIMIT, CREATE_LIMIT, MemoryRateLimiter, sha256Hex, type RateLimiter } from './ratelimit';

const body = { model: 'MiniMax-Hailuo-2.3', prompt: 'A lantern' };
const PUBLIC = 'https://studio.example.com';
const creates = (h: ReturnType<typeof harness>) => h.outbound.filter((o) => o.url.pathname === '/v1/video_generation').length;

/** MiniMax's answer code: 0 made, 1002 rate limited, 2013 refused (all at HTTP 200, as MiniMax answers). */
async function outcome(res: Response | Promise<Response>): Promise<number> {
  const answer = await res;
  expect(answer.status).toBe(200);
  return ((await answer.clone().json()) as { base_resp: { status_code: number } }).base_resp.status_code;
}

async function createMany(h: ReturnType<typeof harness>, n: number, headers: Record<string, string> = {}, origin?: string): Promise<number[]> {
  const codes: number[] = [];
  for (let i = 0; i < n; i++) codes.push(await outcome(h.request('/api/v1/video_generation', json(body, headers), {}, origin)));
  return codes;
}

describe('the create limit', () => {
  it(`answers the create past ${CREATE_LIMIT.limit} a minute with 1002, Retry-After and no upstream call`, async () => {
    const h = harness();
    const statuses = await createMany(h, CREATE_LIMIT.limit + 1);
    expect(statuses.slice(0, CREATE_LIMIT.limit).every((s) => s === 0)).toBe(true);
    const res = await h.request('/api/v1/video_generation', json(body));
    expect(await outcome(res)).toBe(1002);
    expect(res.headers.get('retry-after')).toBe(String(CREATE_LIMIT.periodSeconds));
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('rate_limited');
    expect(creates(h)).toBe(CREATE_LIMIT.limit);
  });

  it('opens again once the window has passed', async () => {
    const h = harness();
    await createMany(h, CREATE_LIMIT.limit + 1);
    h.clock.now += CREATE_LIMIT.periodSeconds * 1000;
    expect(await outcome(h.request('/api/v1/video_generation', json(body)))).toBe(0);
  });

  it('counts per access code: one code at its limit leaves another untouched', async () => {
    const h = harness({ env: { ACCESS_CODES: 'code-aaaa,code-bbbb' } });
    const a = await createMany(h, CREATE_LIMIT.limit + 1, { Authorization: 'Bearer code-aaaa' }, PUBLIC);
    expect(a.at(-1)).toBe(1002);
    const b = await createMany(h, 1, { Authorization: 'Bearer code-bbbb' }, PUBLIC);
    expect(b).toEqual([0]);
  });

  it('keys the binding by a hash of the access code, never the code itself', async () => {
    const keys: string[] = [];
    const binding = { limit: async ({ key }: { key: string }) => (keys.push(key), { success: true }) };
    const h = harness({ env: { ACCESS_CODES: 'code-aaaa', CREATE_LIMITER: binding } });
    await createMany(h, 1, { Authorization: 'Bearer code-aaaa' }, PUBLIC);
    expect(keys).toEqual([`code:${await sha256Hex('code-aaaa')}`]);
  });

  it('keys a bring-your-own-key caller by a hash of that key', async () => {
    const keys: string[] = [];
    const binding = { limit: async ({ key }: { key: string }) => (keys.push(key), { success: true }) };
    const h = harness({ env: { CREATE_LIMITER: binding } });
    await createMany(h, 1, { 'X-MiniMax-Key': 'sk-user-own-key-98765' }, PUBLIC);
    expect(keys).toEqual([`byok:${await sha256Hex('sk-user-own-key-98765')}`]);
    expect(keys[0]).not.toContain('sk-user');
  });

  it('uses the CREATE_LIMITER binding when deployed, and its refusal is a 1002 with no upstream call', async () => {
    const fallback: RateLimiter = { limit: async () => ({ success: true }) };
    const h = harness({ env: { CREATE_LIMITER: { limit: async () => ({ success: false }) } }, limiter: fallback });
    const res = await h.request('/api/v1/video_generation', json(body));
    expect(await outcome(res)).toBe(1002);
    expect(res.headers.get('retry-after')).toBe('60');
    expect(h.outbound).toHaveLength(0);
  });

  it('counts a client by CF-Connecting-IP; a spoofed X-Forwarded-For buys no fresh budget', async () => {
    const h = harness();
    const statuses: number[] = [];
    for (let i = 0; i <= CREATE_LIMIT.limit; i++) {
      const headers = { 'CF-Connecting-IP': '127.0.0.1', 'X-Forwarded-For': `198.51.100.${i}` };
      statuses.push(await outcome(h.request('/api/v1/video_generation', json(body, headers))));
    }
    expect(statuses.at(-1)).toBe(1002);
    expect(creates(h)).toBe(CREATE_LIMIT.limit);
  });

  it('counts only creates that reach MiniMax: refused bodies leave the budget whole', async () => {
    const h = harness();
    for (let i = 0; i < CREATE_LIMIT.limit * 2; i++) {
      expect(await outcome(h.request('/api/v1/video_generation', json({ ...body, duration: 7 })))).toBe(2013);
    }
    expect(await createMany(h, CREATE_LIMIT.limit)).toEqual(Array(CREATE_LIMIT.limit).fill(0));
    expect(creates(h)).toBe(CREATE_LIMIT.limit);
  });

  it(`bounds a flood of refused creates at ${ATTEMPT_LIMIT.limit} attempts a minute, before any body is read`, async () => {
    const h = harness();
    const refused: number[] = [];
    for (let i = 0; i < ATTEMPT_LIMIT.limit; i++) refused.push(await outcome(h.request('/api/v1/video_generation', json({ ...body, duration: 7 }))));
    expect(new Set(refused)).toEqual(new Set([2013]));
    let pulled = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulled++;
        controller.enqueue(new TextEncoder().encode(JSON.stringify(body)));
        controller.close();
      },
    }, { highWaterMark: 0 });
    const res = await h.request('/api/v1/video_generation', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: stream, duplex: 'half' } as RequestInit);
    expect(await outcome(res)).toBe(1002);
    expect(res.headers.get('retry-after')).toBe(String(ATTEMPT_LIMIT.periodSeconds));
    expect(pulled).toBe(0);
    expect(h.outbound).toHaveLength(0);
    h.clock.now += ATTEMPT_LIMIT.periodSeconds * 1000;
    expect(await outcome(h.request('/api/v1/video_generation', json(body)))).toBe(0);
  });

  it('uses the ATTEMPT_LIMITER binding when deployed', async () => {
    const h = harness({ env: { ATTEMPT_LIMITER: { limit: async () => ({ success: false }) } } });
    const res = await h.request('/api/v1/video_generation', json(body));
    expect(await outcome(res)).toBe(1002);
    expect(h.outbound).toHaveLength(0);
  });

  it('leaves queries and demo mode alone (they spend nothing)', async () => {
    const h = harness();
    for (let i = 0; i < CREATE_LIMIT.limit * 2; i++) expect(await outcome(h.request('/api/v1/query/video_generation?task_id=1'))).not.toBe(1002);
    const demo = harness({ env: { MINIMAX_API_KEY: undefined } });
    expect((await createMany(demo, CREATE_LIMIT.limit + 2)).every((s) => s === 0)).toBe(true);
  });

  it.each([
    ['CREATE_LIMITER', CREATE_LIMIT],
    ['ATTEMPT_LIMITER', ATTEMPT_LIMIT],
  ] as const)('is declared in wrangler.toml as the [[ratelimits]] binding %s with the same limit and period', (name, limit) => {
    const toml = readFileSync(new URL('../../../wrangler.toml', import.meta.url), 'utf8');
    const block = toml.split('[[ratelimits]]').find((b) => new RegExp(`name\\s*=\\s*"${name}"`).test(b)) ?? '';
    expect(block).toMatch(/namespace_id\s*=\s*"\d+"/);
    expect(block).toMatch(new RegExp(`simple\\s*=\\s*\\{\\s*limit\\s*=\\s*${limit.limit}\\s*,\\s*period\\s*=\\s*${limit.periodSeconds}\\s*\\}`));
  });
});

describe('the in-memory limiter', () => {
  it('stays bounded under a flood of fresh keys', async () => {
    let now = 0;
    const limiter = new MemoryRateLimiter(2, 60_000, () => now, 100);
    for (let i = 0; i < 1000; i++) await limiter.limit({ key: `k${i}` });
    expect((limiter as unknown as { windows: Map<string, unknown> }).windows.size).toBeLessThanOrEqual(100);
    now += 1;
    expect((await limiter.limit({ key: 'k999' })).success).toBe(true);
    expect((await limiter.limit({ key: 'k999' })).success).toBe(false);
  });
});

describe('the body-size limit (413 before parsing)', () => {
  it('refuses a declared Content-Length over the limit without reading a byte', async () => {
    let pulled = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulled++;
        controller.enqueue(new Uint8Array(1024));
      },
    }, { highWaterMark: 0 });
    const h = harness();
    const res = await h.request('/api/v1/video_generation', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'Content-Length': String(MAX_BODY_BYTES + 1) },
      body: stream,
      duplex: 'half',
    } as RequestInit);
    expect(res.status).toBe(413);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('payload_too_large');
    expect(pulled).toBe(0);
    expect(h.outbound).toHaveLength(0);
  });

  it('refuses a chunked body with no Content-Length once it passes the limit, and stops reading', async () => {
    const chunk = new Uint8Array(1024 * 1024).fill(0x20);
    let sent = 0;
    let cancelled = false;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        sent += chunk.length;
        controller.enqueue(chunk);
        if (sent > MAX_BODY_BYTES * 3) controller.close();
      },
      cancel() {
        cancelled = true;
      },
    });
    const h = harness();
    const request = new Request('http://localhost/api/v1/video_generation', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: stream, duplex: 'half' } as RequestInit);
    expect(request.headers.has('content-length')).toBe(false);
    const res = await h.request('/api/v1/video_generation', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: request.body, duplex: 'half' } as RequestInit);
    expect(res.status).toBe(413);
    expect(cancelled).toBe(true);
    expect(sent).toBeLessThan(MAX_BODY_BYTES + 3 * chunk.length);
    expect(h.outbound).toHaveLength(0);
  });

  it('accepts a body just under the limit (a large data-URL image is legitimate)', async () => {
    const h = harness();
    const pad = 'A'.repeat(MAX_BODY_BYTES - 200);
    const res = await h.request('/api/v1/video_generation', json({ ...body, prompt: pad }));
    expect(await outcome(res)).toBe(2013); // parsed, then refused by validation (prompt too long), not by size
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('invalid_request');
  }, 30_000);
});
