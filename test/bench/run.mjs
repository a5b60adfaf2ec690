// `npm run bench`: one table. Every timed figure stands beside a floor measured in the same run, calls interleaved,
// and its budget is a ratio to that floor (an absolute time on a shared machine is noise; a ratio is a fact).
// Memory and counts do not scale with the machine's speed: their budgets are absolute. Exits non-zero on a miss.
import { fileURLToPath } from 'node:url';
import { startStudio } from '../../worker/scripts/launch.mjs';
import { launchChromium } from '../support/chromium.mjs';
import { bigVideo, startBigVideoSimulator, VIDEO_BYTES, VIDEO_SECONDS } from './big-video.mjs';
import { firstContentfulPaint, stalledLoads } from './browser-rows.mjs';
import { firstLoadSizes } from './bundle-row.mjs';
import { galleryRows, SEARCH_DEBOUNCE_MS, seededGallery } from './gallery-row.mjs';
import { MiB, withWorkerdPids } from './measure.mjs';
import { DEMO_STAGES_MS, pollingRow } from './polling-row.mjs';
import { benchSite } from './site.mjs';
import { videoRows } from './video-rows.mjs';
import { finishedFile, statusOverhead, streamThroughput } from './worker-rows.mjs';

const KEY = 'sk-bench-key-0123456789';
/** The history exported and imported: 2 GB would be 34 copies of the video; see HISTORY_NOTE. */
const HISTORY_COPIES = 1;
const HISTORY_NOTE = `${VIDEO_BYTES / 1e6} MB (scaled down from 2 GB)`;
/** A heap that held the history would grow by its size: the budget stays well below it. */
const HISTORY_HEAP_MIB = 32;
/**
 * Self-test only: BENCH_SELF_TEST_SLOWER=1.3 makes every judged time of ours 30 % worse (× 1.3) before it is judged,
 * to check that the budgets catch a +30 % regression.
 */
const SLOWER = Number(process.env.BENCH_SELF_TEST_SLOWER ?? 1);
// BENCH_DEBUG=1 prints every timed run of the stream and big-video rows (CPU and wall ms) on stderr.
/** BENCH_ONLY=gallery,video runs only those steps (status, streaming, paint, gallery, video, polling): a partial run never passes. */
const ONLY = process.env.BENCH_ONLY?.split(',').map((name) => name.trim());
const want = (name) => !ONLY || ONLY.includes(name);
const benchStarted = performance.now();
const rows = [];
/** Progress on stderr, so a slow step shows where the time goes. */
const step = (what) => console.error(`[bench ${((performance.now() - benchStarted) / 1000).toFixed(0)} s] ${what}`);

const fixed = (value) => value.toFixed(Math.abs(value) < 10 ? 2 : 1);

/** A time against its floor: passes while value / floor <= budget. */
function slower(what, value, floor, ratio, unit, budget) {
  [value, ratio] = [value * SLOWER, ratio * SLOWER];
  rows.push({ what, value: `${fixed(value)} ${unit}`, floor: `${fixed(floor)} ${unit}`, vs: `× ${ratio.toFixed(2)}`, budget: `<= × ${budget}`, ok: ratio <= budget });
}

/** A figure that does not scale with the machine (memory, bytes, counts). */
function limit(what, value, unit, op, budget, floor = '') {
  const ok = op === '<=' ? value <= budget : value >= budget;
  rows.push({ what, value: `${fixed(value)} ${unit}`, floor, vs: '', budget: `${op} ${budget} ${unit}`, ok });
}

function reference(what, value, unit, floor = '') {
  rows.push({ what, value: `${fixed(value)} ${unit}`, floor, vs: '', budget: '(reference)', ok: null });
}

