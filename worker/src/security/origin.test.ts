// Catalogue §2: same-origin by default, ALLOWED_ORIGINS for an SPA elsewhere, cross-site refused bar the sealed link.
import { describe, expect, it } from 'vitest';
import { harness, json, SAMPLE_VIDEO } from '../testing/harness';
import { allowedOrigins, CORS_ALLOW_HEADERS, CORS_EXPOSE_HEADERS } from './origin';

const SELF = 'http://localhost:8787';
const SPA = 'https://spa.example.com';
const body = { model: 'MiniMax-Hailuo-2.3', prompt: 'A boat' };

/** The origin guard's own refusal (not a later 403 from a route). */
async function originRefusal(res: Response): Promise<boolean> {
  const text = await res.clone().text();
  if (res.status !== 403 || !text) return res.status === 403;
  const body = JSON.parse(text) as { error?: { code: string; message: string } };
  return body.error?.code === 'forbidden' && body.error.message.includes('ALLOWED_ORIGINS');
}

async function sealedLink(h: ReturnType<typeof harness>): Promise<string> {
  const { fileId } = await h.finishedTask();
  const res = await h.request(`/api/v1/files/retrieve?file_id=${fileId}`, {}, {}, SELF);
  const url = new URL(((await res.json()) as { file: { download_url: string } }).file.download_url);
  return url.pathname + url.search;
}

describe('cross-site requests', () => {
  it.each([
    ['a foreign Origin', { Origin: 'https://evil.example' }],
    ['Origin: null (sandboxed frame, file://)', { Origin: 'null' }],
    ['the same host on another scheme', { Origin: 'https://localhost:8787' }],
    ['the same host on another port', { Origin: 'http://localhost:9999' }],
    ['Sec-Fetch-Site: cross-site without Origin (a form, an <img>, a link)', { 'Sec-Fetch-Site': 'cross-site' }],
    ['Sec-Fetch-Site: same-site (a sibling subdomain)', { 'Sec-Fetch-Site': 'same-site' }],
    ['a lookalike of an allowed origin', { Origin: 'https://spa.example.com.evil.example' }],
  ])('refuses %s with JSON 403 before any upstream call', async (_name, headers) => {
    const h = harness();
    for (const [path, init] of [
      ['/api/v1/video_generation', json(body, headers)],
      ['/api/v1/query/video_generation?task_id=1', { headers }],
      ['/api/v1/files/content?file_id=1', { headers }],
      ['/api/health', { headers }],
      ['/v1/video_generation', json(body, headers)],
      ['/v1/query/video_generation?task_id=1', { headers }],
      ['//api//v1/query/video_generation?task_id=1', { headers }],
      ['/v2/query/video_generation/1', { headers }],
    ] as const) {
      const res = await h.request(path, init, { ALLOWED_ORIGINS: SPA }, SELF);
      expect(res.status, path).toBe(403);
      expect(res.headers.get('content-type')).toContain('application/json');
      expect(await originRefusal(res), path).toBe(true);
      expect(res.headers.has('access-control-allow-origin')).toBe(false);
    }
    expect(h.outbound).toHaveLength(0);
  });

  it.each([
    ['no Origin at all (curl, a MiniMax SDK)', {}],
    ['its own Origin', { Origin: SELF }],
    ['Sec-Fetch-Site: same-origin', { 'Sec-Fetch-Site': 'same-origin', Origin: SELF }],
    ['Sec-Fetch-Site: none (a typed address)', { 'Sec-Fetch-Site': 'none' }],
  ])('answers %s', async (_name, headers) => {
    const h = harness();
    const res = await h.request('/api/v1/video_generation', json(body, headers), {}, SELF);
    expect(res.status).toBe(200);
    expect(res.headers.has('access-control-allow-origin')).toBe(false);
  });
});

