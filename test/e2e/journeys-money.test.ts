// Never pay twice, never lose a paid task, always know who pays (issue 11), in live mode against the simulator over
// HTTP: each journey asserts how many creates the simulator (the upstream) saw, not only what the page shows.
import type { Page, Route } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { openStudioPage, reload, screenshot } from '../support/browser';
import { CREATE_PATH, creates, FAST_STAGES, generate, makePng, queue, recordRequests, storedRow, untilVideoStored, upstreamCreates, writePrompt } from './support/journeys';
import { useStudioAndBrowser } from './support/studio-and-browser';

/** Holds every create's answer (the worker has it: MiniMax made the task) until released: the page never gets it. */
async function loseCreateAnswers(page: Page): Promise<{ forwarded: () => number; release: () => Promise<void> }> {
  let forwarded = 0;
  const held: Route[] = [];
  await page.route(`**${CREATE_PATH}`, async (route) => {
    await route.fetch(); // reaches the worker and MiniMax; the answer is dropped
    forwarded++;
    held.push(route);
  });
  return {
    forwarded: () => forwarded,
    /** later creates go through; the held ones never get their answer (the page goes away first) */
    release: () => page.unroute(`**${CREATE_PATH}`),
  };
}

describe('money (live mode)', () => {
  const suite = useStudioAndBrowser('live', { stages: FAST_STAGES });

  it('a reload while the create is out (MiniMax made it, the answer was lost): one upstream create, the task finishes, its video stored', async () => {
    const { context, page } = await openStudioPage(suite.browser, suite.studio.url);
    try {
      await suite.studio.sim!.clearSeen();
      const lost = await loseCreateAnswers(page);
      const prompt = 'A paper boat drifts down a rain gutter (reload mid-create)';
      await writePrompt(page, prompt);
      await generate(page);
      await expect.poll(() => lost.forwarded(), { timeout: 15_000 }).toBe(1);
      expect((await storedRow(page, prompt))?.status).toBe('submitting');
      await lost.release();
      await reload(page);

      const row = await untilVideoStored(page, prompt);
      expect(row.status).toBe('Success');
      expect(row.taskId).toMatch(/^\d+$/);
      expect(upstreamCreates(await suite.studio.sim!.seen())).toHaveLength(1);
      expect(await queue(page).getByText('Uncertain', { exact: false }).count()).toBe(0);
    } finally {
      await context.close();
    }
  });

  it('a reload during a large image upload, once its row is stored: one upstream create, the video stored', async () => {
    const { context, page } = await openStudioPage(suite.browser, suite.studio.url);
    try {
      await suite.studio.sim!.clearSeen();
      await page.getByRole('radio', { name: 'Image → video' }).check();
      // noise-free gradient PNGs compress well: a big one so the upload takes a while
      await page.getByLabel('First frame: Choose image').setInputFiles({ name: 'big.png', mimeType: 'image/png', buffer: makePng(2400, 1600) });
      await expect.poll(() => page.getByRole('img', { name: 'First frame preview' }).count(), { timeout: 20_000 }).toBe(1);
      const prompt = 'The camera glides over the gradient (reload during upload)';
      await writePrompt(page, prompt);
      await generate(page);
      // reload once the row exists and its upload is under way, however long the machine took to get there
      await expect.poll(async () => (await storedRow(page, prompt))?.status).toBeDefined();
      await reload(page);

      const row = await untilVideoStored(page, prompt, 45_000);
      expect(row.status).toBe('Success');
      expect(upstreamCreates(await suite.studio.sim!.seen())).toHaveLength(1);
    } finally {
      await context.close();
    }
  });

  it('Generate while offline waits as "will send when online" (no create, not uncertain); back online it is sent once', async () => {
    const { context, page } = await openStudioPage(suite.browser, suite.studio.url);
    try {
      await suite.studio.sim!.clearSeen();
      const requests = recordRequests(page);
      await page.getByRole('heading', { name: 'Queue' }).waitFor();
      await context.setOffline(true);
      await expect.poll(() => page.getByText('You are offline.', { exact: false }).count()).toBe(1);
      const prompt = 'A kite rises over a windy beach (offline)';
      await writePrompt(page, prompt);
      await generate(page);
      const item = queue(page).getByRole('listitem').filter({ hasText: prompt });
      await expect.poll(() => item.getByText('Offline: will send when online', { exact: false }).count()).toBe(1);
      await screenshot(page, 'money-offline-en-1280');
      await page.setViewportSize({ width: 360, height: 800 });
      await screenshot(page, 'money-offline-en-360');
      expect((await storedRow(page, prompt))?.status).toBe('queued');
      // not even tried while offline (a failed try would have made it uncertain)
      expect(creates(requests)).toHaveLength(0);
      expect(upstreamCreates(await suite.studio.sim!.seen())).toHaveLength(0);

      await context.setOffline(false);
      const row = await untilVideoStored(page, prompt);
      expect(row.status).toBe('Success');
      expect(creates(requests)).toHaveLength(1);
      expect(upstreamCreates(await suite.studio.sim!.seen())).toHaveLength(1);
    } finally {
      await context.close();
    }
  });

  it('the same Idempotency-Key with another body is refused (422) and nothing more is created', async () => {
    await suite.studio.sim!.clearSeen();
    const send = (prompt: string) =>
      fetch(`${suite.studio.url}${CREATE_PATH}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'Idempotency-Key': 'e2e-key-1' },
        body: JSON.stringify({ model: 'MiniMax-Hailuo-2.3', prompt, duration: 6, resolution: '768P' }),
      });
    const first = await send('A fox in the snow');
    expect(first.status).toBe(200);
    const again = await send('A fox in the snow');
    expect(again.headers.get('Idempotent-Replayed')).toBe('true');
    expect(((await again.json()) as { task_id: string }).task_id).toBe(((await first.json()) as { task_id: string }).task_id);
    const other = await send('A wolf in the snow');
    expect(other.status).toBe(422);
    expect(((await other.json()) as { error: { code: string } }).error.code).toBe('idempotency_mismatch');
    expect(upstreamCreates(await suite.studio.sim!.seen())).toHaveLength(1);
  });
});

describe('who pays (demo mode)', () => {
  const suite = useStudioAndBrowser('demo', { stages: FAST_STAGES });

  it('demo says free; the moment the user types a key the badge says it is billed to them, with its region', async () => {
    for (const [locale, width] of [
      ['en-US', 1280],
      ['en-US', 360],
      ['zh-CN', 1280],
      ['zh-CN', 360],
    ] as const) {
      const { context, page } = await openStudioPage(suite.browser, suite.studio.url, { locale, viewport: { width, height: 800 } });
      try {
        const badge = page.locator('[data-payer]');
        await expect.poll(() => badge.getAttribute('data-payer'), { timeout: 15_000 }).toBe('demo');
        const tag = `${locale === 'en-US' ? 'en' : 'zh'}-${width}`;
        await screenshot(page, `money-badge-demo-${tag}`);
        await page.getByRole('button', { name: locale === 'en-US' ? 'Settings' : '设置' }).click();
        await page.locator('#byok-key').fill('sk-my-own-key');
        await expect.poll(() => badge.getAttribute('data-payer'), { timeout: 5_000 }).toBe('own');
        if (locale === 'en-US') {
          expect(await badge.innerText()).toContain('Your key · billed to you · Global');
          await page.locator('#byok-region').selectOption('cn');
          await expect.poll(() => badge.innerText()).toContain('billed to you · China');
        } else {
          expect(await badge.innerText()).toContain('费用由你承担');
        }
        await screenshot(page, `money-badge-own-${tag}`);
      } finally {
        await context.close();
      }
    }
  });
});
