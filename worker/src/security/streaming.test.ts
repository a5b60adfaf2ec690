// Catalogue §4: the file bytes come only from allow-listed hosts, over https, with allow-listed headers, and stop
// when the viewer leaves. The worker must never become an open proxy (NextChat CVE-2023-49785).
import { describe, expect, it } from 'vitest';
import { ApiError } from '../http/errors';
import { fileSource, type TargetDeps } from '../http/target';
import { checkDownloadUrl, contentDisposition, type FileSource } from '../minimax/files';
import { harness } from '../testing/harness';

const source = (hosts: string[], allowHttp = false): FileSource => ({ fetch: () => Promise.reject(new Error('not called')), hosts, allowHttp });
const MINIMAX = ['*.aliyuncs.com', '*.minimax.io', '*.minimaxi.com'];

/** A harness whose MiniMax answers `download_url` and whose CDN answers `cdn` (recording what was fetched). */
function withDownloadUrl(downloadUrl: string, cdn: (request: Request) => Response | Promise<Response> = () => new Response('abc', { headers: { 'Content-Length': '3' } })) {
  return harness({
    fetch: async (request) => {
      const url = new URL((request as Request).url);
      if (url.hostname === 'api.minimax.io') {
        return Response.json({ file: { file_id: 1, download_url: downloadUrl }, base_resp: { status_code: 0, status_msg: 'success' } });
      }
      return cdn(request as Request);
    },
  });
}

describe('which download URLs the worker fetches', () => {
  it.each([
    ['a lookalike suffix host', 'https://minimax.io.evil.com/v.mp4'],
    ['userinfo hiding the real host', 'https://api.minimax.io@evil.com/v.mp4'],
    ['userinfo with a password', 'https://a:b@cdn.minimax.io/v.mp4'],
    ['a host merely ending in the suffix text', 'https://evilminimax.io/v.mp4'],
    ['the bare apex of a *.suffix pattern', 'https://minimax.io/v.mp4'],
    ['an odd port on an allowed host', 'https://cdn.minimax.io:8443/v.mp4'],
    ['an IPv4 literal', 'https://10.0.0.1/v.mp4'],
    ['a decimal IP (folded to 127.0.0.1)', 'https://2130706433/v.mp4'],
    ['an IPv6 literal', 'https://[::1]/v.mp4'],
    ['a fragment trick', 'https://evil.com#@cdn.minimax.io/v.mp4'],
    ['a file: URL', 'file:///etc/passwd'],
    ['a javascript: URL', 'javascript:alert(1)'],
    ['a data: URL', 'data:video/mp4;base64,AAAA'],
    ['a relative path', '/etc/passwd'],
  ])('refuses %s', (_name, url) => {
    expect(() => checkDownloadUrl(url, source(MINIMAX))).toThrow(ApiError);
  });

  it.each([
    ['an OSS host', 'https://bucket.oss-cn-wulanchabu.aliyuncs.com/v.mp4?Expires=1&Signature=x', 'https://bucket.oss-cn-wulanchabu.aliyuncs.com/v.mp4?Expires=1&Signature=x'],
    ['an upper-case host with a trailing dot', 'https://CDN.MiniMax.io./v.mp4', 'https://cdn.minimax.io./v.mp4'],
    ['http, upgraded to https', 'http://cdn.minimax.io/v.mp4', 'https://cdn.minimax.io/v.mp4'],
    ['the explicit default port', 'https://cdn.minimax.io:443/v.mp4', 'https://cdn.minimax.io/v.mp4'],
  ])('accepts %s', (_name, url, fetched) => {
    expect(checkDownloadUrl(url, source(MINIMAX)).toString()).toBe(fetched);
  });

  it('takes an IP literal only when listed exactly, never through a pattern', () => {
    expect(() => checkDownloadUrl('https://10.0.0.1/v.mp4', source(['*.0.1']))).toThrow(ApiError);
    expect(checkDownloadUrl('https://10.0.0.1/v.mp4', source(['10.0.0.1'])).hostname).toBe('10.0.0.1');
  });

  it('allows http and a port only for an exactly listed host behind an http upstream (a local simulator)', () => {
    expect(checkDownloadUrl('http://127.0.0.1:41234/cdn/v.mp4', source(['127.0.0.1'], true)).toString()).toBe('http://127.0.0.1:41234/cdn/v.mp4');
    expect(() => checkDownloadUrl('http://127.0.0.1:41234/cdn/v.mp4', source(['127.0.0.1'], false))).toThrow(ApiError);
  });

  it('allows http only when the server’s own upstream is http, never for a bring-your-own-key caller', () => {
    const deps = { fetch, demo: () => ({}), timeouts: { timeoutMs: 1, createTimeoutMs: 1 } } as unknown as TargetDeps;
    expect(fileSource({ MINIMAX_API_BASE: 'http://127.0.0.1:1' }, 'live', deps).allowHttp).toBe(true);
    expect(fileSource({ MINIMAX_API_BASE: 'https://api.minimax.io' }, 'live', deps).allowHttp).toBe(false);
    expect(fileSource({ MINIMAX_API_BASE: 'http://127.0.0.1:1' }, 'byok', deps).allowHttp).toBe(false);
  });

  it('never fetches a refused download_url (the CDN sees nothing)', async () => {
    const h = withDownloadUrl('https://cdn.sim.invalid@evil.com/v.mp4');
    const res = await h.request('/api/v1/files/content?file_id=1');
    expect(res.status).toBe(502);
    expect(h.outbound.map((o) => o.url.hostname)).toEqual(['api.minimax.io']);
  });
});