describe('ALLOWED_ORIGINS (an SPA hosted elsewhere)', () => {
  it('answers an allowed origin with its CORS headers, no credentials mode, Vary: Origin', async () => {
    const h = harness();
    const res = await h.request('/api/v1/video_generation', json(body, { Origin: SPA, 'Sec-Fetch-Site': 'cross-site' }), { ALLOWED_ORIGINS: `https://other.example, ${SPA}` }, SELF);
    expect(res.status).toBe(200);
    expect(res.headers.get('access-control-allow-origin')).toBe(SPA);
    expect(res.headers.get('access-control-expose-headers')).toBe(CORS_EXPOSE_HEADERS);
    expect(res.headers.has('access-control-allow-credentials')).toBe(false);
    expect(res.headers.get('vary')).toContain('Origin');
  });

  it('exposes Retry-After and X-Request-Id on an allowed origin’s error answers too', async () => {
    const h = harness();
    h.sim.failNext('create', { kind: 'code', code: 1002 });
    const res = await h.request('/api/v1/video_generation', json(body, { Origin: SPA }), { ALLOWED_ORIGINS: SPA }, SELF);
    expect(((await res.clone().json()) as { base_resp: { status_code: number } }).base_resp.status_code).toBe(1002);
    expect(res.headers.get('access-control-expose-headers')).toContain('Trace-Id');
    expect(res.headers.get('access-control-allow-origin')).toBe(SPA);
    expect(res.headers.get('access-control-expose-headers')).toContain('Retry-After');
  });

  it('answers a preflight from an allowed origin with exactly the documented headers, calling nothing', async () => {
    const h = harness();
    const res = await h.request(
      '/api/v1/video_generation',
      { method: 'OPTIONS', headers: { Origin: SPA, 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'authorization,content-type' } },
      { ALLOWED_ORIGINS: SPA },
      SELF,
    );
    expect(res.status).toBe(204);
    expect(res.headers.get('access-control-allow-origin')).toBe(SPA);
    expect(res.headers.get('access-control-max-age')).toBe('600');
    expect(res.headers.get('vary')).toBe('Origin');
    expect(res.headers.get('access-control-allow-headers')).toBe('Authorization, X-API-Key, Content-Type, X-MiniMax-Key, X-MiniMax-Region, Range, Idempotency-Key');
    expect(CORS_ALLOW_HEADERS).toBe('Authorization, X-API-Key, Content-Type, X-MiniMax-Key, X-MiniMax-Region, Range, Idempotency-Key');
    expect(res.headers.get('access-control-allow-methods')).toContain('POST');
    expect(res.headers.has('access-control-allow-credentials')).toBe(false);
    expect(h.outbound).toHaveLength(0);
  });

  it.each([
    ['a foreign origin', 'https://evil.example', SPA],
    ['its own origin (same-origin never preflights)', SELF, ''],
    ['any origin when none are configured', SPA, ''],
  ])('refuses a preflight from %s, without CORS headers', async (_name, origin, allowed) => {
    const h = harness();
    const res = await h.request('/api/v1/video_generation', { method: 'OPTIONS', headers: { Origin: origin, 'Access-Control-Request-Method': 'POST' } }, { ALLOWED_ORIGINS: allowed }, SELF);
    expect(res.status).toBe(403);
    expect(res.headers.has('access-control-allow-origin')).toBe(false);
    expect(res.headers.has('access-control-allow-headers')).toBe(false);
  });

  it('reads only exact origins: wildcards, paths and userinfo widen nothing', () => {
    const env = { ALLOWED_ORIGINS: 'https://*.example.com, https://app.example.com/path, https://u:p@x.example.com, *, not a url, HTTPS://Good.Example.com/, javascript:alert(1)' };
    expect(allowedOrigins(env)).toEqual(['https://good.example.com']);
    const schemes = { ALLOWED_ORIGINS: 'ftp://files.example.com, ws://live.example.com, http://localhost:5173, file:///, https://spa.example.com' };
    expect(allowedOrigins(schemes)).toEqual(['http://localhost:5173', 'https://spa.example.com']);
  });
});

