// The 2K/15 s video with sound that H3 returns, made at bench time with ffmpeg (never committed: 60 MB), and a
// simulator that serves it as every task's output instead of the 48 KB demo clip.
import { execFileSync } from 'node:child_process';
import { closeSync, createReadStream, existsSync, mkdirSync, openSync, renameSync, statSync, writeFileSync, writeSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort } from '../../worker/scripts/simulator.mjs';
import { startWorker } from '../../worker/scripts/launch.mjs';

export const VIDEO_BYTES = 60_000_000;
export const VIDEO_SECONDS = 15;
export const VIDEO_SIZE = '2560x1440'; // H3's 2K at 16:9
const RECIPE = `v1-${VIDEO_SIZE}-${VIDEO_SECONDS}s-${VIDEO_BYTES}`;
export const BENCH_DIR = join(tmpdir(), 'hailuo-studio-bench');

function ffmpeg(args) {
  execFileSync('ffmpeg', ['-hide_banner', '-loglevel', 'error', '-y', ...args], { stdio: ['ignore', 'ignore', 'inherit'] });
}

/**
 * One second of noisy 2K H.264 at ~30 Mbit/s with a 48 kHz AAC tone, looped to 15 s without re-encoding (seconds,
 * not minutes, on 2 cores), then padded with an MP4 `free` box to exactly VIDEO_BYTES. Kept in the temp dir across
 * runs; remade when the recipe changes.
 * @returns {string} the file's path
 */
export function bigVideo() {
  mkdirSync(BENCH_DIR, { recursive: true });
  const path = join(BENCH_DIR, `video-${RECIPE}.mp4`);
  if (existsSync(path) && statSync(path).size === VIDEO_BYTES) return path;
  const second = join(BENCH_DIR, 'one-second.mp4');
  ffmpeg([
    '-f', 'lavfi', '-i', `testsrc2=size=${VIDEO_SIZE}:rate=30:duration=1`,
    '-f', 'lavfi', '-i', 'sine=frequency=440:sample_rate=48000:duration=1',
    '-vf', 'noise=alls=20:allf=t+u', '-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p', '-g', '30',
    '-b:v', '24M', '-minrate', '24M', '-maxrate', '24M', '-bufsize', '24M', '-c:a', 'aac', '-b:a', '128k', '-shortest', second,
  ]);
  const looped = join(BENCH_DIR, 'looped.mp4');
  ffmpeg(['-stream_loop', String(VIDEO_SECONDS - 1), '-i', second, '-c', 'copy', '-movflags', '+faststart', looped]);
  const size = statSync(looped).size;
  const pad = VIDEO_BYTES - size;
  if (pad < 8) throw new Error(`the 2K video came out at ${size} bytes, more than ${VIDEO_BYTES}: lower its bitrate`);
  const box = Buffer.alloc(pad);
  box.writeUInt32BE(pad, 0);
  box.write('free', 4, 'latin1');
  const fd = openSync(looped, 'a');
  writeSync(fd, box);
  closeSync(fd);
  renameSync(looped, path);
  return path;
}

/** Serves one file over HTTP on 127.0.0.1 (how the simulator gets the video: a 60 MB Data module takes workerd ~40 s to load). */
async function serveFile(path) {
  const server = createServer((request, response) => {
    response.writeHead(200, { 'Content-Type': 'video/mp4', 'Content-Length': statSync(path).size });
    createReadStream(path).pipe(response);
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${server.address().port}/video.mp4`, close: () => new Promise((resolve) => server.close(resolve)) };
}

/**
 * The simulator (worker/src/simulator) with `video` as its output file, run in workerd like worker/scripts/simulator.mjs.
 * It reads the video once from a local file server, on its first request, which this function makes.
 * @param {{ video: string, keys: string[], stagesMs: { preparing: number, queueing: number, processing: number }, rpm: number }} options
 */
export async function startBigVideoSimulator({ video, keys, stagesMs, rpm }) {
  const entry = join(BENCH_DIR, 'big-video-simulator.mjs');
  const fromEnv = fileURLToPath(new URL('../../worker/src/simulator/from-env.ts', import.meta.url));
  const file = await serveFile(video);
  writeFileSync(
    entry,
    `import { simulatorFromEnv } from ${JSON.stringify(fromEnv)};
let simulator;
// As worker/src/simulator/entry.ts: a FixedLengthStream keeps Content-Length on the wire (chunked bodies crawl).
function withFixedLength(response) {
  const length = Number(response.headers.get('content-length'));
  if (!response.body || !Number.isSafeInteger(length) || length <= 0) return response;
  const fixed = new FixedLengthStream(length);
  response.body.pipeTo(fixed.writable).catch(() => {});
  return new Response(fixed.readable, { status: response.status, headers: response.headers });
}
export default {
  async fetch(request, env) {
    if (!simulator) {
      const video = new Uint8Array(await (await fetch(env.BENCH_VIDEO_URL)).arrayBuffer());
      const sources = { sample: () => video, demo: () => { throw new Error('the bench serves its own video'); } };
      simulator ??= simulatorFromEnv({ ...env, SIM_MEDIA: 'sample' }, new URL(request.url).origin, sources);
    }
    return withFixedLength(await simulator.fetch(request));
  },
};
`,
  );
  const worker = await startWorker({
    name: 'bench-big-video-simulator',
    entrypoint: entry,
    port: await freePort(),
    vars: {
      SIM_KEYS: keys.join(','),
      SIM_STAGES_MS: `${stagesMs.preparing},${stagesMs.queueing},${stagesMs.processing}`,
      SIM_RPM: String(rpm),
      BENCH_VIDEO_URL: file.url,
    },
    logLevel: 'error',
  });
  await (await fetch(`${worker.url}/v1/query/video_generation?task_id=0`)).arrayBuffer();
  return {
    url: worker.url,
    dispose: async () => {
      await worker.stop();
      await file.close();
    },
  };
}
