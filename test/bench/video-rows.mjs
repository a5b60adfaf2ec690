// The 2K/15 s video in Chromium, each figure beside its floor (test/bench/pages/video.js): stored in IndexedDB by
// the app's db module vs raw puts, its first frame played back from IndexedDB vs from a Blob in memory, and the
// history of those videos exported and imported vs a plain stream of the same bytes.
import { median, MiB, WAIT_MS } from './measure.mjs';

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
export async function videoRows(browser, { pageUrl, videoPath, bytes, history }, storeRounds = 3, frameRounds = 4) {
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

    lap('loaded');
    // Stored: the app's saveVideo beside raw puts of the same chunks, in turns; the first `history` app copies stay
    // (the history exported below).
    const store = { app: [], floor: [], heap: [] };
    for (let i = 0; i < Math.max(history, storeRounds); i++) {
      const order = i % 2 ? ['floor', 'app'] : ['app', 'floor'];
      for (const which of order) {
        if (which === 'floor') store.floor.push(await page.evaluate((n) => globalThis.bench.storeRaw(n), i));
        else {
          const { result, growth } = await heapGrowth(cdp, () => page.evaluate(([n, keep]) => globalThis.bench.storeApp(n, keep), [i, i < history]));
          store.app.push(result);
          store.heap.push(growth);
        }
      }
    }

    lap('stored');
    // First frame: from asking for the Blob to the first frame decoded, stored video vs the same bytes in memory.
    const frames = { app: [], floor: [] };
    let shown;
    for (let i = 0; i < frameRounds; i++) {
      const order = i % 2 ? ['floor', 'app'] : ['app', 'floor'];
      for (const which of order) {
        shown = await page.evaluate((kind) => globalThis.bench.firstFrame(kind), which);
        if (i > 0) frames[which].push(shown.ms);
      }
    }

    lap('frames');
    // Export, then import, the history, twice each, every run between two runs of its floor (floor, app, floor, app,
    // floor): each app run against the mean of the floor's either side of it, so a load that rises or falls meanwhile
    // counts in both; the verdict compares the means (one run alone swung by 30 % on a loaded machine).
    const bracketedRuns = async (app, floor) => {
      await page.evaluate(floor); // warms IndexedDB's cache: a cold first floor made the app look 30-40 % faster
      const floors = [await page.evaluate(floor)];
      const runs = [];
      for (let i = 0; i < 2; i++) {
        runs.push(await heapGrowth(cdp, () => page.evaluate(app)));
        floors.push(await page.evaluate(floor));
      }
      return { runs, floors };
    };
    const exported = await bracketedRuns(() => globalThis.bench.exportApp(), () => globalThis.bench.exportFloor());
    const imported = await bracketedRuns(() => globalThis.bench.importApp(), () => globalThis.bench.importFloor());
    lap('export/import');
    const rate = ({ ms, videoBytes }) => videoBytes / MiB / (ms / 1000);
    /** Our mean rate and the floor's (each run against its neighbours), and the largest heap growth. */
    const judged = ({ runs, floors }) => {
      const floorRates = runs.map((_, i) => rate({ ms: (floors[i].ms + floors[i + 1].ms) / 2, videoBytes: floors[i].videoBytes }));
      const appRates = runs.map((run) => rate(run.result));
      const mean = (list) => list.reduce((a, b) => a + b, 0) / list.length;
      return { app: mean(appRates), floor: mean(floorRates), heap: Math.max(...runs.map((run) => run.growth)) };
    };

    const perMiB = bytes / MiB;
    return {
      store: {
        app: median(store.app) / perMiB,
        floor: median(store.floor) / perMiB,
        ratio: median(store.app.map((ms, i) => ms / store.floor[i])),
        heap: Math.max(...store.heap),
      },
      firstFrame: { app: median(frames.app), floor: median(frames.floor), ratio: median(frames.app.map((ms, i) => ms / frames.floor[i])), video: shown },
      export: { ...judged(exported), archiveBytes: exported.runs[0].result.archiveBytes },
      import: judged(imported),
      historyBytes: history * bytes,
    };
  } finally {
    await context.close();
  }
}
