import { describe, expect, it } from 'vitest';
import type { Env } from '../env';
import { sealLink } from '../http/links';
import { fakeUpstream, harness, json, minimaxSuccess, SAMPLE_VIDEO, SERVER_KEY } from '../testing/harness';
import { cdnExpiry } from './files';

async function bytes(res: Response): Promise<Uint8Array> {
  return new Uint8Array(await res.arrayBuffer());
}

type ErrorAnswer = { error: { code: string; message: string } };

/** A harness whose MiniMax answers files/retrieve with `file` and whose CDN answers any URL with 3 bytes. */
const retrieving = (file: unknown, env: Partial<Env> = {}) => harness({ env, fetch: fakeUpstream(() => minimaxSuccess({ file })) });

/** A base64url token with the byte in its middle flipped (the sealed claims, not the IV). */
function withOneByteFlipped(token: string): string {
  const bytes = Buffer.from(token, 'base64url');
  bytes[Math.floor(bytes.length / 2)] ^= 0xff;
  return bytes.toString('base64url');
}

describe('GET /api/v1/files/retrieve', () => {
  it('replaces the CDN download_url with a sealed link of this worker, keeping file_id an exact int64 number', async () => {
    const h = harness();
    const { fileId } = await h.finishedTask();
    const res = await h.request(`/api/v1/files/retrieve?file_id=${fileId}`);
    expect(res.status).toBe(200);
    const text = await res.text();
    expect(text).toContain(`"file_id":${fileId},`);
    expect(text).not.toContain('cdn.sim.invalid');
    const { file } = JSON.parse(text) as { file: { download_url: string; bytes: number } };
    expect(file.bytes).toBe(SAMPLE_VIDEO.length);
    const link = new URL(file.download_url);
    expect(link.origin).toBe('http://localhost');
    expect(link.pathname).toBe('/api/v1/files/content');
    const retrieve = h.outbound.at(-1)!;
    expect(retrieve.url.toString()).toBe(`https://api.minimax.io/v1/files/retrieve?file_id=${fileId}`);
    expect(retrieve.headers.get('authorization')).toBe(`Bearer ${SERVER_KEY}`);
  });

  it('keeps an id above 2^53 digit-exact', async () => {
    const big = '9007199254740993123';
    const h = harness({
      fetch: async () =>
        new Response(
          `{"file":{"file_id":${big},"bytes":10,"created_at":1,"filename":"output.mp4","purpose":"video_generation","download_url":"https://cdn.sim.invalid/x.mp4?Expires=9999999999"},"base_resp":{"status_code":0,"status_msg":"success"}}`,
          { headers: { 'Content-Type': 'application/json' } },
        ),
    });
    const text = await (await h.request(`/api/v1/files/retrieve?file_id=${big}`)).text();
    expect(text).toContain(`"file_id":${big},`);
    expect(h.outbound[0].url.searchParams.get('file_id')).toBe(big);
  });

  it('answers in MiniMax’s success shape, as uncached JSON', async () => {
    const h = harness();
    const { fileId } = await h.finishedTask();
    const res = await h.request(`/api/v1/files/retrieve?file_id=${fileId}`);
    expect(res.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(((await res.json()) as { base_resp: unknown }).base_resp).toEqual({ status_code: 0, status_msg: 'success' });
  });

  it.each([
    ['no file', undefined],
    ['a null file', null],
    ['a file that is text', 'output.mp4'],
    ['a download_url that is a number', { file_id: 1, download_url: 7 }],
    ['an empty download_url', { file_id: 1, download_url: '' }],
  ])('answers upstream_unreadable when MiniMax sends %s', async (_name, file) => {
    const h = retrieving(file);
    const retrieved = (await (await h.request('/api/v1/files/retrieve?file_id=1')).json()) as ErrorAnswer;
    expect(retrieved.error).toEqual(expect.objectContaining({ code: 'upstream_unreadable', message: 'MiniMax answered without a download link for this file.' }));
    const streamed = await h.request('/api/v1/files/content?file_id=1');
    expect(streamed.status).toBe(502);
    expect(((await streamed.json()) as ErrorAnswer).error.code).toBe('upstream_unreadable');
  });

  it('gives a CDN link that names no Expires MiniMax’s 9 hours, from now', async () => {
    const h = retrieving({ file_id: 1, download_url: 'https://cdn.sim.invalid/x.mp4' });
    const { file } = (await (await h.request('/api/v1/files/retrieve?file_id=1')).json()) as { file: { download_url: string } };
    const link = new URL(file.download_url);
    h.clock.now += 9 * 3600 * 1000 - 5000;
    expect((await h.request(link.pathname + link.search)).status).toBe(200);
    h.clock.now += 10_000;
    expect((await h.request(link.pathname + link.search)).status).toBe(410);
  });

  it('stops asking MiniMax when the caller goes away', async () => {
    const client = new AbortController();
    const h = harness({
      fetch: async () => {
        client.abort();
        return Response.json({ file: { file_id: 1, download_url: 'https://cdn.sim.invalid/x.mp4' }, base_resp: { status_code: 0, status_msg: 'success' } });
      },
    });
    await h.request('/api/v1/files/retrieve?file_id=1', { signal: client.signal }).catch(() => undefined);
    expect(h.outbound[0].signal.aborted).toBe(true);
  });
});

describe('cdnExpiry', () => {
  it('reads a positive Expires of the CDN link', () => {
    expect(cdnExpiry('https://cdn.sim.invalid/x.mp4?Expires=1700000000&Signature=s')).toBe(1_700_000_000);
  });

  it.each(['', '?Expires=0', '?Expires=-5', '?Expires=soon', '?Expires=Infinity'])('takes %j as naming no expiry', (query) => {
    expect(cdnExpiry(`https://cdn.sim.invalid/x.mp4${query}`)).toBe(Number.MAX_SAFE_INTEGER);
  });
});

describe('GET /api/v1/files/content', () => {
  it('streams the exact bytes from the CDN without ever sending it the key', async () => {
    const h = harness();
    const { fileId } = await h.finishedTask();
    const res = await h.request(`/api/v1/files/content?file_id=${fileId}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('video/mp4');
    expect(res.headers.get('content-length')).toBe(String(SAMPLE_VIDEO.length));
    expect(res.headers.get('accept-ranges')).toBe('bytes');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('content-disposition')).toBe(`inline; filename="hailuo_${fileId}.mp4"; filename*=UTF-8''hailuo_${fileId}.mp4`);
    expect(await bytes(res)).toEqual(SAMPLE_VIDEO);
    const cdn = h.outbound.filter((o) => o.url.hostname === 'cdn.sim.invalid');
    expect(cdn).toHaveLength(1);
    expect(cdn[0].headers.has('authorization')).toBe(false);
    expect([...cdn[0].headers.values()].join(' ')).not.toContain(SERVER_KEY);
  });

  it('answers a Range with 206 and the exact slice', async () => {
    const h = harness();
    const { fileId } = await h.finishedTask();
    const res = await h.request(`/api/v1/files/content?file_id=${fileId}`, { headers: { Range: 'bytes=100-1099' } });
    expect(res.status).toBe(206);
    expect(res.headers.get('content-range')).toBe(`bytes 100-1099/${SAMPLE_VIDEO.length}`);
    expect(await bytes(res)).toEqual(SAMPLE_VIDEO.slice(100, 1100));
    expect(h.outbound.at(-1)!.headers.get('range')).toBe('bytes=100-1099');
  });

  it.each(['bytes=5-2', 'items=0-1', 'bytes=0-1,5-6', 'bytes=-'])('answers a bad Range %j with 416 before any upstream call', async (range) => {
    const h = harness();
    const res = await h.request('/api/v1/files/content?file_id=123', { headers: { Range: range } });
    expect(res.status).toBe(416);
    expect(h.outbound).toHaveLength(0);
  });

  it('answers a Range past the end with 416 from the CDN', async () => {
    const h = harness();
    const { fileId } = await h.finishedTask();
    const res = await h.request(`/api/v1/files/content?file_id=${fileId}`, { headers: { Range: 'bytes=99999999-' } });
    expect(res.status).toBe(416);
    expect(res.headers.get('content-range')).toBe(`bytes */${SAMPLE_VIDEO.length}`);
  });

  it('streams through the sealed link with no headers at all, and refuses a tampered or foreign one', async () => {
    const h = harness();
    const { fileId } = await h.finishedTask();
    const { file } = (await (await h.request(`/api/v1/files/retrieve?file_id=${fileId}`)).json()) as { file: { download_url: string } };
    const link = new URL(file.download_url);
    const plain = await h.request(link.pathname + link.search, {}, { ACCESS_CODES: 'only-with-code' });
    expect(plain.status).toBe(200);
    expect(await bytes(plain)).toEqual(SAMPLE_VIDEO);
    const token = link.searchParams.get('t')!;
    const tampered = token.slice(0, -2) + (token.endsWith('A') ? 'BB' : 'AA');
    const bad = await h.request(`/api/v1/files/content?file_id=${fileId}&t=${tampered}`);
    expect(bad.status).toBe(410);
    const other = await h.request(`/api/v1/files/content?file_id=1${fileId}&t=${token}`);
    expect(other.status).toBe(410);
  });

  it('refuses a download_url on a host outside MINIMAX_FILE_HOSTS without fetching it', async () => {
    for (const evil of ['https://cdn.sim.invalid.evil.com/x.mp4', 'https://cdn.sim.invalid@evil.com/x.mp4', 'ftp://cdn.sim.invalid/x.mp4']) {
      const h = harness({
        fetch: async (request) =>
          new URL((request as Request).url).hostname === 'api.minimax.io'
            ? Response.json({ file: { file_id: 1, download_url: evil }, base_resp: { status_code: 0, status_msg: 'success' } })
            : new Response('secret'),
      });
      const res = await h.request('/api/v1/files/content?file_id=1');
      expect(res.status, evil).toBe(502);
      expect(h.outbound.map((o) => o.url.hostname)).toEqual(['api.minimax.io']);
    }
  });

  it('upgrades an http download_url to https (mixed content, OSS blocks http)', async () => {
    const h = harness({
      fetch: async (request) =>
        new URL((request as Request).url).hostname === 'api.minimax.io'
          ? Response.json({ file: { file_id: 1, download_url: 'http://cdn.sim.invalid/x.mp4' }, base_resp: { status_code: 0, status_msg: 'success' } })
          : new Response('abc', { headers: { 'Content-Length': '3' } }),
    });
    const res = await h.request('/api/v1/files/content?file_id=1');
    expect(res.status).toBe(200);
    expect(h.outbound[1].url.protocol).toBe('https:');
  });

  it('says the link expired when the CDN refuses an expired signature', async () => {
    const h = harness();
    const { fileId } = await h.finishedTask();
    const { file } = (await (await h.request(`/api/v1/files/retrieve?file_id=${fileId}`)).json()) as { file: { download_url: string } };
    h.clock.now += 2 * 3600 * 1000;
    const link = new URL(file.download_url);
    const res = await h.request(link.pathname + link.search);
    expect(res.status).toBe(410);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('link_expired');
    const fresh = await h.request(`/api/v1/files/content?file_id=${fileId}`);
    expect(fresh.status).toBe(200);
  });

  it('keeps a sealed link alive as long as MiniMax’s 9-hour link, and refuses it once aged past (the app’s clock)', async () => {
    const h = harness({ linkTtlSeconds: 9 * 3600 });
    const { fileId } = await h.finishedTask();
    const { file } = (await (await h.request(`/api/v1/files/retrieve?file_id=${fileId}`)).json()) as { file: { download_url: string } };
    const link = new URL(file.download_url);
    h.clock.now += 9 * 3600 * 1000 - 5000;
    const late = await h.request(link.pathname + link.search);
    expect(late.status).toBe(200);
    expect(await bytes(late)).toEqual(SAMPLE_VIDEO);
    const cdnCalls = h.outbound.length;
    h.clock.now += 10_000;
    const expired = await h.request(link.pathname + link.search);
    expect(expired.status).toBe(410);
    expect(((await expired.json()) as { error: { code: string } }).error.code).toBe('link_expired');
    // refused by our own seal, before anything is fetched
    expect(h.outbound.length).toBe(cdnCalls);
  });

  it('refreshes a CDN link that lapsed early from files/retrieve with the server key, rather than failing', async () => {
    const h = harness();
    const { fileId } = await h.finishedTask();
    const { file } = (await (await h.request(`/api/v1/files/retrieve?file_id=${fileId}`)).json()) as { file: { download_url: string } };
    const link = new URL(file.download_url);
    h.sim.failNext('cdn', { kind: 'http', status: 403 });
    const before = h.outbound.length;
    const res = await h.request(link.pathname + link.search);
    expect(res.status).toBe(200);
    expect(await bytes(res)).toEqual(SAMPLE_VIDEO);
    const seen = h.outbound.slice(before).map((o) => `${o.url.hostname}${o.url.pathname}`);
    expect(seen[0]).toMatch(/^cdn\.sim\.invalid\//);
    expect(seen[1]).toBe('api.minimax.io/v1/files/retrieve');
    expect(seen[2]).toMatch(/^cdn\.sim\.invalid\//);
    expect(h.outbound[before + 1].headers.get('authorization')).toBe(`Bearer ${SERVER_KEY}`);
  });

  it('refuses a forged link, and a real one with one byte flipped, with 410, saying how to get a fresh one', async () => {
    const h = harness();
    const { fileId } = await h.finishedTask();
    const { file } = (await (await h.request(`/api/v1/files/retrieve?file_id=${fileId}`)).json()) as { file: { download_url: string } };
    const forged = 'A'.repeat(60);
    const tampered = withOneByteFlipped(new URL(file.download_url).searchParams.get('t')!);
    for (const token of [forged, tampered]) {
      const res = await h.request(`/api/v1/files/content?file_id=${fileId}&t=${token}`);
      expect(res.status, token).toBe(410);
      expect(((await res.json()) as ErrorAnswer).error).toEqual(
        expect.objectContaining({ code: 'link_expired', message: 'This video link has expired or is not valid. Ask for a fresh one.' }),
      );
    }
  });

  it('opens a link sealed under LINK_SECRET before links named their kind as a file link, and never as a task link', async () => {
    const secret = 'a-shared-link-secret-0123456789';
    const h = retrieving(null, { LINK_SECRET: secret });
    const token = await sealLink({ url: 'https://cdn.sim.invalid/x.mp4', fileId: '7', exp: Math.floor(h.clock.now / 1000) + 60, mode: 'live' }, secret);
    const res = await h.request(`/api/v1/files/content?file_id=7&t=${token}`);
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('abc');
    expect((await h.request(`/api/v2/video_generation/7/content?t=${token}`)).status).toBe(410);
  });

  it('does not refresh a link whose CDN failed for another reason than expiry: 502, no retrieve', async () => {
    const h = harness();
    const { fileId } = await h.finishedTask();
    const { file } = (await (await h.request(`/api/v1/files/retrieve?file_id=${fileId}`)).json()) as { file: { download_url: string } };
    const link = new URL(file.download_url);
    h.sim.failNext('cdn', { kind: 'http', status: 500 });
    const before = h.outbound.length;
    const res = await h.request(link.pathname + link.search);
    expect(res.status).toBe(502);
    expect(h.outbound.slice(before).map((o) => o.url.hostname)).toEqual(['cdn.sim.invalid']);
  });

  it('never refreshes a link sealed for a caller’s own key (the worker keeps no such key)', async () => {
    const h = harness();
    const own = { 'X-MiniMax-Key': 'sk-user-own-key-98765' };
    const created = (await (await h.request('/api/v1/video_generation', json({ model: 'MiniMax-Hailuo-2.3', prompt: 'x' }, own))).json()) as { task_id: string };
    h.clock.now += 10_000;
    const { file_id } = (await (await h.request(`/api/v1/query/video_generation?task_id=${created.task_id}`, { headers: own })).json()) as { file_id: string };
    const { file } = (await (await h.request(`/api/v1/files/retrieve?file_id=${file_id}`, { headers: own })).json()) as { file: { download_url: string } };
    const link = new URL(file.download_url);
    h.sim.failNext('cdn', { kind: 'http', status: 403 });
    const before = h.outbound.length;
    const res = await h.request(link.pathname + link.search);
    expect(res.status).toBe(410);
    expect(h.outbound.slice(before).some((o) => o.url.pathname.includes('files/retrieve'))).toBe(false);
  });
});
