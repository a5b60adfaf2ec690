// Status calls per live task over a 3-minute task, in Chromium with the page's clock driven by Playwright:
// a demo-mode studio whose Processing stage outlasts the window, one task submitted through the form, then
// 180 s of page time in 1 s steps (real fetches answer between steps). Counts the status calls per task (v1
// `/api/v1/query/video_generation?task_id=`, or v2 `/api/v2/query/video_generation/<id>` for the default MiniMax-H3)
// and the most calls ever in flight at once for one task.

import { WAIT_MS } from './measure.mjs';

const WINDOW_MS = 180_000;
const STEP_MS = 1_000;
/** real milliseconds after a step for a status call it started to show up, and after its answer for the next timer to be set */
const SETTLE_MS = 40;
const NOTICE_MS = 10;
export const DEMO_STAGES_MS = '5000,5000,170000';
const CREATE_PATH = /^\/api\/v[12]\/video_generation$/;

/** The task a status call asks about, or null for any other request. */
function queriedTask(url) {
  const u = new URL(url);
  if (u.pathname === '/api/v1/query/video_generation') return u.searchParams.get('task_id');
  return /^\/api\/v2\/query\/video_generation\/([^/]+)$/.exec(u.pathname)?.[1] ?? null;
}

/**
 * @param {import('playwright-core').Browser} browser
 * @param {string} url a demo-mode studio started with DEMO_STAGES_MS
 */
export async function pollingRow(browser, url) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  context.setDefaultTimeout(WAIT_MS);
  try {
    const page = await context.newPage();
    await page.clock.install(); // before navigation: every timer and Date the app uses is the page clock's
    const calls = new Map(); // task_id → { count, inFlight, maxInFlight, at: [page ms] }
    let pageNow = 0;
    const entry = (request) => {
      const id = queriedTask(request.url());
      if (id === null) return null;
      if (!calls.has(id)) calls.set(id, { count: 0, inFlight: 0, maxInFlight: 0, at: [] });
      return calls.get(id);
    };
    page.on('request', (request) => {
      const e = entry(request);
      if (!e) return;
      e.count++;
      e.inFlight++;
      e.maxInFlight = Math.max(e.maxInFlight, e.inFlight);
      e.at.push(pageNow);
    });
    const finished = (request) => {
      const e = entry(request);
      if (e) e.inFlight--;
    };
    const inFlight = () => [...calls.values()].some((e) => e.inFlight > 0);
    page.on('requestfinished', finished);
    page.on('requestfailed', finished);

    await page.goto(url);
    await page.getByRole('textbox', { name: 'Prompt' }).fill('A slow three-minute task for the polling budget');
    const created = page.waitForResponse((r) => r.request().method() === 'POST' && CREATE_PATH.test(new URL(r.url()).pathname));
    await page.getByRole('button', { name: 'Generate' }).click();
    const createdAnswer = await (await created).json();
    if (!createdAnswer.task_id) throw new Error(`create failed: ${JSON.stringify(createdAnswer)}`);
    const started = await page.evaluate(() => Date.now());

    for (let t = 0; t < WINDOW_MS; t += STEP_MS) {
      pageNow = t;
      await page.clock.runFor(STEP_MS);
      // most steps start no call: wait only for the ones that do, until answered and the next timer is set
      await page.waitForTimeout(NOTICE_MS);
      if (!inFlight()) continue;
      for (const until = Date.now() + WAIT_MS; inFlight() && Date.now() < until; ) await page.waitForTimeout(5);
      await page.waitForTimeout(SETTLE_MS);
    }
    const elapsed = (await page.evaluate(() => Date.now())) - started;
    const task = calls.get(createdAnswer.task_id) ?? { count: 0, maxInFlight: 0, at: [] };
    const status = await page.getByRole('region', { name: 'Queue' }).getByRole('status').first().textContent().catch(() => '?');
    return {
      calls: task.count,
      maxInFlight: task.maxInFlight,
      windowSeconds: elapsed / 1000,
      perTenSeconds: task.count / (elapsed / 10_000),
      otherTasks: calls.size - (calls.has(createdAnswer.task_id) ? 1 : 0),
      at: task.at.map((ms) => ms / 1000),
      statusAtEnd: status?.trim(),
    };
  } finally {
    await context.close();
  }
}
