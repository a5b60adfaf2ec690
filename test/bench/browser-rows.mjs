// First contentful paint of the studio page beside a one-element page served by the same worker, same headers.
import { median, WAIT_MS } from './measure.mjs';

/** A cold load that never paints (wrangler's local dev proxy at times never answers one request) gives up here. */
const STALLED_MS = 30_000;
/** Cold loads that stalled and were made again, printed with the row: a stall is the local server's, not a figure. */
export const stalledLoads = [];

async function fcp(browser, url, again = true) {
  const context = await browser.newContext();
  context.setDefaultTimeout(WAIT_MS);
  try {
    const page = await context.newPage();
    // the first contentful paint is what is timed: waiting for `load` as well (every chunk the page asks for early,
    // the history's too) only gives a loaded machine more ways to stall the run
    await page.goto(url, { waitUntil: 'commit' });
    return await page.evaluate(
      (stalledMs) =>
        new Promise((resolve, reject) => {
          setTimeout(() => reject(new Error(`no first paint ${stalledMs} ms after the navigation committed`)), stalledMs);
          const found = performance.getEntriesByName('first-contentful-paint')[0];
          if (found) return resolve(found.startTime);
          new PerformanceObserver((list) => resolve(list.getEntries()[0].startTime)).observe({ type: 'paint', buffered: true });
        }),
      STALLED_MS,
    );
  } catch (error) {
    if (!again) throw error;
    stalledLoads.push(`${url}: ${error.message}`);
    console.error(`[paint] ${url}: ${error.message}; loading it again`);
    return fcp(browser, url, false);
  } finally {
    await context.close();
  }
}

/** Cold loads (a fresh context each), studio and floor in turns; the first round warms the worker and is dropped. */
export async function firstContentfulPaint(browser, url, floorUrl, rounds = 5) {
  const app = [];
  const floor = [];
  for (let i = 0; i < rounds; i++) {
    const order = i % 2 ? ['floor', 'app'] : ['app', 'floor'];
    for (const which of order) {
      const ms = await fcp(browser, which === 'app' ? url : floorUrl);
      if (i > 0) (which === 'app' ? app : floor).push(ms);
    }
  }
  return { app: median(app), floor: median(floor), ratio: median(app.map((ms, i) => ms / floor[i])) };
}
