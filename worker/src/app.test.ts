import { describe, expect, it } from 'vitest';
import { harness, json } from './testing/harness';

describe('the worker around its routes', () => {
  it('reports its mode on /api/health: live with a key, demo on loopback without, byok in public without', async () => {
    const h = harness();
    const live = await h.request('/api/health');
    expect(await live.json()).toEqual({ status: 'ok', mode: 'live' });
    const demo = await h.request('/api/health', {}, { MINIMAX_API_KEY: undefined });
    expect(await demo.json()).toEqual({ status: 'ok', mode: 'demo' });
    const byok = await h.request('/api/health', {}, { MINIMAX_API_KEY: undefined }, 'https://studio.example.com');
    expect(await byok.json()).toEqual({ status: 'ok', mode: 'byok' });
  });

  it('answers unknown /api paths with JSON 404 and wrong methods with 405, calling nothing', async () => {
    const h = harness();
    for (const path of ['/api/v1/files/list', '/api/v2/files/list', '/api', '/api/v1/video_generation/extra', '/api/v2/video_generation/1/extra']) {
      const res = await h.request(path);
      expect(res.status, path).toBe(404);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe('not_found');
    }
    const wrong = await h.request('/api/v1/video_generation');
    expect(wrong.status).toBe(405);
    const post = await h.request('/api/v1/query/video_generation?task_id=1', json({}));
    expect(post.status).toBe(405);
    for (const [path, method] of [['/api/v2/video_generation', 'GET'], ['/api/v2/query/video_generation/1', 'DELETE'], ['/api/v2/video_generation/1/content', 'POST']]) {
      const res = await h.request(path, { method });
      expect(res.status, `${method} ${path}`).toBe(405);
      // v2 paths answer in MiniMax's v2 envelope
      expect(await res.json()).toMatchObject({ type: 'error', error: { type: 'bad_request_error', http_code: '405', code: 'method_not_allowed' } });
    }
    expect(h.outbound).toHaveLength(0);
  });

  it('runs demo mode on the simulator with no key configured', async () => {
    const h = harness({ env: { MINIMAX_API_KEY: undefined } });
    const res = await h.request('/api/v1/video_generation', json({ model: 'MiniMax-Hailuo-2.3', prompt: 'A paper boat' }));
    expect(res.status).toBe(200);
    expect(h.outbound[0].url.hostname).toBe('api.demo.invalid');
  });

  it('asks for a key in public without a server key, calling nothing', async () => {
    const h = harness({ env: { MINIMAX_API_KEY: undefined } });
    const res = await h.request('/api/v1/query/video_generation?task_id=1', {}, {}, 'https://studio.example.com');
    const answer = (await res.json()) as { error: { code: string }; base_resp: { status_code: number } };
    expect([res.status, answer.error.code, answer.base_resp.status_code]).toEqual([200, 'no_key', 1004]);
    expect(h.outbound).toHaveLength(0);
  });

  it('honours MINIMAX_API_BASE for China keys', async () => {
    const h = harness({ env: { MINIMAX_API_BASE: 'https://api.minimaxi.com/' } });
    await h.request('/api/v1/query/video_generation?task_id=1');
    expect(h.outbound[0].url.origin).toBe('https://api.minimaxi.com');
  });

  it('sends a bring-your-own key to the fixed host of its region, never the server key', async () => {
    const h = harness();
    const headers = { 'X-MiniMax-Key': 'sk-user-own-key-98765', 'X-MiniMax-Region': 'cn' };
    const res = await h.request('/api/v1/video_generation', json({ model: 'MiniMax-Hailuo-2.3', prompt: 'x' }, headers));
    expect(res.status).toBe(200);
    expect(h.outbound[0].url.origin).toBe('https://api.minimaxi.com');
    expect(h.outbound[0].headers.get('authorization')).toBe('Bearer sk-user-own-key-98765');
    const bad = await h.request('/api/v1/query/video_generation?task_id=1', { headers: { ...headers, 'X-MiniMax-Region': 'https://evil.com' } });
    expect(((await bad.json()) as { base_resp: { status_code: number } }).base_resp.status_code).toBe(2013);
    expect(h.outbound).toHaveLength(1);
  });
});
