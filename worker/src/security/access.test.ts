// Catalogue §1: who may spend the key. Access codes, the loopback-only rule, bring-your-own-key to fixed hosts.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { resolveTarget, type TargetDeps } from '../http/target';
import { harness, json, SERVER_KEY, v1Refusal } from '../testing/harness';

const CODES = { ACCESS_CODES: ' alpha-code-1 , beta-code-2 ' };
const PUBLIC = 'https://studio.example.com';
const body = { model: 'MiniMax-Hailuo-2.3', prompt: 'A kite' };

afterEach(() => vi.restoreAllMocks());

describe('access codes on /api/v1/*', () => {
  it.each([
    ['no Authorization', {}],
    ['a wrong code', { Authorization: 'Bearer gamma-code-3' }],
    ['an empty Bearer', { Authorization: 'Bearer ' }],
    ['a code as Basic', { Authorization: 'Basic alpha-code-1' }],
    ['a prefix of a code', { Authorization: 'Bearer alpha-code-' }],
    ['a code with extra text', { Authorization: 'Bearer alpha-code-1x' }],
    ['a code in another case', { Authorization: 'Bearer ALPHA-CODE-1' }],
    ['the whole comma list', { Authorization: 'Bearer alpha-code-1,beta-code-2' }],
    ['the code as the MiniMax key header', { 'X-MiniMax-Key': 'alpha-code-1' }],
    ['a wrong code as x-api-key', { 'x-api-key': 'gamma-code-3' }],
    ['a wrong Bearer beside a right x-api-key', { Authorization: 'Bearer gamma-code-3', 'x-api-key': 'alpha-code-1' }],
  ])('answers 1004 for %s (HTTP 200 as MiniMax, 401 on the download link), calling nothing upstream', async (_name, headers) => {
    const h = harness({ env: CODES });
    for (const [path, init] of [
      ['/api/v1/video_generation', json(body, headers)],
      ['/api/v1/query/video_generation?task_id=1', { headers }],
      ['/api/v1/files/retrieve?file_id=1', { headers }],
      ['/api/v1/files/content?file_id=1', { headers }],
    ] as const) {
      const res = await h.request(path, init, {}, PUBLIC);
      expect(res.headers.get('www-authenticate')).toContain('Bearer');
      const refusal = await v1Refusal(res);
      expect(refusal.http, path).toBe(path.includes('/content') ? 401 : 200);
      expect(refusal.code).toBe(1004);
      expect(refusal.msg).toMatch(/^login fail: .*access code/);
      expect(refusal.error.code).toBe('unauthorized');
      expect(refusal.error.message).not.toContain('Settings');
    }
    expect(h.outbound).toHaveLength(0);
  });

  it('lets each configured code through, trimmed, on a public host, as Bearer or as x-api-key', async () => {
    const h = harness({ env: CODES });
    const presented: Record<string, string>[] = [{ Authorization: 'Bearer alpha-code-1' }, { Authorization: 'Bearer beta-code-2' }, { 'x-api-key': ' beta-code-2 ' }];
    for (const headers of presented) {
      const res = await h.request('/api/v1/video_generation', json({ model: 'MiniMax-Hailuo-2.3', prompt: 'A kite' }, headers), {}, PUBLIC);
      expect(((await res.json()) as { base_resp: { status_code: number } }).base_resp.status_code).toBe(0);
    }
    expect(h.outbound).toHaveLength(3);
    // the code is ours: MiniMax only ever sees the server key
    for (const o of h.outbound) expect(o.headers.get('authorization')).toBe(`Bearer ${SERVER_KEY}`);
  });

  it('reads the code after "Bearer " wherever the spaces fall, but only when the header starts with Bearer', async () => {
    const h = harness({ env: CODES });
    const answer = async (headers: Record<string, string>) => {
      const res = await h.request('/api/v1/query/video_generation?task_id=1', { headers }, {}, PUBLIC);
      return ((await res.json()) as { error?: { code: string } }).error?.code ?? 'answered';
    };
    expect(await answer({ Authorization: 'Bearer   alpha-code-1' })).not.toBe('unauthorized');
    expect(await answer({ Authorization: 'xBearer alpha-code-1' })).toBe('unauthorized');
    expect(await answer({ Authorization: 'Token Bearer alpha-code-1' })).toBe('unauthorized');
  });

  it('asks for a code when none is presented, even if a configured code is the word "undefined"', async () => {
    const h = harness({ env: { ACCESS_CODES: 'undefined' } });
    const res = await h.request('/api/v1/video_generation', json(body), {}, PUBLIC);
    const refusal = await v1Refusal(res);
    expect([refusal.error.code, refusal.error.field]).toEqual(['unauthorized', 'access_code']);
    expect(h.outbound).toHaveLength(0);
  });

  it('compares against every code over SHA-256 hashes, with no early exit on the first match', async () => {
    const h = harness({ env: { ACCESS_CODES: 'c1-aaaaaaaa,c2-bbbbbbbb,c3-cccccccc,c4-dddddddd' } });
    const digest = vi.spyOn(crypto.subtle, 'digest');
    const counts: number[] = [];
    for (const code of ['c1-aaaaaaaa', 'c4-dddddddd', 'nope-nope']) {
      digest.mockClear();
      await h.request('/api/health'); // warm-up noise excluded below
      digest.mockClear();
      await h.request('/api/v1/query/video_generation?task_id=1', { headers: { Authorization: `Bearer ${code}` } }, {}, PUBLIC);
      counts.push(digest.mock.calls.filter(([alg]) => alg === 'SHA-256').length);
    }
    // the presented code + all four codes, whichever matched (the rate limiter hashes nothing on a query)
    expect(counts).toEqual([5, 5, 5]);
  });

  it('keeps /api/health open without a code (it says nothing secret)', async () => {
    const h = harness({ env: CODES });
    const res = await h.request('/api/health', {}, {}, PUBLIC);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ok', mode: 'live' });
  });
});