describe('the sealed content link', () => {
  it('plays cross-site with no Origin (<video src> on an allowed origin) and no headers at all', async () => {
    const withCode = harness({ env: { ACCESS_CODES: 'code-1234', ALLOWED_ORIGINS: SPA } });
    const created = await withCode.request('/api/v1/video_generation', json(body, { Authorization: 'Bearer code-1234' }), {}, SELF);
    const { task_id } = (await created.json()) as { task_id: string };
    withCode.clock.now += 10_000;
    const q = await withCode.request(`/api/v1/query/video_generation?task_id=${task_id}`, { headers: { Authorization: 'Bearer code-1234' } }, {}, SELF);
    const { file_id } = (await q.json()) as { file_id: string };
    const r = await withCode.request(`/api/v1/files/retrieve?file_id=${file_id}`, { headers: { Authorization: 'Bearer code-1234' } }, {}, SELF);
    const link = new URL(((await r.json()) as { file: { download_url: string } }).file.download_url);
    const res = await withCode.request(link.pathname + link.search, { headers: { 'Sec-Fetch-Site': 'cross-site', 'Sec-Fetch-Dest': 'video' } }, {}, SELF);
    expect(res.status).toBe(200);
    expect(new Uint8Array(await res.arrayBuffer())).toEqual(SAMPLE_VIDEO);
    // the video may be embedded by the allowed origin's <video>: CORP must not block it
    expect(res.headers.get('cross-origin-resource-policy')).toBe('cross-origin');
  });

  it('is refused to a foreign Origin (a crossorigin <video> on another site)', async () => {
    const h = harness();
    const link = await sealedLink(h);
    const res = await h.request(link, { headers: { Origin: 'https://evil.example', 'Sec-Fetch-Site': 'cross-site' } }, { ALLOWED_ORIGINS: SPA }, SELF);
    expect(res.status).toBe(403);
  });

  it('is the only cross-site exception: content without the token is refused', async () => {
    const h = harness();
    const { fileId } = await h.finishedTask();
    const before = h.outbound.length;
    const res = await h.request(`/api/v1/files/content?file_id=${fileId}`, { headers: { 'Sec-Fetch-Site': 'cross-site' } }, {}, SELF);
    expect(res.status).toBe(403);
    expect(h.outbound).toHaveLength(before);
  });
});

describe('which requests count as the sealed content link (cross-site, no Origin)', () => {
  const crossSite = { 'Sec-Fetch-Site': 'cross-site' };
  it.each([
    ['GET', '/api/v1/files/content?t=x'],
    ['HEAD', '/api/v1/files/content?t=x'],
    ['GET', '/api/v2/video_generation/7/content?t=x'],
    ['GET', '/api/v2/video_generation/123456789/content?t=x'],
    ['HEAD', '/api/v2/video_generation/42/content?t=x'],
  ])('lets %s %s through to the link check', async (method, path) => {
    const h = harness();
    const res = await h.request(path, { method, headers: crossSite }, {}, SELF);
    expect(await originRefusal(res), `${res.status}`).toBe(false);
  });

  it.each([
    ['POST', '/api/v1/files/content?t=x'],
    ['DELETE', '/api/v2/video_generation/7/content?t=x'],
    ['GET', '/api/v1/files/content'],
    ['GET', '/api/v1/files/content?file_id=1'],
    ['GET', '/api/v1/query/video_generation?task_id=1&t=x'],
    ['GET', '/api/v2/video_generation/abc/content?t=x'],
    ['GET', '/api/v2/video_generation/7/content/more?t=x'],
    ['GET', '/api/v2/video_generation/7/contents?t=x'],
    ['GET', '/api/v1/api/v2/video_generation/7/content?t=x'],
    ['GET', '/api/v2/video_generation//content?t=x'],
  ])('refuses %s %s as cross-site', async (method, path) => {
    const h = harness();
    const res = await h.request(path, { method, headers: crossSite }, {}, SELF);
    expect(await originRefusal(res), `${res.status}`).toBe(true);
    expect(h.outbound).toHaveLength(0);
  });
});

describe('POST bodies must be JSON (no cross-site "simple" form posts)', () => {
  it.each(['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/jsonx', 'text/json'])(
    'refuses a browser’s %s body (a form can send it across sites without a preflight), calling nothing',
    async (type) => {
      const h = harness();
      const headers = { 'Content-Type': type, 'Sec-Fetch-Site': 'same-origin' };
      const res = await h.request('/api/v1/video_generation', { method: 'POST', headers, body: JSON.stringify(body) }, {}, SELF);
      const answer = (await res.json()) as { error: { code: string }; base_resp: { status_code: number } };
      expect([answer.error.code, answer.base_resp.status_code]).toEqual(['unsupported_media_type', 2013]);
      expect(h.outbound).toHaveLength(0);
    },
  );
});
