// The 2K/15 s video in Chromium, each figure beside its floor (test/bench/pages/video.js): stored in IndexedDB by
// the app's db module vs raw puts, its first frame played back from IndexedDB vs the same records read raw (and vs
// a Blob in memory, for context), and the history of those videos exported and imported vs a plain stream of the
// same bytes. Judged on the CPU time all of Chromium's processes spend, app and floor in turns.
import { chromiumPids, cpuSince, median, MiB, settled, WAIT_MS } from './measure.mjs';

/** Samples the page's JS heap (CDP) while `run` runs: the peak above a collected-garbage baseline, MiB. */
async function heapGrowth(cdp, run) {
  const used = async () => (await cdp.send('Runtime.getHeapUsage')).usedSize;
  await cdp.send('HeapProfiler.collectGarbage');
  const baseline = await used();
  let peak = baseline;
  let running = true;
  const sampling = (async () => {
    while (running) {
      peak = Math.max(peak, await used());
      await new Promise((r) => setTimeout(r, 20));
    }
  })();
  try {
    const result = await run();
    return { result, growth: (Math.max(peak, await used()) - baseline) / MiB };
  } finally {
    running = false;
    await sampling;
  }
}

/**
 * @param {import('playwright-core').Browser} browser
 * @param {{ pageUrl: string, videoPath: string, bytes: number, history: number }} options
 *   videoPath: the studio's /api/v1/files/content URL of the video; history: how many copies make the history
 */
export async function videoRows(browser, { pageUrl, videoPath, bytes, history }, storeRounds = 3, frameRounds = 10) {
  const context = await browser.newContext({ serviceWorkers: 'block' });
  context.setDefaultTimeout(WAIT_MS);
  const T0 = performance.now();
  const lap = (what) => console.error(`[video] ${what} ${((performance.now() - T0) / 1000).toFixed(1)} s`);
  try {
    const page = await context.newPage();
    await page.goto(pageUrl);
    await page.waitForFunction(() => globalThis.__benchReady === true);
    const cdp = await context.newCDPSession(page);
    const loaded = await page.evaluate((url) => globalThis.bench.load(url), videoPath);
    if (loaded !== bytes) throw new Error(`the page got ${loaded} bytes of ${bytes}`);
    let unsettled = 0;
    /**
     * One timed step of the page, app's or floor's alike: its wall ms (the page's clock), the CPU ms all of
     * Chromium's processes spent meanwhile (IndexedDB runs in the browser process, the decoder on the renderer's
     * media threads: the page's main thread alone would miss them), and the page's JS heap growth.
     */
    const measured = async (step, arg) => {
      if (!(await settled(chromiumPids))) unsettled++;
      const cpu = cpuSince(chromiumPids);
      const { result, growth } = await heapGrowth(cdp, () => page.evaluate(step, arg));
      const run = { ...(typeof result === 'number' ? { ms: result } : result), cpuMs: cpu(), heap: growth };
      if (process.env.BENCH_DEBUG) console.error(`[video] ${String(step).match(/bench\.(\w+)/)?.[1]} ${arg ?? ''}: CPU ${run.cpuMs.toFixed(0)} ms, wall ${run.ms.toFixed(0)} ms`);
      return run;
    };

    lap('loaded');
    // Stored: the app's saveVideo beside raw puts of the same chunks, in turns; the first `history` app copies stay
    // (the history exported below).
    const store = { app: [], floor: [] };
    for (let i = 0; i < Math.max(history, storeRounds); i++) {
      const order = i % 2 ? ['floor', 'app'] : ['app', 'floor'];
      for (const which of order) {
        if (which === 'floor') {
          store.floor.push(await measured((n) => globalThis.bench.storeRaw(n), i));
          await page.evaluate((n) => globalThis.bench.afterStoreRaw(n), i);
        } else {
          await page.evaluate((n) => globalThis.bench.newTask(n), i);
          store.app.push(await measured((n) => globalThis.bench.storeApp(n), i));
          await page.evaluate(([n, keep]) => globalThis.bench.afterStoreApp(n, keep), [i, i < history]);
        }
      }
    }

    lap('stored');
    // First frame: from asking for the Blob to the first frame decoded; the app's stored video against the same
    // chunk records read raw, and the same bytes in memory beside them (what keeping videos in IndexedDB costs).
    const frames = { app: [], raw: [], memory: [] };
    const orders = [['app', 'raw', 'memory'], ['raw', 'memory', 'app'], ['memory', 'app', 'raw']];
    for (let i = 0; i < frameRounds; i++) {
      for (const which of orders[i % orders.length]) {
        if (which === 'memory' && i > 3) continue; // context only: three kept runs do
        const shown = await measured((kind) => globalThis.bench.firstFrame(kind), which);
        if (i > 0) frames[which].push(shown);
      }
    }

    lap('frames');
    // Export, then import, the history, every run between two runs of its floor (floor, app, floor, app, …, floor),
    // after a warm-up floor (a cold first floor made the app look 30-40 % faster). An export takes ~1 s, an import
    // ~0.3 s: imports run more often.
    const bracketedRuns = async ({ app, floor, before = null, after = null }, times) => {
      const floorRun = async () => {
        const run = await measured(floor);
        if (after) await page.evaluate(after);
        return run;
      };
      await floorRun();
      const floors = [await floorRun()];
      const runs = [];
      for (let i = 0; i < times; i++) {
        if (before) await page.evaluate(before);
        runs.push(await measured(app));
        floors.push(await floorRun());
      }
      return { runs, floors };
    };
    const exported = await bracketedRuns({ app: () => globalThis.bench.exportApp(), floor: () => globalThis.bench.exportFloor() }, 2);
    const imported = await bracketedRuns(
      {
        app: () => globalThis.bench.importApp(),
        floor: () => globalThis.bench.importFloor(),
        before: () => globalThis.bench.beforeImportApp(),
        after: () => globalThis.bench.afterImportFloor(),
      },
      5,
    );
    lap('export/import');
    return {
      store: judged(store.app, store.floor),
      firstFrame: { ...judged(frames.app, frames.raw), inMemory: judged(frames.raw, frames.memory), video: frames.app.at(-1) },
      export: { ...judged(exported.runs, exported.floors), archiveBytes: exported.runs[0].archiveBytes },
      import: judged(imported.runs, imported.floors),
      historyBytes: history * bytes,
      unsettled,
    };
  } finally {
    await context.close();
  }
}

/**
 * The app's runs against its floor's: the median run's CPU ms (the verdict) and wall ms (for context), and the
 * largest heap growth of the app's runs.
 */
function judged(app, floor) {
  const cpu = { app: median(app.map((run) => run.cpuMs)), floor: median(floor.map((run) => run.cpuMs)) };
  const wall = { app: median(app.map((run) => run.ms)), floor: median(floor.map((run) => run.ms)) };
  return { cpu: { ...cpu, ratio: cpu.app / cpu.floor }, wall, heap: Math.max(...app.map((run) => run.heap)) };
}