describe('a server key with no access codes answers only its own machine', () => {
  it.each([
    ['a public host', PUBLIC, {}],
    ['a public host with a spoofed X-Forwarded-For: 127.0.0.1', PUBLIC, { 'X-Forwarded-For': '127.0.0.1' }],
    ['a public host with X-Real-IP: 127.0.0.1', PUBLIC, { 'X-Real-IP': '127.0.0.1' }],
    ['a rebinding host name (evil.example resolving to 127.0.0.1)', 'http://evil.example:8787', {}],
    ['a loopback URL but a remote client address', 'http://localhost:8787', { 'CF-Connecting-IP': '203.0.113.9' }],
    ['a host that only starts like localhost', 'http://localhost.evil.example', {}],
  ])('refuses %s with 403, calling nothing', async (_name, origin, headers) => {
    const h = harness();
    const res = await h.request('/api/v1/video_generation', json(body, headers), {}, origin);
    expect(res.status).toBe(403);
    const { error } = (await res.json()) as { error: { code: string; message: string } };
    expect([error.code, error.message]).toEqual(['forbidden', expect.stringContaining('Set ACCESS_CODES')]);
    expect(h.outbound).toHaveLength(0);
  });

  it.each(['http://localhost:8787', 'http://127.0.0.1:8787', 'http://[::1]:8787'])('serves loopback %s', async (origin) => {
    const h = harness();
    const res = await h.request('/api/v1/video_generation', json(body), {}, origin);
    expect(res.status).toBe(200);
  });

  it('still serves a public caller who brings their own key (it spends only theirs)', async () => {
    const h = harness();
    const res = await h.request('/api/v1/video_generation', json(body, { 'X-MiniMax-Key': 'sk-user-own-key-98765' }), {}, PUBLIC);
    expect(res.status).toBe(200);
    expect(h.outbound[0].headers.get('authorization')).toBe('Bearer sk-user-own-key-98765');
  });
});

