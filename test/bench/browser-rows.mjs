// First contentful paint of the studio page beside the least a single-page app can do (pages/floor.html: its HTML,
// one module script and one stylesheet, one heading), both served by the same worker with the same headers.
//
// What is judged is the CPU time the page's main thread spent from navigation until the page holds the text its first
// contentful paint shows, not the paint's wall time. On this 2-core machine a cold load's wall time is mostly waiting
// for a turn on a core (the worker's dev proxy, the browser process, the compositor): delays common to both pages that
// grow with the machine's load and owe nothing to our code. In one renderer, the same build's paint came out × 1.0–3.8
// its floor's from one run to the next at load 3–54, its main thread's CPU time × 3.45–4.05. With a fresh browser
// context per load (until session 6) wall time moved × 1.2–2.5 between runs at load 1–22: a new renderer process's
// start, timed for both pages, squeezed the ratio towards 1 the more the machine was loaded.
import { median, WAIT_MS } from './measure.mjs';

/** A cold load that never paints (wrangler's local dev proxy at times never answers one request) gives up here. */
const STALLED_MS = 30_000;
/** Cold loads that stalled and were made again, printed with the row: a stall is the local server's, not a figure. */
export const stalledLoads = [];
const BLANK = '/bench/blank';

/**
 * In every page but the blank one: the moment the page first holds text (what its first contentful paint shows; the
 * studio mounts its whole first screen at once), note the time and stop at a `debugger` statement, in the very task
 * that put the text in, so the page's CPU time is read before anything else runs. Waiting for the paint entry instead
 * also counted the chunks the studio asks for at start-up whenever they arrived before a late frame: on a loaded
 * machine, more of them (× 4.6 its floor at load 20, × 3.5–3.7 at load 15).
 */
function pauseAtFirstText(blank) {
  if (location.pathname === blank) return;
  const observer = new MutationObserver(() => {
    if (!document.body?.textContent.trim()) return;
    observer.disconnect();
    globalThis.__firstTextMs = performance.now();
    debugger;
  });
  observer.observe(document, { childList: true, subtree: true, characterData: true });
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
  await context.addInitScript(pauseAtFirstText, BLANK);
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  await cdp.send('Performance.enable', { timeDomain: 'threadTicks' });
  await cdp.send('Debugger.enable');
  let paused = null;
  cdp.on('Debugger.paused', async () => {
    // the document's own counters, since its navigation; ThreadTime counts the task still running (TaskDuration not)
    const { metrics } = await cdp.send('Performance.getMetrics');
    await cdp.send('Debugger.resume');
    paused?.(metrics.find((m) => m.name === 'ThreadTime').value * 1000);
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
      return { cpuMs, wallMs: await page.evaluate(() => globalThis.__firstTextMs) };
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
export async function firstContentfulPaint(browser, origin, rounds = 11) {
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
