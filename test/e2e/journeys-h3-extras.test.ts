// MiniMax-H3 extras, live mode (the simulator over HTTP): "Remaster at 2K" of a finished 768P video (the simulator
// sees a regeneration of that very task; the new 2K video is stored with its sound and linked to its source),
// "Expand prompt" accepted (the create carries the expanded, edited text) and discarded (the original), and the
// history card's few tab stops and the skip link. English and Chinese, 360 px, axe; screenshots of a card and the
// expand panel at 1280 and 360 px.
import type { Browser, Page, Request } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { OUTPUT_DIR, openStudioPage } from '../support/browser';
import { SIM_KEY } from '../support/studio';
import { useStudioAndBrowser } from './support/studio-and-browser';
import { seriousViolations } from './support/axe';
import { cardVideo, FAST_STAGES, generate, history, recordRequests, storedRows, storedWithSound, untilVideoStored, writePrompt } from './support/journeys';

interface Row {
  id: string;
  prompt: string;
  status: string;
  taskId?: string;
  sourceId?: string;
  remasterId?: string;
  idempotencyKey?: string;
  request: { resolution?: string; content: { type: string; text?: string; role?: string; video_url?: { url: string } }[] };
  video?: { bytes: number };
}

/** A new user's page (on MiniMax-H3), scanned with axe. */
function openPage(browser: Browser, url: string, options: { locale?: string; viewport?: { width: number; height: number } } = {}) {
  return openStudioPage(browser, url, { ...options, lastModel: null, bypassCSP: true });
}

const rows = async (page: Page) => (await storedRows(page)) as unknown as Row[];

function posts(requests: Request[], path: string): Request[] {
  return requests.filter((r) => r.method() === 'POST' && new URL(r.url()).pathname === path);
}

/** Makes a 768P 16:9 5 s MiniMax-H3 text video and waits until its bytes are stored. */
async function make768(page: Page, prompt: string): Promise<Row> {
  const main = page.getByRole('main');
  await expect.poll(() => main.getByRole('combobox', { name: 'Model' }).inputValue()).toBe('MiniMax-H3');
  await main.getByRole('combobox', { name: 'Resolution' }).selectOption('768P');
  await main.getByRole('radio', { name: '16:9' }).check();
  await main.getByRole('slider', { name: 'Duration' }).fill('5');
  await writePrompt(page, prompt);
  await generate(page);
  await untilVideoStored(page, prompt, 60_000);
  return (await rows(page)).find((r) => r.prompt === prompt && !r.sourceId)!;
}

/** The number of Tab presses focus spends inside `selector` when tabbing through it from just before it. */
async function tabStopsIn(page: Page, selector: string): Promise<number> {
  await page.evaluate((sel) => {
    const card = document.querySelector(sel)!;
    const before = document.createElement('button');
    before.id = 'tab-probe';
    before.textContent = 'probe';
    card.parentElement!.insertBefore(before, card);
    before.focus();
  }, selector);
  let stops = 0;
  for (let i = 0; i < 30; i++) {
    await page.keyboard.press('Tab');
    const inside = await page.evaluate((sel) => !!document.activeElement?.closest(sel), selector);
    if (!inside) break;
    stops++;
  }
  await page.evaluate(() => document.getElementById('tab-probe')?.remove());
  return stops;
}

