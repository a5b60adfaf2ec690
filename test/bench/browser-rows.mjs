// First contentful paint of the studio page beside the least a single-page app can do (pages/floor.html: its HTML,
// one module script and one stylesheet, one heading), both served by the same worker with the same headers.
//
// What is judged is the CPU time the page's main thread spent from navigation to that paint, not the paint's wall
// time. On this 2-core machine a cold load's wall time is mostly waiting for a turn on a core: the worker's dev proxy,
// the browser process and the compositor each wait their turn before the paint shows, delays common to both pages
// that grow with the machine's load and do not depend on our code. The studio's paint came out × 1.0–1.2 its floor's
// at load 12–20 and × 2–3.5 at load 5–15 for the same build; its main thread's CPU time, × 3.4–3.7 in both.
import { median, WAIT_MS } from './measure.mjs';

/** A cold load that never paints (wrangler's local dev proxy at times never answers one request) gives up here. */
const STALLED_MS = 30_000;
/** Cold loads that stalled and were made again, printed with the row: a stall is the local server's, not a figure. */
export const stalledLoads = [];
const BLANK = '/bench/blank';

/**
 * In every page but the blank one: at the first contentful paint, note its time and stop at a `debugger` statement,
 * so the page's CPU time is read before it runs anything after the paint (the studio goes on loading chunks).
 */
function pauseAtFirstPaint(blank) {
  if (location.pathname === blank) return;
  new PerformanceObserver((list) => {
    const paint = list.getEntriesByName('first-contentful-paint')[0];
    if (!paint) return;
    globalThis.__firstPaintMs = paint.startTime;
    // eslint-disable-next-line no-debugger
    debugger;
  }).observe({ type: 'paint' });
}

/**
 * Cold loads in one tab: the HTTP cache off and the origin's storage cleared before each, so every load fetches every
 * file and makes the database afresh, as a first visit does. Each load starts from a blank page of the same origin and
 * runs in the renderer process already up (a fresh browser context per load also timed a new process's start).
 */
async function coldLoader(browser, origin) {
  // no service worker: from the second load on it would answer from its own cache
  const context = await browser.newContext({ serviceWorkers: 'block' });
  context.setDefaultTimeout(WAIT_MS);
  await context.addInitScript(pauseAtFirstPaint, BLANK);
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  // durations in thread time: the CPU the main thread used, not the wall time its tasks took
  await cdp.send('Performance.enable', { timeDomain: 'threadTicks' });
  await cdp.send('Debugger.enable');
  let paused = null;
  cdp.on('Debugger.paused', async () => {
    // the document's own counters, since its navigation
    const { metrics } = await cdp.send('Performance.getMetrics');
    await cdp.send('Debugger.resume');
    paused?.(metrics.find((m) => m.name === 'TaskDuration').value * 1000);
  });
  const load = async (url, again = true) => {
    try {
      await page.goto(`${origin}${BLANK}`);
      await cdp.send('Storage.clearDataForOrigin', { origin, storageTypes: 'all' });
      let timer;
      const cpu = new Promise((resolve, reject) => {
        paused = resolve;
        timer = setTimeout(() => reject(new Error(`no first paint in ${STALLED_MS} ms`)), STALLED_MS);
      }).finally(() => clearTimeout(timer));
      // the paint is what is timed: waiting for `load` as well only gives a loaded machine more ways to stall the run
      await page.goto(url, { waitUntil: 'commit' });
      const cpuMs = await cpu;
      return { cpuMs, wallMs: await page.evaluate(() => globalThis.__firstPaintMs) };
    } catch (error) {
      if (!again) throw error;
      stalledLoads.push(`${url}: ${error.message}`);
      console.error(`[paint] ${url}: ${error.message}; loading it again`);
      return load(url, false);
    } finally {
      paused = null;
    }
  };
  return { load, close: () => context.close() };
}

/**
 * Studio and floor in turns (A B, B A, …); the first round warms the worker and is dropped. The verdict is the median
 * of the per-round ratios of CPU time: each pair is measured back to back, under the same load.
 */
export async function firstContentfulPaint(browser, origin, rounds = 13) {
  const urls = { app: `${origin}/`, floor: `${origin}/bench/floor` };
  const loader = await coldLoader(browser, origin);
  const loads = { app: [], floor: [] };
  try {
    for (let i = 0; i < rounds; i++) {
      for (const which of i % 2 ? ['floor', 'app'] : ['app', 'floor']) {
        const measured = await loader.load(urls[which]);
        if (i > 0) loads[which].push(measured);
      }
    }
  } finally {
    await loader.close();
  }
  const [app, floor] = [loads.app, loads.floor].map((list) => ({ cpu: list.map((l) => l.cpuMs), wall: list.map((l) => l.wallMs) }));
  console.error(`[paint] CPU ms: app ${app.cpu.map(Math.round).join(', ')}; floor ${floor.cpu.map(Math.round).join(', ')}`);
  console.error(`[paint] wall ms: app ${app.wall.map(Math.round).join(', ')}; floor ${floor.wall.map(Math.round).join(', ')}`);
  return {
    app: median(app.cpu),
    floor: median(floor.cpu),
    ratio: median(app.cpu.map((ms, i) => ms / floor.cpu[i])),
    wall: { app: median(app.wall), floor: median(floor.wall) },
  };
}
