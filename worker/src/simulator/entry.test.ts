// The simulator as a real HTTP server in workerd (entry.ts through test/support/simulator-server.ts).
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulatorServer, type SimulatorServer } from '../../../test/support/simulator-server';

const SAMPLE = readFileSync(new URL('../../assets/sample.mp4', import.meta.url));
const KEY = 'sk-entry-test';
let server: SimulatorServer;

beforeAll(async () => {
  server = await startSimulatorServer({ keys: [KEY], stagesMs: { preparing: 20, queueing: 20, processing: 40 }, rpm: 50 });
}, 60_000);
afterAll(() => server?.stop());

const api = (path: string, init: RequestInit = {}) =>
  fetch(`${server.url}${path}`, { ...init, headers: { authorization: `Bearer ${KEY}`, ...init.headers } });

describe('simulator over HTTP (workerd)', () => {
  it('runs create → query → retrieve → CDN and serves sample.mp4 byte-exactly', async () => {
    const created = await (
      await api('/v1/video_generation', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ model: 'MiniMax-Hailuo-2.3', prompt: 'A cat', duration: 6, resolution: '1080P' }),
      })
    ).json();
    expect(created.base_resp.status_code).toBe(0);

    let status: { status: string; file_id?: string; video_width?: number };
    const deadline = Date.now() + 5000;
    do {
      await new Promise((r) => setTimeout(r, 25));
      status = await (await api(`/v1/query/video_generation?task_id=${created.task_id}`)).json();
    } while (status.status !== 'Success' && Date.now() < deadline);
    expect(status).toMatchObject({ status: 'Success', video_width: 1920 });
    expect(typeof status.file_id).toBe('string');

    const retrieveText = await (await api(`/v1/files/retrieve?file_id=${status.file_id}`)).text();
    expect(retrieveText).toContain(`"file_id":${status.file_id},`);
    const downloadUrl: string = JSON.parse(retrieveText).file.download_url;
    expect(downloadUrl.startsWith(`${server.url}/cdn/`)).toBe(true);

    const video = await fetch(downloadUrl);
    expect(video.status).toBe(200);
    expect(video.headers.get('content-length')).toBe(String(SAMPLE.length));
    expect(Buffer.from(await video.arrayBuffer()).equals(SAMPLE)).toBe(true);

    const range = await fetch(downloadUrl, { headers: { range: 'bytes=100-199' } });
    expect(range.status).toBe(206);
    expect(Buffer.from(await range.arrayBuffer()).equals(SAMPLE.subarray(100, 200))).toBe(true);

    const withKey = await fetch(downloadUrl, { headers: { authorization: `Bearer ${KEY}` } });
    expect(withKey.status).toBe(400);
    await withKey.body?.cancel();
  });

  it('is steered through /__sim: seen, fail-next, reset', async () => {
    await server.clearSeen();
    await server.failNext('query', { kind: 'html' });
    const faulty = await api('/v1/query/video_generation?task_id=1');
    expect(faulty.status).toBe(502);
    await faulty.text();
    const seen = await server.seen();
    expect(seen.map((s) => s.path)).toEqual(['/v1/query/video_generation']);
    expect(seen[0].headers.authorization).toBe(`Bearer ${KEY}`);
    await server.reset();
    expect(await server.seen()).toEqual([]);
  });
});
