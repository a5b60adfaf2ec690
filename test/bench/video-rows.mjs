// The 2K/15 s video in Chromium, each figure beside its floor (test/bench/pages/video.js): stored in IndexedDB by
// the app's db module vs raw puts, its first frame played back from IndexedDB vs the same records read raw (and vs
// a Blob in memory, for context), and the history of those videos exported and imported vs a plain stream of the
// same bytes. Judged on the CPU time all of Chromium's processes spend, app and floor in turns.
import { chromiumPids, cpuSince, median, MiB, settled, WAIT_MS } from './measure.mjs';

/**
 * One timed step of the page, app's or floor's alike. The garbage of the steps before is collected, then Chromium
 * left to go quiet (what the collection frees, a previous step's files being deleted), and only then is the count
 * started: the CPU ms all of Chromium's processes spend until the step answers (IndexedDB runs in the browser
 * process, the decoder on the renderer's media threads: the page's main thread alone would miss them). The page's JS
 * heap is sampled meanwhile (a CDP call every 20 ms, on both sides alike): its peak above the collected baseline.
 * @param {import('playwright-core').CDPSession} cdp
 * @param {() => Promise<any>} step
 */
async function measuredStep(cdp, step) {
  const used = async () => (await cdp.send('Runtime.getHeapUsage')).usedSize;
  await cdp.send('HeapProfiler.collectGarbage');
  const quiet = await settled(chromiumPids);
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
    const cpu = cpuSince(chromiumPids);
    const result = await step();
    const { ms: cpuMs, lost } = cpu();
    return { ...(typeof result === 'number' ? { ms: result } : result), cpuMs, lost, quiet, heap: (Math.max(peak, await used()) - baseline) / MiB };
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
export async function videoRows(browser, { pageUrl, videoPath, bytes, history }, storeRounds = 3, frameRounds = 9) {
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
    const steps = [];
    const measured = async (step, arg) => {
      const run = await measuredStep(cdp, () => page.evaluate(step, arg));
      steps.push(run);
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
    // The player is taken down after each count (its decoder threads end with it and would be lost from a window).
    const frames = { app: [], raw: [], memory: [] };
    for (let i = 0; i < frameRounds; i++) {
      // app and raw each first in every other round; the in-memory reference after them, three kept runs
      for (const which of [...(i % 2 ? ['raw', 'app'] : ['app', 'raw']), ...(i < 4 ? ['memory'] : [])]) {
        const shown = await measured((kind) => globalThis.bench.firstFrame(kind), which);
        await page.evaluate(() => globalThis.bench.afterFirstFrame());
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
      unsettled: steps.filter((run) => !run.quiet).length,
      lostThreads: steps.reduce((total, run) => total + run.lost, 0),
      steps: steps.length,
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
