import { describe, expect, it } from 'vitest';
import { harness, json } from '../testing/harness';

const body = { model: 'MiniMax-Hailuo-2.3', prompt: 'A red kite over the sea' };

interface ErrorAnswer {
  error: { code: string; message: string; field?: string; request_id?: string };
  base_resp?: { status_code: number; status_msg: string };
}

describe('MiniMax base_resp errors in an HTTP 200 are relayed as they came, at HTTP 200', () => {
  it.each([
    [1002, 'rate_limited', true],
    [1039, 'rate_limited', true],
    [2045, 'rate_limited', true],
    [1008, 'insufficient_balance', false],
    [1026, 'sensitive_input', false],
    [1027, 'sensitive_output', false],
    [2013, 'invalid_params', false],
    [1004, 'key_rejected', false],
    [2049, 'key_rejected', false],
    [1000, 'upstream_error', false],
    [1001, 'upstream_timeout', false],
    [2056, 'quota_exhausted', true],
    [9999, 'upstream_error', false],
  ])('relays %i as %s beside MiniMax’s base_resp', async (code, errorCode, retryAfter) => {
    const h = harness();
    h.sim.failNext('create', { kind: 'code', code, msg: `MiniMax's reason ${code}` });
    const res = await h.request('/api/v1/video_generation', json(body));
    expect(res.status).toBe(200);
    expect(res.headers.get('trace-id')).toBe(res.headers.get('x-request-id'));
    expect(res.headers.get('content-type')).toContain('application/json');
    expect(res.headers.has('retry-after')).toBe(retryAfter);
    const answer = (await res.json()) as ErrorAnswer;
    expect(answer.error.code).toBe(errorCode);
    expect(answer.error.message.length).toBeGreaterThan(20);
    expect(answer.error.request_id).toBe(res.headers.get('x-request-id'));
    expect(answer.base_resp?.status_code).toBe(code);
    expect(answer.base_resp?.status_msg).toBe(`MiniMax's reason ${code}`);
  });

  it('tells the user that key and region must match on 2049', async () => {
    const h = harness();
    h.sim.failNext('query', { kind: 'code', code: 2049 });
    const res = await h.request('/api/v1/query/video_generation?task_id=123');
    const answer = (await res.json()) as ErrorAnswer;
    expect(answer.error.message).toMatch(/api\.minimax\.io.*api\.minimaxi\.com/);
  });

  it('maps a real key mismatch from the simulator (wrong key) to key_rejected', async () => {
    const h = harness({ env: { MINIMAX_API_KEY: 'sk-not-a-known-key' } });
    const res = await h.request('/api/v1/video_generation', json(body));
    expect(res.status).toBe(200);
    const answer = (await res.json()) as ErrorAnswer;
    expect(answer.error.code).toBe('key_rejected');
    expect(answer.base_resp?.status_code).toBe(2049);
  });
});

describe('MiniMax answers that cannot be read', () => {
  it('answers 504 when MiniMax hangs past the timeout', async () => {
    const h = harness({ timeoutMs: 200 });
    h.sim.failNext('query', { kind: 'hang' });
    const res = await h.request('/api/v1/query/video_generation?task_id=123');
    expect(res.status).toBe(504);
    const { error } = (await res.json()) as ErrorAnswer & { error: { message: string } };
    expect(error.code).toBe('upstream_timeout');
    expect(error.message).toContain('within 0.2 s');
    expect((h.outbound[0].signal.reason as Error).name).toBe('TimeoutError');
    h.sim.reset();
  });

  it.each([
    ['an HTML error page', { kind: 'html' as const }, 502, 'upstream_unreadable'],
    ['broken JSON', { kind: 'broken_json' as const }, 502, 'upstream_unreadable'],
    ['an empty body', { kind: 'empty' as const }, 502, 'upstream_unreadable'],
    ['HTTP 500', { kind: 'http' as const, status: 500 }, 502, 'upstream_unreadable'],
    ['HTTP 429', { kind: 'http' as const, status: 429 }, 429, 'rate_limited'],
  ])('answers %s with a clear JSON error', async (_name, fault, status, code) => {
    const h = harness();
    h.sim.failNext('create', fault);
    const res = await h.request('/api/v1/video_generation', json(body));
    expect(res.status).toBe(status);
    const answer = (await res.json()) as ErrorAnswer;
    expect(answer.error.code).toBe(code);
    expect(answer.error.message).not.toMatch(/<html|nginx/i);
  });

  it('answers 502 when MiniMax cannot be reached at all', async () => {
    const h = harness({
      fetch: async () => {
        throw new TypeError('fetch failed');
      },
    });
    const res = await h.request('/api/v1/query/video_generation?task_id=1');
    expect(res.status).toBe(502);
    expect(((await res.json()) as ErrorAnswer).error.code).toBe('upstream_error');
  });
});

describe('MiniMax HTTP errors without a base_resp', () => {
  it.each([401, 403])('reads HTTP %i as the key refused (key_rejected, MiniMax code 1004)', async (status) => {
    const h = harness({ fetch: async () => new Response(null, { status }) });
    const res = await h.request('/api/v1/query/video_generation?task_id=1');
    const answer = (await res.json()) as ErrorAnswer;
    expect(answer.error.code).toBe('key_rejected');
    expect(answer.base_resp?.status_code).toBe(1004);
  });

  it('passes MiniMax’s own Retry-After on with an HTTP 429', async () => {
    const h = harness({ fetch: async () => new Response(null, { status: 429, headers: { 'Retry-After': '17' } }) });
    const res = await h.request('/api/v1/query/video_generation?task_id=1');
    expect(res.status).toBe(429);
    expect(res.headers.get('retry-after')).toBe('17');
    expect(((await res.json()) as ErrorAnswer).error.code).toBe('rate_limited');
  });

  it('asks for a minute when an HTTP 429 says nothing about when', async () => {
    const h = harness({ fetch: async () => new Response(null, { status: 429 }) });
    const res = await h.request('/api/v1/query/video_generation?task_id=1');
    expect(res.headers.get('retry-after')).toBe('60');
  });
});

describe('deadlines', () => {
  it('gives a create its own deadline, longer than a query’s', async () => {
    const h = harness({ timeoutMs: 100, createTimeoutMs: 300 });
    h.sim.failNext('create', { kind: 'hang' });
    const res = await h.request('/api/v1/video_generation', json(body));
    expect(res.status).toBe(504);
    const { error } = (await res.json()) as ErrorAnswer;
    expect(error.code).toBe('upstream_timeout');
    expect(error.message).toContain('within 0.3 s');
    h.sim.reset();
  });
});
