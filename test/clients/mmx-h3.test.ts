// MiniMax's own CLI (mmx-cli, from npm) makes a MiniMax-H3 video through the studio's worker in workerd, with an
// access code as its key. mmx rewrites every http download URL to https, so this worker runs over https, with a
// certificate made for the test that the CLI's Node trusts through NODE_EXTRA_CA_CERTS (nothing in mmx is patched).
import { execFile, execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mp4Facts } from '../../worker/src/simulator/media/facts';
import { pngBytes } from '../../worker/src/simulator/test-images';
import { startSimulatorServer, type SimulatorServer } from '../support/simulator-server';
import { liveVarsFor, SIM_KEY, startStudio, type StudioServer } from '../support/studio';

const run = promisify(execFile);
const MMX = new URL('../../node_modules/mmx-cli/dist/mmx.mjs', import.meta.url).pathname;
const CODE = 'mmx-access-code-2026';

describe('mmx-cli → the studio (https, access code) → MiniMax-H3', () => {
  let sim: SimulatorServer;
  let studio: StudioServer;
  let dir: string;

  function mmx(...args: string[]) {
    return run('node', [MMX, ...args, '--base-url', `${studio.url}/api`, '--api-key', CODE, '--region', 'global', '--non-interactive'], {
      env: { ...process.env, NODE_EXTRA_CA_CERTS: join(dir, 'cert.pem'), HOME: dir, MINIMAX_API_KEY: '' },
      timeout: 90_000,
    });
  }

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'hailuo-mmx-'));
    execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem'), '-days', '1',
      '-subj', '/CN=localhost', '-addext', 'subjectAltName=DNS:localhost,IP:127.0.0.1'], { stdio: 'ignore' });
    sim = await startSimulatorServer({ keys: [SIM_KEY], stagesMs: { preparing: 300, queueing: 300, processing: 900 }, media: 'demo' });
    const live = liveVarsFor(sim.url);
    studio = await startStudio({ ...live, secrets: { ...live.secrets, ACCESS_CODES: CODE }, tls: { keyPath: join(dir, 'key.pem'), certPath: join(dir, 'cert.pem') } });
    expect(studio.url).toMatch(/^https:\/\/localhost:\d+$/);
  });
  afterAll(async () => {
    await studio?.stop();
    await sim?.stop();
  });

  it('generates, polls and downloads the video with its sound; MiniMax sees the server key, the CDN no key', async () => {
    await sim.clearSeen();
    const out = join(dir, 'lighthouse.mp4');
    const { stdout, stderr } = await mmx('video', 'generate', '--model', 'MiniMax-H3', '--prompt', 'A lighthouse at dawn', '--duration', '5', '--download', out, '--poll-interval', '1');
    expect(`${stdout}${stderr}`).toContain('lighthouse.mp4');
    const facts = mp4Facts(new Uint8Array(readFileSync(out)))!;
    expect(facts.video).toMatchObject({ width: 2560, height: 1440 });
    expect(facts.audio).toMatchObject({ channels: 2, sampleRate: 32000 });

    const seen = await sim.seen();
    const create = seen.find((s) => s.path === '/v2/video_generation')!;
    expect(JSON.parse(create.body!)).toMatchObject({ model: 'MiniMax-H3', resolution: '2K', duration: 5, ratio: '16:9' });
    expect(create.headers.authorization).toBe(`Bearer ${SIM_KEY}`);
    expect(seen.some((s) => s.path.startsWith('/v2/query/video_generation/'))).toBe(true);
    const cdn = seen.filter((s) => s.path.startsWith('/cdn/'));
    expect(cdn.length).toBeGreaterThan(0);
    for (const call of cdn) expect(JSON.stringify(call.headers)).not.toContain(SIM_KEY);
    expect(JSON.stringify(seen)).not.toContain(CODE);
  });

  it('prints the reason when the worker refuses on MiniMax’s behalf (a 100 px first frame), nothing spent', async () => {
    await sim.clearSeen();
    const small = join(dir, 'small.png');
    writeFileSync(small, pngBytes(100, 100));
    const failed = await mmx('video', 'generate', '--model', 'MiniMax-H3', '--prompt', 'A kite', '--image', small).then(
      () => ({ stdout: 'unexpected success', stderr: '' }),
      (e: { stdout: string; stderr: string }) => e,
    );
    expect(`${failed.stdout}${failed.stderr}`).toContain('100×100');
    expect((await sim.seen()).filter((s) => s.path === '/v2/video_generation')).toHaveLength(0);
  });
});
