import { describe, expect, it } from 'vitest';
import { parseRange } from './cdn';
import { pseudoRandomBytes } from './bytes';
import { finishedFile, makeSimulator, readAll, SAMPLE_MP4, T2V } from './test-kit';

const LENGTH = SAMPLE_MP4.length;
const get = (url: string, headers: Record<string, string> = {}, method = 'GET') => new Request(url, { method, headers });

describe('CDN download_url', () => {
  it('serves the sample MP4 byte-exactly with OSS-like headers', async () => {
    const kit = makeSimulator();
    const { url } = await finishedFile(kit);
    const response = await kit.sim.fetch(get(url));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('video/mp4');
    expect(response.headers.get('content-length')).toBe(String(LENGTH));
    expect(response.headers.get('accept-ranges')).toBe('bytes');
    expect(response.headers.get('etag')).toMatch(/^"[0-9A-F]{32}"$/);
    expect(new Date(response.headers.get('last-modified')!).getTime()).toBeGreaterThan(0);
    expect((await readAll(response)).bytes).toEqual(SAMPLE_MP4);
  });

  it('answers HEAD with the headers and no body', async () => {
    const kit = makeSimulator();
    const { url } = await finishedFile(kit);
    const response = await kit.sim.fetch(get(url, {}, 'HEAD'));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-length')).toBe(String(LENGTH));
    expect(response.body).toBeNull();
  });

  it('routes by path only, whatever the host', async () => {
    const kit = makeSimulator();
    const { url } = await finishedFile(kit);
    const elsewhere = new URL(url);
    elsewhere.host = '127.0.0.1:9999';
    expect((await kit.sim.fetch(get(elsewhere.href))).status).toBe(200);
  });

  it('refuses an expired link with 403 AccessDenied "Request has expired." in OSS XML', async () => {
    const kit = makeSimulator({ linkTtlSeconds: 60 });
    const { url } = await finishedFile(kit);
    kit.advance(60_000);
    expect((await kit.sim.fetch(get(url))).status).toBe(200);
    kit.advance(1000);
    const response = await kit.sim.fetch(get(url));
    expect(response.status).toBe(403);
    expect(response.headers.get('content-type')).toBe('application/xml');
    const xml = await response.text();
    expect(xml).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?>\n<Error>/);
    expect(xml).toContain('<Code>AccessDenied</Code>');
    expect(xml).toContain('<Message>Request has expired.</Message>');
  });

  it('refuses a tampered signature, a changed Expires and a missing signature with 403', async () => {
    const kit = makeSimulator();
    const { url } = await finishedFile(kit);
    const tampered = new URL(url);
    tampered.searchParams.set('Signature', 'AAAAAAAAAAAAAAAAAAAAAAAAAAA=');
    const later = new URL(url);
    later.searchParams.set('Expires', String(Number(later.searchParams.get('Expires')) + 3600));
    const unsigned = new URL(url);
    unsigned.search = '';
    for (const u of [tampered, later, unsigned]) {
      const response = await kit.sim.fetch(get(u.href));
      expect(response.status).toBe(403);
      expect(await response.text()).toMatch(/<Code>(SignatureDoesNotMatch|AccessDenied)<\/Code>/);
    }
  });

  it('refuses ANY Authorization header with 400 InvalidArgument, and records it in seen', async () => {
    const kit = makeSimulator();
    const { url } = await finishedFile(kit);
    const response = await kit.sim.fetch(get(url, { Authorization: 'Bearer sk-test-key' }));
    expect(response.status).toBe(400);
    expect(await response.text()).toContain('<Code>InvalidArgument</Code>');
    const last = kit.sim.seen.at(-1)!;
    expect(last.path).toMatch(/^\/cdn\//);
    expect(last.headers.authorization).toBe('Bearer sk-test-key');
  });

  it('answers 404 NoSuchKey for a signed path whose file is gone', async () => {
    const kit = makeSimulator();
    const { url } = await finishedFile(kit);
    kit.sim.reset();
    const response = await kit.sim.fetch(get(url));
    expect(response.status).toBe(404);
    expect(await response.text()).toContain('<Code>NoSuchKey</Code>');
  });
});

