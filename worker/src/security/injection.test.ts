// Catalogue §8: markup in a prompt is data, forwarded as-is and never answered as HTML; every error is JSON.
import { describe, expect, it } from 'vitest';
import { harness, json } from '../testing/harness';
import { API_CSP } from './headers';

const PAYLOADS = ['<img src=x onerror=alert(1)>', 'javascript:alert(document.cookie)', '"><script>alert(1)</script>', '{{constructor.constructor("alert(1)")()}}'];

describe('markup in what a user sends', () => {
  it.each(PAYLOADS)('forwards prompt %j to MiniMax byte-exact and answers JSON', async (payload) => {
    const h = harness();
    const res = await h.request('/api/v1/video_generation', json({ model: 'MiniMax-Hailuo-2.3', prompt: `A cat ${payload}` }));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('application/json');
    expect((JSON.parse(h.outbound[0].body!) as { prompt: string }).prompt).toBe(`A cat ${payload}`);
    expect(await res.text()).not.toContain(payload);
  });

  it.each(PAYLOADS)('answers an invalid body carrying %j as JSON, nosniff and a deny-all CSP', async (payload) => {
    const h = harness();
    const res = await h.request('/api/v1/video_generation', json({ model: payload, prompt: payload, [payload]: 1 }));
    expect(res.status).toBe(200); // MiniMax's way: HTTP 200, the refusal in base_resp
    expect(res.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('content-security-policy')).toBe(API_CSP);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('invalid_request');
    expect(h.outbound).toHaveLength(0);
  });

  it('names a dropped field with markup only percent-encoded in X-Dropped-Fields', async () => {
    const h = harness();
    const res = await h.request('/api/v1/video_generation', json({ model: 'MiniMax-Hailuo-2.3', prompt: 'x', [PAYLOADS[0]]: 1 }));
    expect(res.headers.get('x-dropped-fields')).toBe(encodeURIComponent(PAYLOADS[0]));
    expect(JSON.parse(h.outbound[0].body!)).toEqual({ model: 'MiniMax-Hailuo-2.3', prompt: 'x' });
  });

  it('keeps a path with markup out of any HTML answer', async () => {
    const h = harness();
    const res = await h.request('/api/<img src=x onerror=alert(1)>');
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toContain('application/json');
    expect(await res.text()).not.toContain('<img');
  });

  it('relays MiniMax’s own text only inside JSON', async () => {
    const h = harness({
      fetch: async () => Response.json({ base_resp: { status_code: 1026, status_msg: '<script>alert(1)</script>' } }),
    });
    const res = await h.request('/api/v1/video_generation', json({ model: 'MiniMax-Hailuo-2.3', prompt: 'x' }));
    expect(((await res.clone().json()) as { base_resp: { status_code: number } }).base_resp.status_code).toBe(1026);
    expect(res.headers.get('content-type')).toContain('application/json');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('content-security-policy')).toContain("default-src 'none'");
  });
});
