// Status calls per live task over a 3-minute task, in Chromium with the page's clock driven by Playwright:
// a demo-mode studio whose Processing stage outlasts the window, one task submitted through the form, then
// 180 s of page time in 1 s steps (real fetches answer between steps). Counts GET /api/v1/query/video_generation
// per task_id and the most calls ever in flight at once for one task.

import { WAIT_MS } from './measure.mjs';

const WINDOW_MS = 180_000;
const STEP_MS = 1_000;
/** real milliseconds left between steps for the in-flight status call to be answered and the next timer set */
const SETTLE_MS = 40;
export const DEMO_STAGES_MS = '5000,5000,170000';
const QUERY_PATH = '/api/v1/query/video_generation';

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
      const u = new URL(request.url());
      if (u.pathname !== QUERY_PATH) return null;
      const id = u.searchParams.get('task_id');
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
    page.on('requestfinished', finished);
    page.on('requestfailed', finished);

    await page.goto(url);
    await page.getByRole('textbox', { name: 'Prompt' }).fill('A slow three-minute task for the polling budget');
    const created = page.waitForResponse((r) => new URL(r.url()).pathname === '/api/v1/video_generation');
    await page.getByRole('button', { name: 'Generate' }).click();
    const createdAnswer = await (await created).json();
    if (!createdAnswer.task_id) throw new Error(`create failed: ${JSON.stringify(createdAnswer)}`);
    const started = await page.evaluate(() => Date.now());

    for (let t = 0; t < WINDOW_MS; t += STEP_MS) {
      pageNow = t;
      await page.clock.runFor(STEP_MS);
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