describe('bring your own key', () => {
  const own = { 'X-MiniMax-Key': 'sk-user-own-key-98765' };

  it.each([
    ['global', 'https://api.minimax.io'],
    ['cn', 'https://api.minimaxi.com'],
    [null, 'https://api.minimax.io'],
  ])('sends region %j to its fixed host, whatever MINIMAX_API_BASE says', async (region, host) => {
    const h = harness({ env: { MINIMAX_API_BASE: 'http://127.0.0.1:9' } });
    const headers = region === null ? own : { ...own, 'X-MiniMax-Region': region };
    await h.request('/api/v1/query/video_generation?task_id=1', { headers });
    expect(h.outbound[0].url.origin).toBe(host);
    expect(h.outbound[0].headers.get('authorization')).toBe('Bearer sk-user-own-key-98765');
  });

  it.each(['https://evil.example', 'GLOBAL', 'eu', '', 'api.minimax.io@evil.example', 'cn,global'])(
    'refuses region %j with 2013, calling nothing (never a host from the client)',
    async (region) => {
      const h = harness();
      const res = await h.request('/api/v1/query/video_generation?task_id=1', { headers: { ...own, 'X-MiniMax-Region': region } });
      const refusal = await v1Refusal(res);
      expect([refusal.http, refusal.code]).toEqual([200, 2013]);
      expect(refusal.error.field).toBe('x-minimax-region');
      expect(h.outbound).toHaveLength(0);
    },
  );

  it.each(['sk short', 'sk-with\ttab-inside', 'sk-ünïcödé-key', 'short', 'x'.repeat(513)])('refuses key %j with 2013, calling nothing', async (key) => {
    const h = harness();
    const res = await h.request('/api/v1/query/video_generation?task_id=1', { headers: { 'X-MiniMax-Key': key } });
    expect((await v1Refusal(res)).code).toBe(2013);
    expect(h.outbound).toHaveLength(0);
  });

  it.each([
    ['a key with CR/LF', { 'x-minimax-key': 'sk-abcdefgh\r\nX-Evil: 1' }],
    ['a region with CR/LF', { 'x-minimax-key': 'sk-abcdefgh', 'x-minimax-region': 'global\r\nHost: evil.example' }],
  ])('refuses %s before it can reach a header (request splitting)', (_name, values) => {
    // A real Request cannot even carry CR/LF; a runtime that let one through still meets this check.
    const request = { url: 'http://localhost/api/v1/query/video_generation', headers: new Map(Object.entries(values)) } as unknown as Request;
    const deps = { fetch: () => Promise.reject(new Error('no')), demo: () => ({}), timeouts: { timeoutMs: 1, createTimeoutMs: 1 } } as unknown as TargetDeps;
    expect(() => resolveTarget({ MINIMAX_API_KEY: SERVER_KEY }, request, deps)).toThrow(/valid key|region/);
  });

  it('still needs the access code where codes are set', async () => {
    const h = harness({ env: CODES });
    const res = await h.request('/api/v1/query/video_generation?task_id=1', { headers: own }, {}, PUBLIC);
    expect((await v1Refusal(res)).error.code).toBe('unauthorized');
    expect(h.outbound).toHaveLength(0);
  });

  it('asks a public caller for a key when the studio has none, calling nothing', async () => {
    const h = harness({ env: { MINIMAX_API_KEY: undefined } });
    const res = await h.request('/api/v1/video_generation', json(body), {}, PUBLIC);
    const refusal = await v1Refusal(res);
    expect([refusal.code, refusal.error.code]).toEqual([1004, 'no_key']);
    expect(refusal.error.message).toContain('X-MiniMax-Key');
    expect(h.outbound).toHaveLength(0);
  });
});