describe('MiniMax-H3 extras (live mode, the simulator over HTTP)', () => {
  const suite = useStudioAndBrowser('live', { stages: FAST_STAGES, media: 'demo' });

  it('Remaster at 2K: price first, a regeneration of that very task, a new 2K video with sound, linked both ways', async () => {
    const { studio, browser } = suite;
    const { context, page, errors } = await openPage(browser, studio.url);
    try {
      const requests = recordRequests(page);
      const dialogs: string[] = [];
      page.on('dialog', (dialog) => {
        dialogs.push(dialog.message());
        void dialog.accept();
      });
      const prompt = 'A red kite over green dunes';
      const source = await make768(page, prompt);
      await studio.sim!.clearSeen();

      const card = history(page).locator(`#card-${source.id}`);
      await card.locator('summary').click();
      await card.getByRole('button', { name: 'Remaster at 2K' }).click();
      await expect.poll(() => dialogs.length).toBe(1);
      expect(dialogs[0]).toMatch(/^Remaster this video at 2K\? .*\(about \$0\.\d\d, an unconfirmed price\)/);

      await expect.poll(async () => (await rows(page)).find((r) => r.sourceId === source.id)?.video?.bytes ?? 0, { timeout: 60_000, interval: 250 }).toBeGreaterThan(0);
      const remaster = (await rows(page)).find((r) => r.sourceId === source.id)!;
      expect(remaster).toMatchObject({ status: 'Success', prompt, request: { resolution: '2K' } });
      expect((await rows(page)).find((r) => r.id === source.id)?.remasterId).toBe(remaster.id);
      expect(await storedWithSound(page, remaster.id)).toBe(true);

      // what the browser sent: one regeneration, with the new row's own key, naming the source's video
      const sent = posts(requests, '/api/v2/video_regeneration');
      expect(sent).toHaveLength(1);
      expect(sent[0].headers()['idempotency-key']).toBe(remaster.idempotencyKey);
      expect(remaster.idempotencyKey).not.toBe(source.idempotencyKey);
      // what MiniMax (the simulator) saw: a regeneration whose base_video is the source task's own output
      const seen = (await studio.sim!.seen()).filter((r) => r.method === 'POST' && r.path === '/v2/video_regeneration');
      expect(seen).toHaveLength(1);
      const body = JSON.parse(seen[0].body!) as Row['request'] & { model: string };
      expect(body.model).toBe('MiniMax-H3');
      expect(body.resolution).toBe('2K');
      expect(body.content.filter((c) => c.type === 'text').map((c) => c.text)).toEqual([prompt]);
      const base = body.content.filter((c) => c.role === 'base_video');
      expect(base).toHaveLength(1);
      const asked = await fetch(`${studio.sim!.url}/v2/query/video_generation/${source.taskId}`, { headers: { Authorization: `Bearer ${SIM_KEY}` } });
      const sourceVideo = ((await asked.json()) as { task: { content: { url: string } } }).task.content.url;
      expect(new URL(base[0].video_url!.url).pathname).toBe(new URL(sourceVideo).pathname);

      // in the history: the remaster names its source and leads to it; the source says it was remastered
      const remasterCard = history(page).locator(`#card-${remaster.id}`);
      await expect.poll(() => remasterCard.getByText(`Remaster of “${prompt}”`).count(), { timeout: 20_000 }).toBe(1);
      await remasterCard.getByRole('button', { name: 'Show the original' }).click();
      await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe(`card-${source.id}`);
      expect(await history(page).getByRole('listitem').count()).toBe(1);
      expect(await history(page).locator(`#card-${source.id}`).getByText('Remastered at 2K').count()).toBe(1);
      await history(page).getByRole('button', { name: 'Show all videos' }).click();
      await expect.poll(() => history(page).getByRole('listitem').count()).toBe(2);
      expect(await seriousViolations(page)).toEqual([]);
      for (const width of [1280, 360]) {
        await page.setViewportSize({ width, height: 900 });
        await remasterCard.scrollIntoViewIfNeeded();
        await remasterCard.screenshot({ path: `${OUTPUT_DIR}h3-history-card-${width}-en.png` });
        expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(0);
      }
      expect(errors.join('\n')).toBe('');
    } finally {
      await context.close();
    }
  });

  it('a history card is three tab stops (sound, favourite, more actions), and a skip link leads past the form to it', async () => {
    const { studio, browser } = suite;
    const { context, page, errors } = await openPage(browser, studio.url);
    try {
      const prompt = 'Rain on a tin roof at night';
      const source = await make768(page, prompt);
      const card = `#card-${source.id}`;
      await cardVideo(page.locator(card));
      expect(await tabStopsIn(page, card)).toBe(3);
      // the actions open with the keyboard, and Escape closes them with focus back on their button
      await page.locator(`${card} summary`).focus();
      await page.keyboard.press('Enter');
      await expect.poll(() => page.locator(`${card} details`).getAttribute('open')).not.toBeNull();
      await page.keyboard.press('Tab');
      await page.keyboard.press('Escape');
      await expect.poll(() => page.evaluate(() => document.activeElement?.tagName)).toBe('SUMMARY');
      expect(await page.locator(`${card} details`).getAttribute('open')).toBeNull();

      // the preview plays muted by itself; one press on its button gives sound
      const video = page.locator(`${card} video`);
      await expect.poll(() => video.evaluate((v) => !(v as HTMLVideoElement).paused), { timeout: 15_000 }).toBe(true);
      expect(await video.evaluate((v) => (v as HTMLVideoElement).muted)).toBe(true);
      await page.locator(`${card} button.sound`).press('Enter');
      await expect.poll(() => video.evaluate((v) => (v as HTMLVideoElement).muted)).toBe(false);

      // first Tab on the page: the skip link; following the history one puts focus on the history
      await page.evaluate(() => {
        const start = document.createElement('span');
        start.id = 'page-start';
        start.tabIndex = -1;
        document.body.prepend(start);
        start.focus();
      });
      await page.keyboard.press('Tab');
      expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Skip to main content');
      await page.keyboard.press('Tab');
      expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Skip to history');
      await page.keyboard.press('Enter');
      await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('history');
      expect(errors.join('\n')).toBe('');
    } finally {
      await context.close();
    }
  });

  it('under prefers-reduced-motion no preview plays by itself', async () => {
    const { studio, browser } = suite;
    const { context, page } = await openPage(browser, studio.url);
    try {
      await page.emulateMedia({ reducedMotion: 'reduce' });
      const source = await make768(page, 'A slow tide, no motion please');
      const video = await cardVideo(page.locator(`#card-${source.id}`));
      await expect.poll(() => video.evaluate((v) => (v as HTMLVideoElement).readyState), { timeout: 15_000 }).toBeGreaterThan(0);
      // Autoplay starts from an intersection callback, delivered after a rendering step: three frames on, it would have.
      await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(() => requestAnimationFrame(done)))));
      expect(await video.evaluate((v) => (v as HTMLVideoElement).paused)).toBe(true);
    } finally {
      await context.close();
    }
  });

  for (const [locale, labels] of [
    ['en-US', { expand: 'Expand prompt', heading: 'Expanded prompt', accept: 'Use this prompt', discard: 'Keep mine' }],
    ['zh-CN', { expand: '扩写提示词', heading: '扩写后的提示词', accept: '使用此提示词', discard: '保留我的' }],
  ] as const) {
    // Each run below makes four paid creates (two expansions, two videos) and the worker takes 10 a minute per caller
    // (CREATE_LIMITER): each language gets a studio of its own so the suite stays inside that budget.
    describe(`Expand prompt in ${locale}`, () => {
      const own = useStudioAndBrowser('live', { stages: FAST_STAGES, media: 'demo' });
      for (const width of [1280, 360] as const) {
        it(`Expand prompt at ${width} px in ${locale}: accepted (edited) it is what the create carries; discarded, the original is`, async () => {
          const { studio, browser } = own;
          const { context, page, errors } = await openPage(browser, studio.url, { locale, viewport: { width, height: 900 } });
          try {
            const requests = recordRequests(page);
            const main = page.getByRole('main');
            await expect.poll(() => main.locator('#prompt').count()).toBe(1);
            await main.locator('select').first().waitFor();
            const original = `A fox in the snow (${locale} ${width})`;
            await page.locator('#prompt').fill(original);
            await studio.sim!.clearSeen();
            await main.getByRole('button', { name: labels.expand }).click();
            const offered = main.getByRole('textbox', { name: labels.heading, exact: true });
            await offered.waitFor({ timeout: 30_000 });
            const expanded = await offered.inputValue();
            expect(expanded.length).toBeGreaterThan(original.length);
            expect(await page.locator('#prompt').inputValue()).toBe(original); // never replaced before the user says so
            const ir = (await studio.sim!.seen()).filter((r) => r.method === 'POST' && r.path === '/v2/h3_context_ir');
            expect(ir).toHaveLength(1);
            const irBody = JSON.parse(ir[0].body!) as { content: { type: string; text?: string }[]; resolution?: string };
            expect(irBody.content.find((c) => c.type === 'text')?.text).toBe(original);
            expect(irBody).not.toHaveProperty('resolution');
            expect(posts(requests, '/api/v2/h3_context_ir')[0].headers()['idempotency-key']).toMatch(/^[0-9a-f-]{36}$/);
            expect(await seriousViolations(page)).toEqual([]);
            expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(0);
            await page.locator('.offer').screenshot({ path: `${OUTPUT_DIR}h3-expand-panel-${width}-${locale}.png` });

            // accepted, after an edit: the prompt and the create carry the edited expansion
            const edited = `${expanded} Slow motion.`;
            await offered.fill(edited);
            await main.getByRole('button', { name: labels.accept }).click();
            expect(await page.locator('#prompt').inputValue()).toBe(edited);
            expect(await page.evaluate(() => document.activeElement?.id)).toBe('prompt');
            await page.locator('#generate button[type="submit"]').click();
            await expect.poll(() => posts(requests, '/api/v2/video_generation').length, { timeout: 20_000 }).toBe(1);
            const created = posts(requests, '/api/v2/video_generation')[0].postDataJSON() as { content: { type: string; text?: string }[] };
            expect(created.content.find((c) => c.type === 'text')?.text).toBe(edited);
            await expect.poll(async () => (await rows(page)).some((r) => r.prompt === edited)).toBe(true);

            // discarded: the prompt and the create keep the user's own words
            const mine = `A heron waits in the reeds (${locale} ${width})`;
            await page.locator('#prompt').fill(mine);
            await main.getByRole('button', { name: labels.expand }).click();
            await offered.waitFor({ timeout: 30_000 });
            await main.getByRole('button', { name: labels.discard }).click();
            expect(await offered.count()).toBe(0);
            expect(await page.locator('#prompt').inputValue()).toBe(mine);
            await page.locator('#generate button[type="submit"]').click();
            await expect.poll(() => posts(requests, '/api/v2/video_generation').length, { timeout: 20_000 }).toBe(2);
            const second = posts(requests, '/api/v2/video_generation')[1].postDataJSON() as { content: { type: string; text?: string }[] };
            expect(second.content.find((c) => c.type === 'text')?.text).toBe(mine);
            expect(errors.join('\n')).toBe('');
          } finally {
            await context.close();
          }
        });
      }
    });
  }
});
