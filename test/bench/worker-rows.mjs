// Worker overhead on status calls and a big video's stream, against their floors measured in the same run.
import { cpuSince, median, MiB, percentile, rssBytes, settled } from './measure.mjs';

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
 * order each time, so no target gains from its place) so all see the same machine load. Per round: each target's
 * p50 and p95; each pair's difference (target minus base, ms) and ratio (target over base). Every figure is the
 * median over the rounds; each pair's `overAll.p95Ratio` is the ratio of the p95s over every call of every round.
 * @param {{ simUrl: string, targets: Record<string, string>, key: string, pairs: Record<string, [string, string]> }} options
 *   targets: name → worker origin; pairs: name → [target, the target or 'direct' it is measured against]
 */
export async function statusOverhead({ simUrl, targets, key, pairs }, rounds = 5, calls = 80, maxMs = 15_000) {
  const auth = { Authorization: `Bearer ${key}` };
  const taskId = await createTask(simUrl, auth, 'bench status');
  const path = `/v1/query/video_generation?task_id=${taskId}`;
  const all = [['direct', `${simUrl}${path}`, auth], ...Object.entries(targets).map(([name, origin]) => [name, `${origin}/api${path}`, {}])];
  const call = async (samples) => {
    for (const [name, url, headers] of shuffled(all)) samples[name].push(await timedGet(url, headers));
  };
  const fresh = () => Object.fromEntries(all.map(([name]) => [name, []]));
  const warm = fresh();
  for (let i = 0; i < 5; i++) await call(warm);
  const perRound = { absolute: Object.fromEntries(all.map(([name]) => [name, []])), pairs: Object.fromEntries(Object.keys(pairs).map((name) => [name, []])) };
  const pooled = fresh(); // every timed call of every round, for the tail over them all
  const started = performance.now();
  // at least two rounds; more while they fit in the time (a loaded machine gets fewer, not a longer bench)
  for (let round = 0; round < rounds && (round < 2 || performance.now() - started < maxMs); round++) {
    const samples = fresh();
    for (let i = 0; i < calls; i++) await call(samples);
    for (const [name] of all) pooled[name].push(...samples[name]);
    const at = Object.fromEntries(all.map(([name]) => [name, { p50: percentile(samples[name], 50), p95: percentile(samples[name], 95) }]));
    for (const [name] of all) perRound.absolute[name].push(at[name]);
    for (const [name, [target, base]] of Object.entries(pairs)) {
      const [t, b] = [at[target], at[base]];
      perRound.pairs[name].push({ p50: t.p50 - b.p50, p95: t.p95 - b.p95, p50Ratio: t.p50 / b.p50, p95Ratio: t.p95 / b.p95 });
    }
  }
  const medians = (list) => Object.fromEntries(Object.keys(list[0]).map((field) => [field, median(list.map((r) => r[field]))]));
  const overAll = (name) => {
    const [target, base] = pairs[name];
    const ratioAt = (p) => percentile(pooled[target], p) / percentile(pooled[base], p);
    return { p90: percentile(pooled[target], 90), baseP90: percentile(pooled[base], 90), p90Ratio: ratioAt(90), p95Ratio: ratioAt(95) };
  };
  const result = {
    absolute: Object.fromEntries(Object.entries(perRound.absolute).map(([name, list]) => [name, medians(list)])),
    ...Object.fromEntries(Object.entries(perRound.pairs).map(([name, list]) => [name, { ...medians(list), overAll: overAll(name) }])),
  };
  for (const name of Object.keys(pairs)) {
    const rounds = perRound.pairs[name].map((r) => r.p95Ratio.toFixed(2)).join(', ');
    console.error(`[status] ${name} p95 ratio per round ${rounds}; median ${result[name].p95Ratio.toFixed(2)}; over all calls ${result[name].overAll.p95Ratio.toFixed(2)} (p90 ${result[name].overAll.p90Ratio.toFixed(2)}); p50 per round ${perRound.pairs[name].map((r) => r.p50Ratio.toFixed(2)).join(', ')}`);
  }
  return result;
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

/** A finished task's file_id on the simulator (its output: the simulator's video, or `prompt`'s sim:bytes file). */
export async function finishedFile(simUrl, key, prompt) {
  const auth = { Authorization: `Bearer ${key}` };
  const taskId = await createTask(simUrl, auth, prompt);
  for (let i = 0; i < 200; i++) {
    const status = await (await fetch(`${simUrl}/v1/query/video_generation?task_id=${taskId}`, { headers: auth })).json();
    if (status.file_id) return status.file_id;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('the simulator never finished the task');
}

/**
 * The file streamed through the studio (/api/v1/files/content) and through the pass-through worker (the same route:
 * retrieve, then the download URL's response handed on), in turns, each first in every other round, after a warm-up
 * each; straight from the simulator's CDN at the end of the first three rounds. Judged: the CPU time the studio's
 * workerd processes spend per MiB against the pass-through's, the median run of each (CPU time: what the worker
 * does, not how long it waited for a core; one run's GC or a stray timer moved it by half). Printed beside it: each
 * path's best throughput (the least disturbed run). The studio's workerd resident memory is sampled every 64 chunks,
 * on both workers' streams alike (a sample slows the reader a little, and the reader's pace moves the CPU per MiB).
 * @param {{ simUrl: string, key: string, fileId: string, bytes: number, studio: { url: string, pids: number[] }, passThrough: { url: string, pids: number[] } }} options
 */
export async function streamThroughput({ simUrl, key, fileId, bytes, studio, passThrough }, runs = 10) {
  const rss = () => studio.pids.reduce((total, pid) => total + rssBytes(pid), 0);
  const auth = { Authorization: `Bearer ${key}` };
  const directUrl = async () => (await (await fetch(`${simUrl}/v1/files/retrieve?file_id=${fileId}`, { headers: auth })).json()).file.download_url;
  const path = `/api/v1/files/content?file_id=${fileId}`;
  const seen = { direct: [], studio: [], passThrough: [] };
  const cpuMs = { studio: [], passThrough: [] };
  const workerPids = () => [...studio.pids, ...passThrough.pids];
  let unsettled = 0;
  let peak = 0;
  let chunks = 0;
  const sample = () => {
    if (++chunks % 64 === 0) peak = Math.max(peak, rss());
  };
  const run = async (which) => {
    if (which === 'direct') return drain(await directUrl(), {});
    const worker = which === 'studio' ? studio : passThrough;
    if (!(await settled(workerPids))) unsettled++;
    const cpu = cpuSince(() => worker.pids);
    const ran = await drain(`${worker.url}${path}`, {}, sample);
    const { ms, lost } = cpu();
    // a worker whose process ended would read as doing nothing
    if (lost) throw new Error(`${lost} threads of the ${which} worker's workerd processes ended during a stream`);
    cpuMs[which].push(ms);
    if (process.env.BENCH_DEBUG) console.error(`[stream] ${which} ${ms.toFixed(0)} ms CPU, ${ran.mibPerSecond.toFixed(0)} MiB/s`);
    return ran;
  };
  await run('direct');
  await run('passThrough');
  const baseline = rss();
  peak = baseline;
  await run('studio');
  [cpuMs.studio, cpuMs.passThrough] = [[], []];
  for (let i = 0; i < runs; i++) {
    for (const which of i % 2 ? ['passThrough', 'studio'] : ['studio', 'passThrough']) seen[which].push(await run(which));
    // the direct path is only the throughput shown for context: three runs of it do
    if (i < 3) seen.direct.push(await run('direct'));
  }
  peak = Math.max(peak, rss());
  if (Object.values(seen).flat().some((ran) => ran.bytes !== bytes)) throw new Error('short stream');
  const best = (list) => Math.max(...list.map((ran) => ran.mibPerSecond));
  const perMiB = (list) => median(list) / (bytes / MiB);
  return {
    cpu: { studio: perMiB(cpuMs.studio), passThrough: perMiB(cpuMs.passThrough), ratio: median(cpuMs.studio) / median(cpuMs.passThrough) },
    throughput: { direct: best(seen.direct), studio: best(seen.studio), passThrough: best(seen.passThrough) },
    runs,
    unsettled,
    rssGrowth: (peak - baseline) / MiB,
    rssBaseline: baseline / MiB,
  };
}
