// Catalogue §5: security headers on the worker's own answers, and the SPA's CSP in web/public/_headers.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { harness, json } from '../testing/harness';
import { API_CSP } from './headers';

describe('headers on every /api answer', () => {
  it.each([
    ['health (200 JSON)', '/api/health', undefined],
    ['a create (200 JSON)', '/api/v1/video_generation', json({ model: 'MiniMax-Hailuo-2.3', prompt: 'x' })],
    ['a validation error (400)', '/api/v1/video_generation', json({ model: 'nope' })],
    ['an unknown route (404)', '/api/v1/nope', undefined],
    ['a wrong method (405)', '/api/health', { method: 'POST' }],
    ['a cross-site refusal (403)', '/api/health', { headers: { 'Sec-Fetch-Site': 'cross-site' } }],
    ['a bad range (416)', '/api/v1/files/content?file_id=1', { headers: { Range: 'bytes=9-1' } }],
  ] as [string, string, RequestInit | undefined][])('%s: nosniff, no-referrer, no-store, deny-all CSP, same-origin CORP, a request id', async (_name, path, init) => {
    const h = harness();
    const res = await h.request(path, init);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('referrer-policy')).toBe('no-referrer');
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(res.headers.get('content-security-policy')).toBe(API_CSP);
    expect(res.headers.get('cross-origin-resource-policy')).toBe('same-origin');
    expect(res.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    expect(res.headers.get('content-type')).toContain('application/json');
  });

  it('the video stream: nosniff, no-store, no-referrer, and no CSP that would stop a browser playing it', async () => {
    const h = harness();
    const { fileId } = await h.finishedTask();
    const res = await h.request(`/api/v1/files/content?file_id=${fileId}`);
    expect(res.headers.get('content-type')).toBe('video/mp4');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(res.headers.get('referrer-policy')).toBe('no-referrer');
    expect(res.headers.get('cross-origin-resource-policy')).toBe('same-origin');
    await res.body?.cancel();
  });
});

describe('web/public/_headers (the SPA’s static assets)', () => {
  const file = readFileSync(new URL('../../../web/public/_headers', import.meta.url), 'utf8');
  const rules = file.split('\n').filter((l) => !l.startsWith('#'));
  const header = (name: string) => rules.find((l) => l.trim().toLowerCase().startsWith(`${name.toLowerCase()}:`))?.split(':').slice(1).join(':').trim() ?? '';
  const csp = new Map(
    header('Content-Security-Policy')
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .map(([name, ...values]) => [name, values] as const),
  );

  it('applies to every path', () => {
    expect(rules.find((l) => l.trim() && !l.startsWith(' '))).toBe('/*');
  });

  it.each([
    ['default-src', ["'self'"]],
    ['style-src', ["'self'"]],
    ['img-src', ["'self'", 'data:', 'blob:']],
    ['media-src', ["'self'", 'blob:']],
    ['connect-src', ["'self'"]],
    ['worker-src', ["'self'"]],
    ['manifest-src', ["'self'"]],
    ['frame-ancestors', ["'none'"]],
    ['base-uri', ["'self'"]],
    ['form-action', ["'self'"]],
    ['object-src', ["'none'"]],
  ])('sets %s to %j', (name, values) => {
    expect(csp.get(name)).toEqual(values);
  });

  it("allows scripts only from 'self' and by hash: no 'unsafe-inline', no 'unsafe-eval', no wildcard", () => {
    const scripts = csp.get('script-src') ?? [];
    expect(scripts[0]).toBe("'self'");
    for (const source of scripts.slice(1)) expect(source).toMatch(/^'sha256-[A-Za-z0-9+/]{43}='$/);
    for (const values of csp.values()) {
      expect(values).not.toContain("'unsafe-inline'");
      expect(values).not.toContain("'unsafe-eval'");
      expect(values).not.toContain('*');
    }
  });

  it('also sends nosniff, no-referrer and a frame ban for old browsers', () => {
    expect(header('X-Content-Type-Options')).toBe('nosniff');
    expect(header('Referrer-Policy')).toBe('no-referrer');
    expect(header('X-Frame-Options')).toBe('DENY');
  });
});
