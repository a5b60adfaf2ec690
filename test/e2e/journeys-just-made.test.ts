// "Just made" on a phone: 28 videos made in one visit keep the queue short — the newest as the one player, the
// five before it as Play buttons named by their prompt, the rest left to the history.
import { describe, expect, it } from 'vitest';
import { openStudioPage, reload, screenshot } from '../support/browser';
import { FAST_STAGES, generate, queue, storedRows, writePrompt } from './support/journeys';
import { useStudioAndBrowser } from './support/studio-and-browser';

const MADE = 28;
const BATCHES = [10, 10, 8]; // at most 10 a Generate
/** 28 creates at the demo simulator's 20 a minute take over a minute by design, before any slowness */
const PACED_TIMEOUT = 240_000;

describe('"Just made" at 360 px', () => {
  const suite = useStudioAndBrowser('demo', { stages: FAST_STAGES });

  it(`${MADE} videos made: one player, Play buttons named by prompt, the queue no taller than ~1.3 screens`, async () => {
    const { context, page, errors } = await openStudioPage(suite.browser, suite.studio.url, { viewport: { width: 360, height: 740 } });
    try {
      // the demo simulator takes 20 creates a minute: pace to it rather than meet its 429s
      await page.evaluate(() => localStorage.setItem('hailuo.settings', JSON.stringify({ perMinute: 20 })));
      await reload(page);
      await page.getByRole('radio', { name: 'One prompt per line' }).check();
      let n = 0;
      for (const size of BATCHES) {
        const lines = Array.from({ length: size }, () => `Clip ${++n}: a paper boat on a rainy street`);
        await writePrompt(page, lines.join('\n'));
        await generate(page);
        await expect.poll(async () => (await storedRows(page)).length).toBe(n); // written down before any is sent
      }
      await expect
        .poll(async () => (await storedRows(page)).filter((row) => (row.video?.bytes ?? 0) > 0).length, { timeout: PACED_TIMEOUT - 40_000, interval: 1000 })
        .toBe(MADE);
      const justMade = queue(page).getByRole('list').last();
      await expect.poll(() => justMade.getByRole('button', { name: /^Play “/ }).count()).toBe(5);

      await expect.poll(() => queue(page).locator('video').count()).toBe(1); // its bytes are read from IndexedDB first
      // Newest first means the order they finished in, which a loaded machine may not keep from the order they were
      // made in (26 once finished after 27): the order itself is session.svelte.test.ts's; here, one player and five
      // other clips of this visit, each once.
      const clip = (label: string | null, prefix: string) => new RegExp(`^${prefix}“?Clip (\\d+): a paper boat on a rainy street”?$`).exec(label ?? '')?.[1];
      const player = clip(await queue(page).locator('video').getAttribute('aria-label'), 'Video: ');
      const names = await justMade.getByRole('button', { name: /^Play “/ }).evaluateAll((buttons) => buttons.map((b) => b.getAttribute('aria-label')));
      const clips = names.map((name) => clip(name, 'Play '));
      expect(player).toBeDefined();
      expect(clips.every((n) => n !== undefined && Number(n) >= 1 && Number(n) <= MADE)).toBe(true);
      expect(new Set([player, ...clips]).size).toBe(6);

      const queueHeight = (await queue(page).boundingBox())!.height;
      const pageWidth = await page.evaluate(() => document.documentElement.scrollWidth);
      const pageHeight = await page.evaluate(() => document.documentElement.scrollHeight);
      console.info(`"Just made" with ${MADE} videos at 360 px: queue ${Math.round(queueHeight)} px, page ${pageHeight} px`);
      expect(queueHeight).toBeLessThan(1000);
      expect(pageWidth).toBeLessThanOrEqual(360);
      await screenshot(page, 'just-made-28-videos-360');

      // another one chosen: it plays, the former newest becomes a button; still one player
      const chosen = clips[2];
      await justMade.getByRole('button', { name: `Play “Clip ${chosen}: a paper boat on a rainy street”` }).click();
      await expect.poll(() => queue(page).getByLabel(`Video: Clip ${chosen}: a paper boat on a rainy street`, { exact: true }).count()).toBe(1);
      await expect.poll(() => queue(page).locator('video').count()).toBe(1); // its bytes are read from IndexedDB first
      expect(await justMade.getByRole('button', { name: `Play “Clip ${player}: a paper boat on a rainy street”` }).count()).toBe(1);
      expect(errors.join('\n')).toBe('');
    } finally {
      await context.close();
    }
  }, PACED_TIMEOUT);
});
