// `node test/bench/ab.mjs <distA> <distB> [rounds]`: two builds of the SPA side by side, each served by its own
// studio worker (so each has its own origin and database), both seeded with the bench's 5,000 tasks; first paint and
// gallery open measured A B, B A, … in turns. For a before/after of a change on a loaded machine.
import { startStudio } from '../../worker/scripts/launch.mjs';
import { launchChromium } from '../support/chromium.mjs';
import { median, WAIT_MS } from './measure.mjs';
import { PAGE_SIZE, PLAYABLE, sample, seed, TASKS, watchFirstPage } from './gallery-row.mjs';

const [distA, distB] = process.argv.slice(2, 4);
const rounds = Number(process.argv[4] ?? 12);
if (!distA || !distB) throw new Error('usage: node test/bench/ab.mjs <distA> <distB> [rounds]');
const vars = { DEMO_STAGES_MS: '5000,5000,5000' };
const [a, b] = await Promise.all([startStudio({ assets: distA, vars, logLevel: 'error' }), startStudio({ assets: distB, vars, logLevel: 'error' })]);
const browser = await launchChromium();
try {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, serviceWorkers: 'block' });
  context.setDefaultTimeout(WAIT_MS);
  await context.addInitScript(watchFirstPage, PAGE_SIZE);
  const pages = {};
  for (const [name, studio] of [['A', a], ['B', b]]) {
    const page = (pages[name] = await context.newPage());
    await page.goto(`${studio.url}/`);
    await page.waitForFunction(async () => (await indexedDB.databases()).some((d) => d.name === 'hailuo-studio' && d.version === 2));
    await page.evaluate(seed, { count: TASKS, playable: PLAYABLE, sampleBase64: sample });
  }
  const urls = { A: `${a.url}/`, B: `${b.url}/` };
  const seen = { A: { paint: [], gallery: [] }, B: { paint: [], gallery: [] } };
  for (let i = 0; i < rounds; i++) {
    for (const name of i % 2 ? ['B', 'A'] : ['A', 'B']) {
      const page = pages[name];
      await page.goto(urls[name]);
      await page.waitForFunction(() => globalThis.__galleryShownAt !== null, null, { timeout: WAIT_MS });
      const { paint, gallery } = await page.evaluate(() => ({
        paint: performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? NaN,
        gallery: globalThis.__galleryShownAt,
      }));
      if (i > 0) {
        seen[name].paint.push(paint);
        seen[name].gallery.push(gallery);
      }
    }
  }
  for (const what of ['paint', 'gallery']) {
    const ratio = median(seen.B[what].map((ms, i) => ms / seen.A[what][i]));
    console.log(`${what.padEnd(8)} A median ${median(seen.A[what]).toFixed(0)} ms, B median ${median(seen.B[what]).toFixed(0)} ms, B/A per round: median ${ratio.toFixed(2)}`);
  }
} finally {
  await browser.close();
  await Promise.all([a.stop(), b.stop()]);
}
