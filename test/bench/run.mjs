// `npm run bench`: one table, each figure beside its budget from design.md; exits non-zero when one is missed.
import { startSimulatorWorker } from '../../worker/scripts/simulator.mjs';
import { fileURLToPath } from 'node:url';
import { startStudio, startWorker } from '../../worker/scripts/launch.mjs';
import { launchChromium } from '../support/chromium.mjs';
import { firstContentfulPaint } from './browser-rows.mjs';
import { firstLoadSizes } from './bundle-row.mjs';
import { galleryRows, SEARCH_DEBOUNCE_MS } from './gallery-row.mjs';
import { workerdPids } from './measure.mjs';
import { DEMO_STAGES_MS, pollingRow } from './polling-row.mjs';
import { statusOverhead, streamThroughput } from './worker-rows.mjs';

const KEY = 'sk-bench-key-0123456789';
const rows = [];

/** @param {string} what @param {number} value @param {string} unit @param {'<='|'>='} op @param {number} budget */
function row(what, value, unit, op, budget) {
  const ok = op === '<=' ? value <= budget : value >= budget;
  rows.push({ what, value: `${value.toFixed(value < 10 ? 2 : 1)} ${unit}`, budget: `${op} ${budget} ${unit}`, ok });
}

/** A figure shown for context, with no budget of its own. */
function reference(what, value, unit) {
  rows.push({ what, value: `${value.toFixed(2)} ${unit}`, budget: '(reference)', ok: null });
}

const sim = await startSimulatorWorker({ keys: [KEY], stagesMs: { preparing: 10, queueing: 10, processing: 10 }, rpm: 1000 });
const before = new Set(workerdPids());
const studio = await startStudio({
  vars: { MINIMAX_API_BASE: sim.url, MINIMAX_FILE_HOSTS: '127.0.0.1' },
  secrets: { MINIMAX_API_KEY: KEY },
  logLevel: 'error',
});
// wrangler runs the worker and its dev proxy in workerd processes of their own: count them all.
const studioPids = workerdPids().filter((pid) => !before.has(pid));
const passThrough = await startWorker({
  name: 'bench-reference-pass-through',
  entrypoint: fileURLToPath(new URL('./reference-worker.js', import.meta.url)),
  vars: { MINIMAX_API_BASE: sim.url, MINIMAX_API_KEY: KEY },
});
let browser;
let demo;
try {
  const overhead = await statusOverhead({ simUrl: sim.url, targets: { studio: studio.url, passThrough: passThrough.url }, key: KEY });
  row('status call: worker overhead p50', overhead.studio.p50, 'ms', '<=', 2);
  row('status call: worker overhead p95', overhead.studio.p95, 'ms', '<=', 5);
  reference('status call: a 10-line pass-through worker, same run, p50', overhead.passThrough.p50, 'ms');
  reference('status call: a 10-line pass-through worker, same run, p95', overhead.passThrough.p95, 'ms');

  const stream = await streamThroughput({ simUrl: sim.url, studioUrl: studio.url, key: KEY, studioPids });
  row(`256 MiB stream: throughput vs direct (${stream.proxied.toFixed(0)} / ${stream.direct.toFixed(0)} MiB/s)`, stream.ratio * 100, '%', '>=', 60);
  row('256 MiB stream: workerd RSS growth', stream.rssGrowth, 'MiB', '<=', 64);

  const sizes = firstLoadSizes();
  row('SPA first-load JS (gzip)', sizes.js, 'KB', '<=', 45);
  row('SPA CSS (gzip)', sizes.css, 'KB', '<=', 12);

  browser = await launchChromium();
  row('first contentful paint (Chromium, loopback)', await firstContentfulPaint(browser, `${studio.url}/`), 'ms', '<=', 300);

  const gallery = await galleryRows(browser, `${studio.url}/`);
  row('history of 5,000 tasks: gallery opens (navigation → first 24 cards)', gallery.open, 'ms', '<=', 300);
  row(`history of 5,000 tasks: search answers (after its ${SEARCH_DEBOUNCE_MS} ms debounce, median; max ${gallery.searchMax.toFixed(0)} ms)`, gallery.search, 'ms', '<=', 50);
  row(`history: JS heap growth over ${gallery.pages} pages of video cards (${gallery.heapBefore.toFixed(1)} → ${gallery.heapAfter.toFixed(1)} MiB)`, gallery.heapGrowth, 'MiB', '<=', 2);
  row(`history: most live object URLs while paging (${gallery.cardsOnScreen} cards on screen)`, gallery.peakUrls, 'URLs', '<=', gallery.cardsOnScreen);

  demo = await startStudio({ vars: { DEMO_STAGES_MS }, logLevel: 'error' });
  const polling = await pollingRow(browser, `${demo.url}/`);
  row(`polling: status calls for one live task over ${polling.windowSeconds.toFixed(0)} s (page clock)`, polling.calls, 'calls', '<=', 18);
  row('polling: status calls in flight at once for one task', polling.maxInFlight, 'calls', '<=', 1);
} finally {
  await browser?.close();
  await passThrough.stop();
  await demo?.stop();
  await studio.stop();
  await sim.dispose();
}

const width = Math.max(...rows.map((r) => r.what.length));
console.log(`\n${'what'.padEnd(width)} | measured      | budget        | ok`);
console.log(`${'-'.repeat(width)}-|---------------|---------------|---`);
for (const r of rows) console.log(`${r.what.padEnd(width)} | ${r.value.padEnd(13)} | ${r.budget.padEnd(13)} | ${r.ok === null ? '' : r.ok ? 'yes' : 'NO'}`);
const missed = rows.filter((r) => r.ok === false).length;
console.log(missed ? `\n${missed} budget(s) missed.` : '\nAll budgets met.');
process.exit(missed ? 1 : 0);