describe('CDN Range', () => {
  it.each([
    ['bytes=0-99', 0, 100],
    ['bytes=100-', 100, LENGTH],
    ['bytes=-500', LENGTH - 500, LENGTH],
    ['bytes=40000-999999', 40000, LENGTH],
    [`bytes=-${LENGTH + 10}`, 0, LENGTH],
    [`bytes=${LENGTH - 1}-${LENGTH - 1}`, LENGTH - 1, LENGTH],
  ])('answers %s with 206 and the exact slice', async (range, start, end) => {
    const kit = makeSimulator();
    const { url } = await finishedFile(kit);
    const response = await kit.sim.fetch(get(url, { Range: range }));
    expect(response.status).toBe(206);
    expect(response.headers.get('content-range')).toBe(`bytes ${start}-${end - 1}/${LENGTH}`);
    expect(response.headers.get('content-length')).toBe(String(end - start));
    expect((await readAll(response)).bytes).toEqual(SAMPLE_MP4.slice(start, end));
  });

  it.each([[`bytes=${LENGTH}-`], [`bytes=${LENGTH + 5}-${LENGTH + 9}`], ['bytes=-0']])('answers %s with 416 and bytes */length', async (range) => {
    const kit = makeSimulator();
    const { url } = await finishedFile(kit);
    const response = await kit.sim.fetch(get(url, { Range: range }));
    expect(response.status).toBe(416);
    expect(response.headers.get('content-range')).toBe(`bytes */${LENGTH}`);
  });

  it.each([['bytes=5-2'], ['bytes=0-1,5-6'], ['items=0-1'], ['bytes=-']])('ignores the malformed or multi-range %s and serves 200 whole', async (range) => {
    const kit = makeSimulator();
    const { url } = await finishedFile(kit);
    const response = await kit.sim.fetch(get(url, { Range: range }));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-range')).toBeNull();
  });

  it('parses ranges against the length', () => {
    expect(parseRange(null, 10)).toBeNull();
    expect(parseRange('bytes=2-4', 10)).toEqual([2, 5]);
    expect(parseRange('bytes=-3', 10)).toEqual([7, 10]);
    expect(parseRange('bytes=0-', 0)).toBe('unsatisfiable');
  });
});

describe('CDN streaming of a sim:bytes file', () => {
  it('streams 3 MiB + 7 of deterministic bytes in several chunks, and ranges agree with pseudoRandomBytes', async () => {
    const size = 3 * 1024 * 1024 + 7;
    const kit = makeSimulator();
    const { url } = await finishedFile(kit, { ...T2V, prompt: `a cat sim:bytes=${size}` });
    const whole = await kit.sim.fetch(get(url));
    expect(whole.headers.get('content-length')).toBe(String(size));
    const { bytes, chunks } = await readAll(whole);
    expect(chunks).toBeGreaterThan(1);
    expect(bytes.length).toBe(size);
    expect(Buffer.from(bytes).equals(pseudoRandomBytes(0, size))).toBe(true);
    const slice = await kit.sim.fetch(get(url, { Range: 'bytes=65530-65545' }));
    expect((await readAll(slice)).bytes).toEqual(bytes.slice(65530, 65546));
  });

  it('produces the same bytes for the same offsets every time and differing blocks', () => {
    expect(pseudoRandomBytes(100_000, 100_100)).toEqual(pseudoRandomBytes(100_000, 100_100));
    expect(pseudoRandomBytes(0, 64)).not.toEqual(pseudoRandomBytes(65536, 65536 + 64));
  });

  it('serves a 256 MiB file as a stream without building it in memory', async () => {
    const size = 256 * 1024 * 1024;
    const kit = makeSimulator();
    const { url } = await finishedFile(kit, { ...T2V, prompt: `sim:bytes=${size} a cat` });
    const response = await kit.sim.fetch(get(url));
    const reader = response.body!.getReader();
    const first = await reader.read();
    expect(first.value!.length).toBeLessThanOrEqual(1024 * 1024);
    await reader.cancel();
  });
});
