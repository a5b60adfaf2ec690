// The real worker in workerd (as `npm start` runs it) against the simulator as an HTTP server on loopback.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DemoMedia } from '../worker/src/simulator/media/library';
import { readDemoUnits } from '../worker/src/simulator/media/node-units';
import { startSimulatorServer, type SimulatorServer } from './support/simulator-server';
import { liveVarsFor, SIM_KEY, startStudio, type StudioServer } from './support/studio';

const video = new Uint8Array(readFileSync(new URL('../worker/assets/sample.mp4', import.meta.url)));

async function untilSuccess(base: string, taskId: string): Promise<string> {
  for (let i = 0; i < 60; i++) {
    const answer = (await (await fetch(`${base}/api/v1/query/video_generation?task_id=${taskId}`)).json()) as { status: string; file_id?: string };
    if (answer.status === 'Success') return answer.file_id!;
    if (answer.status === 'Fail') throw new Error('task failed');
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('task never finished');
}

describe('the worker in workerd, live against the simulator over HTTP', () => {
  let sim: SimulatorServer;
  let studio: StudioServer;

  beforeAll(async () => {
    sim = await startSimulatorServer({ keys: [SIM_KEY], stagesMs: { preparing: 100, queueing: 100, processing: 300 }, rpm: 100 });
    studio = await startStudio(liveVarsFor(sim.url));
  });
  afterAll(async () => {
    await studio?.stop();
    await sim?.stop();
  });

  it('serves the SPA at / and its health at /api/health', async () => {
    const page = await fetch(`${studio.url}/`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<div id="app">');
    const health = await fetch(`${studio.url}/api/health`);
    expect(await health.json()).toEqual({ status: 'ok', mode: 'live' });
  });

  it('answers a navigation to an unknown /api path with JSON 404, not index.html', async () => {
    const res = await fetch(`${studio.url}/api/v1/nothing`, { headers: { Accept: 'text/html' } });
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toContain('application/json');
  });

  it('makes a video: generate → query → retrieve → content, byte-exact, with Range, key only where it belongs', async () => {
    await sim.clearSeen();
    const created = await fetch(`${studio.url}/api/v1/video_generation`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ model: 'MiniMax-Hailuo-02', prompt: 'A glass of water on a table [Static shot]', duration: 10, resolution: '768P' }),
    });
    expect(created.status).toBe(200);
    const { task_id: taskId } = (await created.json()) as { task_id: string };
    const fileId = await untilSuccess(studio.url, taskId);
    expect(fileId).toMatch(/^\d+$/);

    const retrieved = await fetch(`${studio.url}/api/v1/files/retrieve?file_id=${fileId}`);
    const text = await retrieved.text();
    expect(text).toContain(`"file_id":${fileId}`);
    const link = (JSON.parse(text) as { file: { download_url: string } }).file.download_url;
    expect(link.startsWith(`${studio.url}/api/v1/files/content?`)).toBe(true);

    const whole = await fetch(`${studio.url}/api/v1/files/content?file_id=${fileId}`);
    expect(whole.status).toBe(200);
    expect(whole.headers.get('content-length')).toBe(String(video.length));
    expect(new Uint8Array(await whole.arrayBuffer())).toEqual(video);

    const part = await fetch(link, { headers: { Range: 'bytes=1000-' } });
    expect(part.status).toBe(206);
    expect(part.headers.get('content-range')).toBe(`bytes 1000-${video.length - 1}/${video.length}`);
    expect(new Uint8Array(await part.arrayBuffer())).toEqual(video.slice(1000));

    const seen = await sim.seen();
    const api = seen.filter((r) => r.path.startsWith('/v1/'));
    const cdn = seen.filter((r) => r.path.startsWith('/cdn/'));
    expect(api.length).toBeGreaterThanOrEqual(4);
    for (const r of api) expect(r.headers.authorization).toBe(`Bearer ${SIM_KEY}`);
    expect(cdn).toHaveLength(2);
    for (const r of cdn) expect(JSON.stringify(r.headers)).not.toContain(SIM_KEY);
    expect(JSON.parse(api[0].body!)).toEqual({ model: 'MiniMax-Hailuo-02', prompt: 'A glass of water on a table [Static shot]', duration: 10, resolution: '768P' });
  });

  it('never lets an invalid body reach the simulator', async () => {
    await sim.clearSeen();
    const res = await fetch(`${studio.url}/api/v1/video_generation`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ model: 'MiniMax-Hailuo-2.3', prompt: 'x', duration: 10, resolution: '1080P' }),
    });
    expect(((await res.json()) as { base_resp: { status_code: number } }).base_resp.status_code).toBe(2013);
    expect(await sim.seen()).toHaveLength(0);
  });
});

describe('the worker in workerd with no key (demo mode)', () => {
  let studio: StudioServer;
  beforeAll(async () => {
    studio = await startStudio({ vars: { DEMO_STAGES_MS: '100,100,300' } });
  });
  afterAll(async () => studio?.stop());

  it('says demo and makes the demo video from the built-in simulator', async () => {
    expect(await (await fetch(`${studio.url}/api/health`)).json()).toEqual({ status: 'ok', mode: 'demo' });
    const created = await fetch(`${studio.url}/api/v1/video_generation`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ model: 'MiniMax-Hailuo-2.3', prompt: 'A demo' }),
    });
    const { task_id: taskId } = (await created.json()) as { task_id: string };
    const fileId = await untilSuccess(studio.url, taskId);
    const res = await fetch(`${studio.url}/api/v1/files/content?file_id=${fileId}`);
    // Hailuo 2.3 renders 768P for 6 s by default: the demo video has that size and length
    const demoVideo = new DemoMedia(readDemoUnits()).v1(1366, 768, 6);
    expect(res.headers.get('content-length')).toBe(String(demoVideo.length));
    expect(new Uint8Array(await res.arrayBuffer())).toEqual(demoVideo);
  });
});