// Set-up, in parallel: nothing is measured yet. Polling is a count on the page's clock, not a time: it runs
// while the rest is set up and first paint is measured, and is done before the first step timed in wall time.
step('set-up');
/** What set-up has started, newest first: stopped if set-up itself fails, so nothing is left running. */
const stops = [];
const started = async (starting, stop) => {
  const thing = await starting;
  stops.unshift(() => stop(thing));
  return thing;
};
let site, video, demo, browser, polling, sim, studio, passThrough;
try {
  // the demo's processes are waited for too: one that appeared late would be counted as the studio's
  const demoAndBrowser = Promise.all([
    started(withWorkerdPids(() => startStudio({ vars: { DEMO_STAGES_MS }, logLevel: 'error' })), (worker) => worker.stop()),
    started(launchChromium(), (chromium) => chromium.close()),
  ]);
  [site, video, [demo, browser]] = await Promise.all([benchSite(), Promise.resolve().then(bigVideo), demoAndBrowser]);
  polling = want('polling')
    ? pollingRow(browser, `${demo.url}/`).then(
        (counted) => ({ counted }),
        (error) => ({ error }),
      )
    : null;
  sim = await started(startBigVideoSimulator({ video, keys: [KEY], stagesMs: { preparing: 10, queueing: 10, processing: 10 }, rpm: 1000 }), (s) => s.dispose());
  // wrangler runs each worker and its dev proxy in a workerd process of their own: a worker's figures count both
  studio = await started(
    withWorkerdPids(() =>
      startStudio({
        assets: site,
        vars: { MINIMAX_API_BASE: sim.url, MINIMAX_FILE_HOSTS: '127.0.0.1' },
        secrets: { MINIMAX_API_KEY: KEY },
        logLevel: 'error',
      }),
    ),
    (worker) => worker.stop(),
  );
  // A few lines behind wrangler.toml's [assets] router: the least a worker serving the SPA can do on an API call.
  passThrough = await withWorkerdPids(() =>
    startStudio({
      name: 'bench-reference-pass-through-assets',
      entrypoint: fileURLToPath(new URL('./reference-worker.js', import.meta.url)),
      vars: { MINIMAX_API_BASE: sim.url },
      secrets: { MINIMAX_API_KEY: KEY },
      logLevel: 'error',
    }),
  );
} catch (error) {
  for (const stop of stops) await stop().catch(() => {});
  throw error;
}
step('set up');
const setupSeconds = (performance.now() - benchStarted) / 1000;
try {
  if (SLOWER !== 1) console.error(`SELF-TEST: every timed figure of ours made ${SLOWER}× worse before judging`);
  // the gallery's 5,000 tasks are written beside first paint too (its own browser context and storage): not timed
  const galleryReady = want('gallery') ? seededGallery(browser, `${studio.url}/`).then((ready) => ({ ready }), (error) => ({ error })) : null;
  if (want('paint')) {
    step('first paint');
    const paint = await firstContentfulPaint(browser, studio.url);
    // × 3.22–4.35 over sessions 6–7 (the app's CPU moved 40 % between two quiet runs while the floor's held; why is
    // not known): a budget every run passes catches +30 % only from × 3.54
    slower('first contentful paint, cold: main-thread CPU until the page holds its text (floor: HTML + one script + one stylesheet, one heading; same worker and headers)', paint.app, paint.floor, paint.ratio, 'ms', 4.6);
    reference('  the same loads in wall time, navigation → text in the page, medians (mostly waiting for a core when loaded)', paint.wall.app, 'ms', `${fixed(paint.wall.floor)} ms`);
    if (stalledLoads.length) reference('  cold loads that never painted in 30 s and were made again (the local dev server lost a request)', stalledLoads.length, 'loads');
  }

  // first paint is judged on CPU time, which the polling row's page beside it hardly moves (the ratio held × 3.45–4.05
  // from load 3 to 54); every step after it runs alone
  const pollingDone = await polling;
  const gallerySeeded = await galleryReady;
  step('polling counted, gallery seeded');

  if (want('status')) {
    step('status calls');
    const overhead = await statusOverhead({
      simUrl: sim.url,
      targets: { studio: studio.url, passThrough: passThrough.url },
      pairs: { overPassThrough: ['studio', 'passThrough'] },
      key: KEY,
    });
    const { absolute: at, overPassThrough: over } = overhead;
    slower('status call through the worker, p50 (floor: a pass-through worker of a few lines behind the same [assets])', at.studio.p50, at.passThrough.p50, over.p50Ratio, 'ms', 1.3);
    // the tail judged is the p90 over every call of every round (~400 a side): the median of per-round p95s (the 4th
    // slowest of 80 calls) moved × 0.91–1.46 between runs, and a +30 % regression did not surely miss; RUNS.md, session 6
    slower('status call through the worker, p90 over all calls (same floor)', over.overAll.p90, over.overAll.baseP90, over.overAll.p90Ratio, 'ms', 1.2);
    reference('  p95, median of per-round p95s (the 4th slowest of 80 calls: one descheduled call; vs floor in brackets)', at.studio.p95, 'ms', `${fixed(at.passThrough.p95)} ms (× ${over.p95Ratio.toFixed(2)})`);
    reference('  what the worker adds over that pass-through, p50 / p95 (design.md: 0.5 / 2.6 ms)', over.p50, 'ms', `${fixed(over.p95)} ms`);
    reference('  the simulator called directly, p50 / p95', at.direct.p50, 'ms', `${fixed(at.direct.p95)} ms`);
  }

  step('a finished task on the simulator');
  const fileId = await finishedFile(sim.url, KEY, 'bench big video');
  if (want('streaming')) {
    step('streaming');
    const stream = await streamThroughput({
      simUrl: sim.url,
      key: KEY,
      fileId,
      bytes: VIDEO_BYTES,
      studio,
      passThrough,
    });
    const { cpu, throughput } = stream;
    // × 0.95–1.31 over 12 runs at load 2–11 (session 8): catches +30 % only above × 1.23, and leaving workerd's
    // native pipe (a JavaScript TransformStream in the path: × 17) always
    slower(`2K/${VIDEO_SECONDS} s video (60 MB) streamed through the worker: workerd CPU per MiB (floor: the pass-through handing on the download URL's response)`, cpu.studio, cpu.passThrough, cpu.ratio, 'ms', 1.6);
    reference(`  the same streams in wall time, the best run of each: through the worker (floor: the CDN direct; the pass-through in brackets)`, throughput.studio, 'MiB/s', `${fixed(throughput.direct)} MiB/s (${fixed(throughput.passThrough)})`);
    if (stream.unsettled) reference('  streams begun before the workers went quiet (5 s at most)', stream.unsettled, 'runs');
    limit(`2K video: workerd resident memory growth while streaming it ${stream.runs + 1}× (the worker and its dev proxy)`, stream.rssGrowth, 'MiB', '<=', 16, `${fixed(stream.rssBaseline)} MiB`);
  }

  const sizes = firstLoadSizes();
  limit('SPA first-load JS (gzip)', sizes.js, 'KB', '<=', 45);
  limit('SPA CSS (gzip)', sizes.css, 'KB', '<=', 12);

  if (want('gallery')) {
    step('gallery');
    const { ready, error } = gallerySeeded;
    if (error) throw error;
    const gallery = await galleryRows(ready, `${studio.url}/`, `${studio.url}/bench/gallery-floor`);
    const { open, search } = gallery;
    // × 5.04–6.49 over 23 runs at load 1–12 once app and floor shared one tab (RUNS.md, session 7); × 5.47–6.63 in
    // session 8's 17 runs, and × 7.15 raw in its last self-test (quiet): a budget every run passes catches +30 % only
    // above × 5.54
    slower('5,000 tasks: gallery opens, main-thread CPU from navigation until 24 cards are in the page (floor: same rows, no framework; same tab)', open.app, open.floor, open.ratio, 'ms', 7.2);
    reference('  the same opens in wall time, medians (mostly waiting for a core when loaded)', open.wall.app, 'ms', `${fixed(open.wall.floor)} ms`);
    // × 2.14–4.41 (the floor's answer is 4–15 ms of CPU, and one frame or GC moves it by a third): a budget every run
    // passes catches +30 % only in runs at × 3.54 or more (RUNS.md, session 7)
    slower(`5,000 tasks: search answers, main-thread CPU from the ${SEARCH_DEBOUNCE_MS} ms debounce firing until the matches are in the page, 10 queries (max ${search.appMax.toFixed(0)} ms)`, search.app, search.floor, search.ratio, 'ms', 4.6);
    reference('  the same answers in wall time, medians (with the two debugger stops, a CDP round trip each)', search.wall.app, 'ms', `${fixed(search.wall.floor)} ms`);
    limit(`history: JS heap growth over ${gallery.pages} pages of video cards`, gallery.heapGrowth, 'MiB', '<=', 2, `${fixed(gallery.heapBefore)} MiB`);
    limit(`history: most live object URLs while paging (${gallery.cardsOnScreen} cards on screen)`, gallery.peakUrls, 'URLs', '<=', gallery.cardsOnScreen);
  }

  if (want('video')) {
    step('big video in Chromium');
    // IndexedDB runs in Chromium's browser process and the decoder on the renderer's media threads: these rows are
    // judged on the CPU time all of Chromium's processes spend, against the same figure for the floor, in turns.
    // Their wall time moved with the machine far more than by +30 % (store × 0.95–1.42, first frame × 1.00–2.04,
    // import 46–115 % between runs; RUNS.md, sessions 6–7) and stays printed, for context.
    const big = await videoRows(browser, {
      pageUrl: `${studio.url}/bench/video`,
      videoPath: `/api/v1/files/content?file_id=${fileId}`,
      bytes: VIDEO_BYTES,
      history: HISTORY_COPIES,
    });
    const [mib, historyMib] = [VIDEO_BYTES / MiB, big.historyBytes / MiB];
    const wallRow = (what, { wall }) => reference(`  ${what} in wall time, medians`, wall.app, 'ms', `${fixed(wall.floor)} ms`);
    const { store, firstFrame } = big;
    // Over 12 runs at load 2–11 (session 8; RUNS.md): store × 0.81–1.08, first frame × 0.95–1.04 (9 runs), export
    // × 0.88–1.10, import × 1.11–1.42. Store, first frame and export catch +30 % above × 0.885, 0.96 and 0.885;
    // import only above × 1.23.
    slower('2K video: stored in IndexedDB by the app, Chromium CPU per MiB (floor: raw puts of the same chunks)', store.cpu.app / mib, store.cpu.floor / mib, store.cpu.ratio, 'ms', 1.15);
    wallRow('the same stores', store);
    limit('2K video: JS heap growth while the app stores it (peak)', store.heap, 'MiB', '<=', 16);
    slower('2K video: first frame decoded, played from IndexedDB: Chromium CPU (floor: the same chunk records read with the raw API)', firstFrame.cpu.app, firstFrame.cpu.floor, firstFrame.cpu.ratio, 'ms', 1.25);
    wallRow('the same first frames', firstFrame);
    const { inMemory } = firstFrame;
    // what reading a video back from IndexedDB costs before it plays, which the app and the raw read share (how
    // the chunks are stored): × 2.57–4.10 in session 8 (the lower at load 8–11); a loose guard
    // (halving CHUNK_BYTES made it cheaper, × 3.22: its cost follows the bytes, not the count of chunks)
    slower('2K video, the stored layout: first frame from the raw read, Chromium CPU (floor: the same bytes as one Blob in memory)', inMemory.cpu.app, inMemory.cpu.floor, inMemory.cpu.ratio, 'ms', 5);
    reference('  the same in wall time, medians', inMemory.wall.app, 'ms', `${fixed(inMemory.wall.floor)} ms`);
    slower(`history of ${HISTORY_NOTE}: export as the zip, Chromium CPU per MiB (floor: the chunks as a plain stream)`, big.export.cpu.app / historyMib, big.export.cpu.floor / historyMib, big.export.cpu.ratio, 'ms', 1.15);
    wallRow('the same exports', big.export);
    limit('history: JS heap growth while exporting (peak)', big.export.heap, 'MiB', '<=', HISTORY_HEAP_MIB);
    slower(`history of ${HISTORY_NOTE}: import of that zip, Chromium CPU per MiB (floor: the bytes as a plain stream, raw puts)`, big.import.cpu.app / historyMib, big.import.cpu.floor / historyMib, big.import.cpu.ratio, 'ms', 1.6);
    wallRow('the same imports', big.import);
    limit('history: JS heap growth while importing (peak)', big.import.heap, 'MiB', '<=', HISTORY_HEAP_MIB);
    console.error(`video ${firstFrame.video.width}×${firstFrame.video.height}, ${firstFrame.video.duration.toFixed(1)} s; archive ${(big.export.archiveBytes / MiB).toFixed(0)} MiB`);
    reference(`  of the ${big.steps} steps counted: begun before Chromium went quiet (5 s at most) / threads that ended inside a count`, big.unsettled, 'steps', `${big.lostThreads} threads`);
  }

  if (want('polling')) {
    if (pollingDone.error) throw pollingDone.error;
    const { counted } = pollingDone;
    limit(`polling: status calls for one live task over ${counted.windowSeconds.toFixed(0)} s (page clock)`, counted.calls, 'calls', '<=', 18);
    limit('polling: status calls in flight at once for one task', counted.maxInFlight, 'calls', '<=', 1);
  }
  step('done');
  console.error(`setup ${setupSeconds.toFixed(0)} s`);
  if (ONLY) rows.push({ what: `(a partial run: BENCH_ONLY=${ONLY.join(',')})`, value: '', floor: '', vs: '', budget: '', ok: false });
} catch (error) {
  // the rows measured so far still print: a step that could not finish is a miss, not a lost run
  const message = String(error?.message ?? error).split('\n')[0];
  console.error(error);
  rows.push({ what: `(the bench stopped here: ${message})`, value: '', floor: '', vs: '', budget: '', ok: false });
} finally {
  await browser.close();
  await passThrough.stop();
  await demo.stop();
  await studio.stop();
  await sim.dispose();
}

const columns = [['what', 'what'], ['measured', 'value'], ['floor', 'floor'], ['vs floor', 'vs'], ['budget', 'budget']];
const widths = columns.map(([title, key]) => Math.max(title.length, ...rows.map((r) => r[key].length)));
const line = (cells) => cells.map((cell, i) => cell.padEnd(widths[i])).join(' | ');
console.log(`\n${line(columns.map(([title]) => title))} | ok`);
console.log(`${widths.map((w) => '-'.repeat(w)).join('-|-')}-|---`);
for (const r of rows) console.log(`${line(columns.map(([, key]) => r[key]))} | ${r.ok === null ? '' : r.ok ? 'yes' : 'NO'}`);
const missed = rows.filter((r) => r.ok === false).length;
const seconds = (performance.now() - benchStarted) / 1000;
console.log(missed ? `\n${missed} budget(s) missed (${seconds.toFixed(0)} s).` : `\nAll budgets met (${seconds.toFixed(0)} s).`);
process.exit(missed ? 1 : 0);