describe('redirects from the file host', () => {
  it('follows one to an allowed host, checking it first', async () => {
    const h = withDownloadUrl('https://cdn.sim.invalid/a.mp4', (request) =>
      new URL(request.url).pathname === '/a.mp4'
        ? new Response(null, { status: 302, headers: { Location: 'https://cdn.sim.invalid/b.mp4' } })
        : new Response('bytes', { headers: { 'Content-Length': '5' } }),
    );
    const res = await h.request('/api/v1/files/content?file_id=1');
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('bytes');
    expect(res.headers.has('location')).toBe(false);
  });

  it.each(['https://evil.com/x', 'https://cdn.sim.invalid@evil.com/x', 'http://169.254.169.254/latest/meta-data', '//evil.com/x'])(
    'does not follow one to %s',
    async (location) => {
      const h = withDownloadUrl('https://cdn.sim.invalid/a.mp4', () => new Response(null, { status: 302, headers: { Location: location } }));
      const res = await h.request('/api/v1/files/content?file_id=1');
      expect(res.status).toBe(502);
      expect(h.outbound.map((o) => o.url.hostname)).toEqual(['api.minimax.io', 'cdn.sim.invalid']);
    },
  );

  it('gives up after a few hops', async () => {
    const h = withDownloadUrl('https://cdn.sim.invalid/0', (request) => {
      const n = Number(new URL(request.url).pathname.slice(1));
      return new Response(null, { status: 302, headers: { Location: `https://cdn.sim.invalid/${n + 1}` } });
    });
    const res = await h.request('/api/v1/files/content?file_id=1');
    expect(res.status).toBe(502);
    expect(h.outbound.length).toBeLessThanOrEqual(5);
  });
});

describe('what the viewer gets back', () => {
  it('passes only allow-listed headers, forcing video/mp4, nosniff, no-store and a safe disposition', async () => {
    const h = withDownloadUrl('https://cdn.sim.invalid/v.mp4', () =>
      new Response('<script>alert(1)</script>', {
        headers: {
          'Content-Type': 'text/html',
          'Content-Length': '25',
          'Set-Cookie': 'oss=1; Path=/',
          'Access-Control-Allow-Origin': '*',
          'X-Oss-Request-Id': 'abc',
          Server: 'AliyunOSS',
          'Content-Disposition': 'attachment; filename="../../evil.html"',
          'Cache-Control': 'public, max-age=31536000',
          ETag: '"e1"',
        },
      }),
    );
    const res = await h.request('/api/v1/files/content?file_id=1');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('video/mp4');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(res.headers.get('content-disposition')).toBe(`inline; filename="hailuo_1.mp4"; filename*=UTF-8''hailuo_1.mp4`);
    expect(res.headers.get('etag')).toBe('"e1"');
    for (const name of ['set-cookie', 'access-control-allow-origin', 'x-oss-request-id', 'server']) expect(res.headers.has(name), name).toBe(false);
  });

  it('builds a Content-Disposition no filename can break out of', () => {
    const header = contentDisposition('a"; filename="evil.html\r\nX-Evil: 1.mp4');
    expect(header).not.toMatch(/[\r\n]/);
    expect(/filename="([^"]*)"/.exec(header)![1]).toMatch(/^[A-Za-z0-9._-]+$/);
    expect(header).toContain("filename*=UTF-8''a%22%3B%20filename%3D%22evil.html%0D%0AX-Evil%3A%201.mp4");
  });

  it.each(['bytes=abc', 'bytes=1-2-3', 'bytes=-0-', 'chars=0-1', 'bytes=0-1, 3-4'])('answers a bad Range %j with 416 before any upstream call', async (range) => {
    const h = harness();
    const res = await h.request('/api/v1/files/content?file_id=1', { headers: { Range: range } });
    expect(res.status).toBe(416);
    expect(h.outbound).toHaveLength(0);
  });
});

describe('a viewer who goes away', () => {
  it('aborts the CDN fetch (its signal fires) when the client’s request is aborted mid-stream', async () => {
    let cdnSignal: AbortSignal | undefined;
    const h = harness({
      fetch: async (request) => {
        const r = request as Request;
        if (new URL(r.url).hostname === 'api.minimax.io') {
          return Response.json({ file: { file_id: 1, download_url: 'https://cdn.sim.invalid/v.mp4' }, base_resp: { status_code: 0, status_msg: 'success' } });
        }
        cdnSignal = r.signal;
        // an endless CDN body: only an abort ends it
        return new Response(new ReadableStream({ pull: (c) => new Promise((ok) => setTimeout(() => ok(c.enqueue(new Uint8Array(1024))), 5)) }));
      },
    });
    const client = new AbortController();
    const res = await h.request('/api/v1/files/content?file_id=1', { signal: client.signal });
    expect(res.status).toBe(200);
    const reader = res.body!.getReader();
    await reader.read();
    expect(cdnSignal?.aborted).toBe(false);
    client.abort();
    await reader.cancel().catch(() => {});
    expect(cdnSignal?.aborted).toBe(true);
  });

  it('aborts the CDN fetch through a sealed link too', async () => {
    const h = harness();
    const { fileId } = await h.finishedTask();
    const link = new URL(((await (await h.request(`/api/v1/files/retrieve?file_id=${fileId}`)).json()) as { file: { download_url: string } }).file.download_url);
    const client = new AbortController();
    const res = await h.request(link.pathname + link.search, { signal: client.signal });
    expect(res.status).toBe(200);
    const cdn = h.outbound.at(-1)!;
    expect(cdn.url.hostname).toBe('cdn.sim.invalid');
    expect(cdn.signal.aborted).toBe(false);
    client.abort();
    expect(cdn.signal.aborted).toBe(true);
    await res.body?.cancel().catch(() => {});
  });
});
