// Worker overhead on status calls and a 256 MiB stream, against the simulator called directly in the same run.
import { median, MiB, percentile, rssBytes } from './measure.mjs';

const STATUS_CALLS = 300;
const STREAM_BYTES = 256 * MiB;

async function createTask(base, headers, prompt) {
  const res = await fetch(`${base}/v1/video_generation`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...headers },
    body: JSON.stringify({ model: 'MiniMax-Hailuo-2.3', prompt }),
  });
  const body = await res.json();
  if (!body.task_id) throw new Error(`create failed: ${JSON.stringify(body)}`);
  return body.task_id;
}

async function timedGet(url, headers) {
  const started = performance.now();
  const res = await fetch(url, { headers });
  await res.arrayBuffer();
  if (!res.ok) throw new Error(`${url} → ${res.status}`);
  return performance.now() - started;
}

/** The same items in a random order (Fisher–Yates). */
function shuffled(items) {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

/**
 * Status calls straight to the simulator and through each target worker, interleaved call by call (in a fresh random
 * order each time, so no target gains from its place) so all see the same machine load. Per round, each target's p50
 * and p95 minus those of the simulator called directly, and each margin's target minus its base; every figure is
 * the median over the rounds.
 * @param {{ simUrl: string, targets: Record<string, string>, key: string, margins?: Record<string, [string, string]> }} options
 *   targets: name → worker origin; margins: name → [target, the target it is measured against]
 */
export async function statusOverhead({ simUrl, targets, key, margins = {} }, rounds = 5) {
  const auth = { Authorization: `Bearer ${key}` };
  const taskId = await createTask(simUrl, auth, 'bench status');
  const path = `/v1/query/video_generation?task_id=${taskId}`;
  const calls = [['direct', `${simUrl}${path}`, auth], ...Object.entries(targets).map(([name, origin]) => [name, `${origin}/api${path}`, {}])];
  const call = async (samples) => {
    for (const [name, url, headers] of shuffled(calls)) samples[name].push(await timedGet(url, headers));
  };
  const fresh = () => Object.fromEntries(calls.map(([name]) => [name, []]));
  const warm = fresh();
  for (let i = 0; i < 50; i++) await call(warm);
  const pairs = { ...Object.fromEntries(Object.keys(targets).map((name) => [name, [name, 'direct']])), ...margins };
  const figures = Object.fromEntries(Object.keys(pairs).map((name) => [name, { p50s: [], p95s: [] }]));
  for (let round = 0; round < rounds; round++) {
    const samples = fresh();
    for (let i = 0; i < STATUS_CALLS; i++) await call(samples);
    for (const [name, [target, base]] of Object.entries(pairs)) {
      figures[name].p50s.push(percentile(samples[target], 50) - percentile(samples[base], 50));
      figures[name].p95s.push(percentile(samples[target], 95) - percentile(samples[base], 95));
    }
  }
  return Object.fromEntries(Object.entries(figures).map(([name, r]) => [name, { p50: median(r.p50s), p95: median(r.p95s) }]));
}

async function drain(url, headers, onChunk) {
  const started = performance.now();
  const res = await fetch(url, { headers });
  if (!res.ok) throw new Error(`${url} → ${res.status}`);
  let bytes = 0;
  const reader = res.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    bytes += value.byteLength;
    onChunk?.();
  }
  const seconds = (performance.now() - started) / 1000;
  return { bytes, mibPerSecond: bytes / MiB / seconds };
}

export async function streamThroughput({ simUrl, studioUrl, key, studioPids }) {
  const rss = () => studioPids.reduce((total, pid) => total + rssBytes(pid), 0);
  const auth = { Authorization: `Bearer ${key}` };
  const taskId = await createTask(simUrl, auth, `bench stream sim:bytes=${STREAM_BYTES}`);
  let fileId;
  for (let i = 0; i < 200 && !fileId; i++) {
    const status = await (await fetch(`${simUrl}/v1/query/video_generation?task_id=${taskId}`, { headers: auth })).json();
    fileId = status.file_id;
    if (!fileId) await new Promise((r) => setTimeout(r, 50));
  }
  const retrieved = await (await fetch(`${simUrl}/v1/files/retrieve?file_id=${fileId}`, { headers: auth })).json();
  const proxiedUrl = `${studioUrl}/api/v1/files/content?file_id=${fileId}`;
  // Warm both paths once, then alternate, keeping each path's best run: order and JIT warm-up cancel out.
  const direct = [await drain(retrieved.file.download_url, {})];
  const baseline = rss();
  let peak = baseline;
  let chunks = 0;
  const sample = () => {
    if (++chunks % 64 === 0) peak = Math.max(peak, rss());
  };
  const proxied = [await drain(proxiedUrl, {}, sample)];
  for (let i = 0; i < 2; i++) {
    direct.push(await drain((await (await fetch(`${simUrl}/v1/files/retrieve?file_id=${fileId}`, { headers: auth })).json()).file.download_url, {}));
    proxied.push(await drain(proxiedUrl, {}, sample));
  }
  peak = Math.max(peak, rss());
  const best = (runs) => runs.reduce((a, b) => (b.mibPerSecond > a.mibPerSecond ? b : a));
  const [d, p] = [best(direct), best(proxied)];
  if ([...direct, ...proxied].some((run) => run.bytes !== STREAM_BYTES)) throw new Error('short stream');
  return { ratio: p.mibPerSecond / d.mibPerSecond, direct: d.mibPerSecond, proxied: p.mibPerSecond, rssGrowth: (peak - baseline) / MiB };
}
