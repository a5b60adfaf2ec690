// `node test/bench/trace.mjs`: where the studio's first paint and gallery open spend their time, from a Chromium
// trace (not a guess). Seeds the bench's 5,000 tasks, loads the page warm with tracing on, and prints the main
// thread's tasks, each script request's start and end, first contentful paint and the first full page of cards.
import { startStudio } from '../../worker/scripts/launch.mjs';
import { launchChromium } from '../support/chromium.mjs';
import { PAGE_SIZE, PLAYABLE, sample, seed, TASKS, watchFirstPage } from './gallery-row.mjs';

const RUNS = Number(process.env.TRACE_RUNS ?? 3);
const studio = await startStudio({ vars: { DEMO_STAGES_MS: '5000,5000,5000' }, logLevel: 'error' });
const browser = await launchChromium();
try {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, serviceWorkers: 'block' });
  await context.addInitScript(watchFirstPage, PAGE_SIZE);
  await context.addInitScript(markIndexedDbReads);
  const page = await context.newPage();
  await page.goto(`${studio.url}/`);
  await page.waitForFunction(async () => (await indexedDB.databases()).some((d) => d.name === 'hailuo-studio' && d.version === 2));
  await page.evaluate(seed, { count: TASKS, playable: PLAYABLE, sampleBase64: sample });
  for (let run = 0; run < RUNS; run++) {
    await browser.startTracing(page, { categories: ['devtools.timeline', 'blink.user_timing', 'loading', 'v8.execute', 'disabled-by-default-devtools.timeline'] });
    await page.goto(`${studio.url}/`);
    await page.waitForFunction(() => globalThis.__galleryShownAt !== null, null, { timeout: 30_000 });
    await page.waitForTimeout(300);
    const { traceEvents } = JSON.parse((await browser.stopTracing()).toString());
    report(traceEvents, run);
  }
} finally {
  await browser.close();
  await studio.stop();
}

function report(events, run) {
  const nav = events.find((e) => e.name === 'navigationStart' || e.name === 'markAsMainFrame');
  const main = events.find((e) => e.name === 'TracingStartedInBrowser')?.args?.data?.frames?.find((f) => !f.parent);
  const start = events.filter((e) => e.name === 'navigationStart' && e.args?.frame === main?.frame).at(-1)?.ts ?? nav.ts;
  const ms = (ts) => ((ts - start) / 1000).toFixed(0).padStart(5);
  const rendererMain = events.find((e) => e.name === 'thread_name' && e.args.name === 'CrRendererMain' && events.some((x) => x.pid === e.pid && x.name === 'EvaluateScript'));
  const lines = [];
  const sends = new Map();
  for (const e of events) {
    if (e.ts < start) continue;
    const d = e.args?.data ?? {};
    if (e.name === 'ResourceSendRequest') sends.set(d.requestId, { url: d.url.replace(/^https?:\/\/[^/]+/, ''), at: e.ts });
    if (e.name === 'ResourceFinish' && sends.has(d.requestId)) {
      const s = sends.get(d.requestId);
      if (!/\/api\//.test(s.url)) lines.push([s.at, `net  ${ms(s.at)} → ${ms(e.ts)}  ${s.url}`]);
    }
    if (e.cat?.includes('blink.user_timing') && e.ph !== 'e' && !e.name.startsWith('navigation')) lines.push([e.ts, `mark ${ms(e.ts)}  ${e.name}`]);
    if (e.name === 'firstContentfulPaint' || e.name === 'firstPaint') lines.push([e.ts, `---- ${ms(e.ts)}  ${e.name}`]);
    if (rendererMain && e.pid === rendererMain.pid && e.tid === rendererMain.tid && e.name === 'RunTask' && e.dur > 8000) {
      const inside = events.filter((x) => x.pid === e.pid && x.tid === e.tid && x.ts >= e.ts && x.ts < e.ts + e.dur && x.dur && x.name !== 'RunTask');
      const top = Object.entries(inside.reduce((acc, x) => ((acc[labelOf(x)] = (acc[labelOf(x)] ?? 0) + x.dur), acc), {}))
        .sort((a, b) => b[1] - a[1])
        .slice(0, 4)
        .map(([name, dur]) => `${name} ${(dur / 1000).toFixed(0)}`)
        .join(', ');
      lines.push([e.ts, `task ${ms(e.ts)} + ${(e.dur / 1000).toFixed(0)} ms: ${top}`]);
    }
  }
  console.log(`\nrun ${run + 1} (ms since navigation start)`);
  for (const [, line] of lines.sort((a, b) => a[0] - b[0])) console.log(line);
}

/** In the page: a user-timing mark for each IndexedDB read started, and a count of cursor steps per index. */
function markIndexedDbReads() {
  const steps = (globalThis.__cursorSteps = {});
  for (const [Type, kind] of [[IDBIndex, 'index'], [IDBObjectStore, 'store']]) {
    for (const method of ['openCursor', 'openKeyCursor', 'count', 'get', 'getAll', 'getAllKeys', 'getKey']) {
      const original = Type.prototype[method];
      if (!original) continue;
      Type.prototype[method] = function (...args) {
        performance.mark(`idb ${kind} ${this.name}.${method}`);
        const request = original.apply(this, args);
        if (method.startsWith('open')) request.__source = `${this.name}.${method}`;
        return request;
      };
    }
  }
  const step = IDBCursor.prototype.continue;
  IDBCursor.prototype.continue = function (...args) {
    const name = this.request?.__source ?? '?';
    steps[name] = (steps[name] ?? 0) + 1;
    return step.apply(this, args);
  };
  const shown = () => {
    if (globalThis.__galleryShownAt === null) return requestAnimationFrame(shown);
    performance.mark(`gallery shown; cursor steps so far ${JSON.stringify(steps)}`);
  };
  requestAnimationFrame(shown);
}

function labelOf(e) {
  const d = e.args?.data ?? {};
  if (e.name === 'EvaluateScript' || e.name === 'v8.compileModule' || e.name === 'v8.evaluateModule') return `${e.name}(${(d.url ?? e.args?.fileName ?? '').split('/').pop()})`;
  if (e.name === 'FunctionCall') return `FunctionCall(${(d.url ?? '').split('/').pop()})`;
  return e.name;
}
