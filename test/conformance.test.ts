// Conformance: MiniMax's own clients, unchanged, against the studio's worker in workerd (live mode, the simulator
// over HTTP as MiniMax). What each client printed or returned is asserted — the reason, not just a status — and
// what MiniMax saw. The studio serves https here (a certificate of our own, trusted through NODE_EXTRA_CA_CERTS and
// REQUESTS_CA_BUNDLE) because mmx rewrites every http download link to https.
import { readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { pngDataUrl } from '../worker/src/simulator/test-images';
import { getTrusted, guideScript, localCertificate, mcpClient, mmx, pythonWithRequests } from './conformance/clients';
import { startSimulatorServer, type SimulatorServer } from './support/simulator-server';
import { SIM_KEY, startStudio, type StudioServer } from './support/studio';

// One access code per client: the studio's create limit (10 a minute per code) is not what this suite measures.
const CODES = { mmx: 'conformance-mmx-code', mcp: 'conformance-mcp-code', python: 'conformance-py-code' };
let sim: SimulatorServer;
let studio: StudioServer;
let tls: { keyPath: string; certPath: string };

beforeAll(async () => {
  tls = localCertificate();
  sim = await startSimulatorServer({ keys: [SIM_KEY], rpm: 1000, stagesMs: { preparing: 200, queueing: 200, processing: 400 } });
  studio = await startStudio({
    vars: { MINIMAX_API_BASE: sim.url, MINIMAX_FILE_HOSTS: '127.0.0.1', ACCESS_CODES: Object.values(CODES).join(',') },
    secrets: { MINIMAX_API_KEY: SIM_KEY },
    tls,
  });
});

afterAll(async () => {
  await studio?.stop();
  await sim?.stop();
});

beforeEach(async () => {
  await sim.reset();
  await sim.clearSeen();
});

async function creates(): Promise<{ body: Record<string, unknown>; authorization: string }[]> {
  return (await sim.seen())
    .filter((r) => r.method === 'POST' && r.path === '/v1/video_generation')
    .map((r) => ({ body: JSON.parse(r.body ?? '{}') as Record<string, unknown>, authorization: r.headers.authorization }));
}

describe('mmx-cli@1.0.27 (MiniMax’s CLI), with --base-url and --region', () => {
  const base = () => ['--base-url', studio.url, '--region', 'global', '--api-key', CODES.mmx];

  it('creates, polls and downloads a video, byte for byte what MiniMax made', async () => {
    const out = join(tmpdir(), `mmx-${Date.now()}.mp4`);
    const run = await mmx(['video', 'generate', '--prompt', 'A kite over the dunes', '--download', out, '--poll-interval', '1', ...base()], tls.certPath);
    expect(run.code, run.stderr).toBe(0);
    const result = JSON.parse(run.stdout.slice(run.stdout.indexOf('{'))) as { task_id: string; status: string; file_id: string; saved: string };
    expect(result).toMatchObject({ status: 'Success', saved: out });
    const [create] = await creates();
    expect(create.body).toEqual({ model: 'MiniMax-Hailuo-2.3', prompt: 'A kite over the dunes' });
    expect(create.authorization).toBe(`Bearer ${SIM_KEY}`);
    const got = await mmx(['video', 'task', 'get', '--task-id', result.task_id, ...base()], tls.certPath);
    expect(got.stdout).toContain('Success');
    const again = join(tmpdir(), `mmx-again-${Date.now()}.mp4`);
    const download = await mmx(['video', 'download', '--file-id', result.file_id, '--out', again, ...base()], tls.certPath);
    expect(download.code, download.stderr + download.stdout).toBe(0);
    expect(readFileSync(again).equals(readFileSync(out))).toBe(true);
    // the CDN was fetched by the worker without the key; mmx saw only the studio's sealed link
    const cdn = (await sim.seen()).filter((r) => r.path.startsWith('/cdn') || r.url.includes('Signature='));
    expect(cdn.length).toBeGreaterThan(0);
    for (const r of cdn) expect(r.headers.authorization).toBeUndefined();
  });

  it.each([
    ['MiniMax’s 1008', 'A kite sim:error=1008', /insufficient balance/],
    ['MiniMax’s 1026', 'A kite sim:error=1026', /sensitiv/i],
    ['the studio’s own 2013', 'a'.repeat(2001), /invalid params, The prompt is 2001 characters; MiniMax takes at most 2000/],
  ])('prints the reason for %s', async (_name, prompt, reason) => {
    const run = await mmx(['video', 'generate', '--prompt', prompt, ...base()], tls.certPath);
    expect(run.code).not.toBe(0);
    expect(run.stdout + run.stderr).toMatch(reason);
    expect((await creates()).length).toBe(prompt.includes('sim:') ? 1 : 0);
  });

  it('prints the reason for a wrong access code (1004), and MiniMax sees nothing', async () => {
    const run = await mmx(['video', 'generate', '--prompt', 'A kite', '--base-url', studio.url, '--region', 'global', '--api-key', 'not-a-code'], tls.certPath);
    expect(run.code).not.toBe(0);
    expect(run.stdout + run.stderr).toMatch(/login fail: This studio needs its access code/);
    expect(await sim.seen()).toEqual([]);
  });
});

describe('minimax-mcp-js@0.0.18 (MiniMax’s JS MCP server) over stdio', () => {
  const env = (key = CODES.mcp) => ({ MINIMAX_API_KEY: key, MINIMAX_API_HOST: studio.url, MINIMAX_RESOURCE_MODE: 'url', NODE_EXTRA_CA_CERTS: tls.certPath, HOME: tmpdir() });

  it('makes a text→video and answers the studio’s link to it', async () => {
    const mcp = await mcpClient(env());
    try {
      const text = await mcp.call('generate_video', { prompt: 'A lighthouse at dawn' });
      const url = /Video URL: (\S+)/.exec(text)?.[1];
      expect(url, text).toMatch(new RegExp(`^${studio.url}/api/v1/files/content\\?file_id=\\d+&t=`));
      // a link a person can open later with no headers at all
      const video = await getTrusted(url!, tls.certPath);
      expect(video).toMatchObject({ status: 200 });
      expect(video.bytes).toBeGreaterThan(1000);
      expect((await creates()).map((c) => c.body)).toEqual([{ model: 'MiniMax-Hailuo-02', prompt: 'A lighthouse at dawn' }]);
    } finally {
      await mcp.close();
    }
  });

  it('makes an image→video asynchronously, then query_video_generation finds it', async () => {
    const image = join(tmpdir(), `frame-${Date.now()}.jpg`);
    writeFileSync(image, Buffer.from(pngDataUrl(1280, 720).split(',')[1], 'base64'));
    const mcp = await mcpClient(env());
    try {
      const submitted = await mcp.call('image_to_video', { prompt: 'It starts to rain', firstFrameImage: image, asyncMode: true });
      const taskId = /Task ID: (\d+)/.exec(submitted)?.[1];
      expect(taskId, submitted).toBeTruthy();
      const [create] = await creates();
      expect(create.body.first_frame_image).toMatch(/^data:image\/jpeg;base64,/);
      await sim.advanceClock(1_000); // past the simulator's stages (800 ms in all)
      const done = await mcp.call('query_video_generation', { taskId });
      expect(done).toMatch(/Video URL: https:\/\/localhost:\d+\/api\/v1\/files\/content/);
    } finally {
      await mcp.close();
    }
  });

  it.each([
    ['1008', CODES.mcp, 'A kite sim:error=1008', /API Error: insufficient balance/],
    ['1026', CODES.mcp, 'A kite sim:error=1026', /API Error: .*sensitive/i],
    ['2013', CODES.mcp, 'b'.repeat(2001), /API Error: invalid params, The prompt is 2001 characters/],
    ['1004', 'wrong-code', 'A kite', /API Error: login fail: This studio needs its access code.*Please check your API key/],
  ])('returns MiniMax’s reason for %s', async (_code, key, prompt, reason) => {
    const mcp = await mcpClient(env(key));
    try {
      const text = await mcp.call('generate_video', { prompt, asyncMode: true });
      expect(text).toMatch(/^Failed to generate video: /);
      expect(text).toMatch(reason);
      expect(text).toMatch(/Trace ID: [0-9a-f-]{36}/);
      expect((await creates()).length).toBe(prompt.includes('sim:') ? 1 : 0);
    } finally {
      await mcp.close();
    }
  });
});

describe('a Python requests script written as MiniMax’s guide writes it (raise_for_status, then base_resp)', () => {
  let python: string;
  beforeAll(() => {
    python = pythonWithRequests();
  });
  const script = (args: string[], key = CODES.python) => guideScript(python, studio.url, key, tls.certPath, args);

  it('creates, polls and downloads', async () => {
    const created = await script(['create', JSON.stringify({ model: 'MiniMax-Hailuo-2.3', prompt: 'Waves', duration: 6 })]);
    expect(created.code, created.stderr).toBe(0);
    const taskId = /task_id: (\d+)/.exec(created.stdout)![1];
    await sim.advanceClock(1_000);
    const queried = await script(['query', taskId]);
    const fileId = /status: Success file_id: (\d+)/.exec(queried.stdout)?.[1];
    expect(fileId, queried.stdout + queried.stderr).toBeTruthy();
    const fetched = await script(['retrieve', fileId!]);
    expect(fetched.stdout).toMatch(/bytes: [1-9]\d+/);
  });

  it.each([
    ['1008', CODES.python, { model: 'MiniMax-Hailuo-2.3', prompt: 'x sim:error=1008' }, /MiniMax error 1008: insufficient balance/],
    ['1026', CODES.python, { model: 'MiniMax-Hailuo-2.3', prompt: 'x sim:error=1026' }, /MiniMax error 1026: .*sensitive/i],
    ['2013 (ours)', CODES.python, { model: 'MiniMax-Hailuo-2.3', prompt: 'x', resolution: '1080P', duration: 10 }, /MiniMax error 2013: invalid params, MiniMax-Hailuo-2.3 .*1080P/],
    ['1004', 'wrong-code', { model: 'MiniMax-Hailuo-2.3', prompt: 'x' }, /MiniMax error 1004: login fail/],
  ])('prints MiniMax’s reason for %s, not an HTTP error', async (_name, key, body, reason) => {
    const run = await script(['create', JSON.stringify(body)], key);
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(reason);
    expect(run.stdout).toMatch(/Trace-Id: [0-9a-f-]{36}/);
    expect(run.stderr).not.toMatch(/HTTPError|Client Error/);
  });
});
