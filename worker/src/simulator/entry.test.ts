// The simulator as a real HTTP server in workerd (entry.ts through test/support/simulator-server.ts).
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulatorServer, type SimulatorServer } from '../../../test/support/simulator-server';
import { mp4Facts } from './media/facts';
import { DemoMedia } from './media/library';
import { readDemoUnits } from './media/node-units';

const SAMPLE = readFileSync(new URL('../../assets/sample.mp4', import.meta.url));
const KEY = 'sk-entry-test';
let server: SimulatorServer;
let demo: SimulatorServer;

beforeAll(async () => {
  const stagesMs = { preparing: 20, queueing: 20, processing: 40 };
  [server, demo] = await Promise.all([
    startSimulatorServer({ keys: [KEY], stagesMs, rpm: 50 }),
    startSimulatorServer({ keys: [KEY], stagesMs, rpm: 50, media: 'demo' }),
  ]);
}, 60_000);
afterAll(() => Promise.all([server?.stop(), demo?.stop()]));

type V2Task = { status: string; content?: { url: string } };

async function untilV2Done(base: string, taskId: string): Promise<V2Task> {
  const deadline = Date.now() + 5000;
  for (;;) {
    await new Promise((r) => setTimeout(r, 25));
    const { task } = (await (await fetch(`${base}/v2/query/video_generation/${taskId}`, { headers: { authorization: `Bearer ${KEY}` } })).json()) as { task: V2Task };
    if (task.status === 'succeeded' || task.status === 'failed' || Date.now() > deadline) return task;
  }
}

const api = (path: string, init: RequestInit = {}) =>
  fetch(`${server.url}${path}`, { ...init, headers: { authorization: `Bearer ${KEY}`, ...init.headers } });

describe('simulator over HTTP (workerd)', () => {
  it('runs create → query → retrieve → CDN and serves sample.mp4 byte-exactly', async () => {
    const created = (await (
      await api('/v1/video_generation', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ model: 'MiniMax-Hailuo-2.3', prompt: 'A cat', duration: 6, resolution: '1080P' }),
      })
    ).json()) as { task_id: string; base_resp: { status_code: number } };
    expect(created.base_resp.status_code).toBe(0);

    let status: { status: string; file_id?: string; video_width?: number };
    const deadline = Date.now() + 5000;
    do {
      await new Promise((r) => setTimeout(r, 25));
      status = (await (await api(`/v1/query/video_generation?task_id=${created.task_id}`)).json()) as typeof status;
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

  it('runs v2 create → query → CDN and answers v2 errors with their real status', async () => {
    const post = (body: unknown) =>
      api('/v2/video_generation', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    const created = await post({ model: 'MiniMax-H3', content: [{ type: 'text', text: 'A cat' }], resolution: '768P', duration: 5, ratio: '16:9' });
    expect(created.status).toBe(200);
    const { task_id: taskId } = (await created.json()) as { task_id: string };
    const task = await untilV2Done(server.url, taskId);
    expect(task.status).toBe('succeeded');
    expect(task.content!.url.startsWith(`${server.url}/cdn/inference_output/`)).toBe(true);
    const video = await fetch(task.content!.url);
    expect(video.headers.get('content-length')).toBe(String(SAMPLE.length));
    expect(Buffer.from(await video.arrayBuffer()).equals(SAMPLE)).toBe(true);
    const refused = await post({ model: 'MiniMax-H3', content: [{ type: 'text', text: 'A cat' }], resolution: '768P', duration: 5 });
    expect(refused.status).toBe(400);
    expect(((await refused.json()) as { error: { message: string } }).error.message).toMatch(/^invalid params, ratio is required for t2va/);
  });

  it('with SIM_MEDIA=demo serves an H3 video of the asked size and length, with stereo sound, Content-Length and Range', async () => {
    const created = await fetch(`${demo.url}/v2/video_generation`, {
      method: 'POST',
      headers: { authorization: `Bearer ${KEY}`, 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'MiniMax-H3', content: [{ type: 'text', text: 'A cat' }], resolution: '2K', duration: 6, ratio: '9:16' }),
    });
    const task = await untilV2Done(demo.url, ((await created.json()) as { task_id: string }).task_id);
    const expected = new DemoMedia(readDemoUnits()).h3(1440, 2560, 158);
    const video = await fetch(task.content!.url);
    expect(video.headers.get('content-length')).toBe(String(expected.length));
    const bytes = new Uint8Array(await video.arrayBuffer());
    expect(Buffer.from(bytes).equals(Buffer.from(expected))).toBe(true);
    expect(mp4Facts(bytes)).toMatchObject({ video: { width: 1440, height: 2560, frames: 158 }, audio: { channels: 2, sampleRate: 32000 } });
    const range = await fetch(task.content!.url, { headers: { range: 'bytes=1000-1999' } });
    expect(range.status).toBe(206);
    expect(Buffer.from(await range.arrayBuffer()).equals(Buffer.from(expected.subarray(1000, 2000)))).toBe(true);
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
