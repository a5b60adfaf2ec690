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

/**
 * Interleaves direct and through-worker calls so both see the same machine load, in rounds; each figure is the
 * median over the rounds (this VM's loopback jitters by ±0.4 ms between runs of a few hundred calls).
 */
export async function statusOverhead({ simUrl, studioUrl, key }, rounds = 5) {
  const auth = { Authorization: `Bearer ${key}` };
  const taskId = await createTask(simUrl, auth, 'bench status');
  const directUrl = `${simUrl}/v1/query/video_generation?task_id=${taskId}`;
  const proxiedUrl = `${studioUrl}/api/v1/query/video_generation?task_id=${taskId}`;
  for (let i = 0; i < 50; i++) {
    await timedGet(directUrl, auth);
    await timedGet(proxiedUrl, {});
  }
  const p50s = [];
  const p95s = [];
  for (let round = 0; round < rounds; round++) {
    const direct = [];
    const proxied = [];
    for (let i = 0; i < STATUS_CALLS; i++) {
      direct.push(await timedGet(directUrl, auth));
      proxied.push(await timedGet(proxiedUrl, {}));
    }
    p50s.push(percentile(proxied, 50) - percentile(direct, 50));
    p95s.push(percentile(proxied, 95) - percentile(direct, 95));
  }
  return { p50: median(p50s), p95: median(p95s) };
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
