// axe on the parts a new user meets, in English and Chinese, wide and on a phone: the form with MiniMax-H3, the
// queue with videos just made (one player, Play buttons), and Settings open. Every violation counts, any impact.
// axe (support/axe.ts) is injected as an inline script the page's CSP would refuse: contexts here bypass the CSP.
import { describe, expect, it } from 'vitest';
import { axeViolations } from './support/axe';
import { useStudioAndBrowser } from './support/studio-and-browser';
import { goto } from '../support/browser';

const PROMPTS = ['A paper boat drifts down a rainy street', 'A red fox runs through fresh snow', 'A lighthouse beam over a stormy sea'];

describe('axe in both languages', () => {
  const suite = useStudioAndBrowser('demo', { stages: { preparing: 200, queueing: 200, processing: 800 } });

  for (const locale of ['en-US', 'zh-CN'] as const) {
    for (const width of [1280, 360]) {
      it(`${locale} at ${width} px: the MiniMax-H3 form, the queue with videos made, Settings open`, async () => {
        const context = await suite.browser.newContext({ locale, viewport: { width, height: 800 }, bypassCSP: true });
        try {
          const page = await context.newPage();
          const errors: string[] = [];
          page.on('pageerror', (error) => errors.push(error.message));
          await goto(page, suite.studio.url);
          await page.locator('#history-heading').waitFor();
          await page.locator('#model').selectOption('MiniMax-H3');
          await page.locator('#generate-cost').waitFor();
          expect(await axeViolations(page), 'the form').toEqual([]);

          await page.locator('input[name=batch][value=lines]').check();
          await page.locator('#prompt').fill(PROMPTS.join('\n'));
          await page.locator('section#generate button[type=submit]').click();
          const queue = page.locator('section[aria-labelledby=queue-heading]');
          await expect.poll(() => queue.locator('li.finished').count(), { timeout: 60_000 }).toBe(PROMPTS.length);
          await queue.locator('video').waitFor();
          expect(await axeViolations(page), 'the queue with videos made').toEqual([]);
          expect(await page.evaluate(() => document.documentElement.scrollWidth), 'no sideways scrolling').toBeLessThanOrEqual(width);

          await page.locator('button[aria-controls=settings-panel]').click();
          await page.locator('#settings-panel').waitFor();
          expect(await axeViolations(page), 'settings open').toEqual([]);
          expect(errors).toEqual([]);
        } finally {
          await context.close();
        }
      });
    }
  }
});
