// Keyboard and assistive technology on the real page: accessible names, focus order and rings, Ctrl+Enter, and
// axe-core (no serious or critical violation) in light and dark, with the history and the settings open.
// axe (support/axe.ts) is injected as an inline script the page's CSP would refuse, so the contexts of THIS file
// only are made with bypassCSP: true.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { goto, screenshot } from '../support/browser';
import { seriousViolations } from './support/axe';
import { cardVideo, historyCard } from './support/journeys';
import { useStudioAndBrowser } from './support/studio-and-browser';

/** `lastModel`: the model the form remembers (a returning user of it), null for a new user (on MiniMax-H3). */
async function open(
  browser: Browser,
  url: string,
  colorScheme: 'light' | 'dark',
  lastModel: string | null = 'MiniMax-Hailuo-2.3',
): Promise<{ context: BrowserContext; page: Page; errors: string[] }> {
  const context = await browser.newContext({ locale: 'en-US', colorScheme, viewport: { width: 1280, height: 900 }, bypassCSP: true });
  if (lastModel) await context.addInitScript((model) => localStorage.setItem('hailuo-studio.lastModel', model), lastModel);
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await goto(page, url);
  await page.getByRole('heading', { name: 'History' }).waitFor(); // the lazily loaded part is on screen too
  return { context, page, errors };
}

describe('keyboard and screen readers', () => {
  const suite = useStudioAndBrowser('demo', { stages: { preparing: 200, queueing: 200, processing: 800 } });

  for (const scheme of ['light', 'dark'] as const) {
    it(`axe finds no serious or critical violation in ${scheme}: main screen, then with the history and settings open`, async () => {
      const { context, page, errors } = await open(suite.browser, suite.studio.url, scheme, null);
      try {
        expect(await seriousViolations(page), 'main screen (MiniMax-H3 form)').toEqual([]);
        await page.getByRole('main').getByRole('combobox', { name: 'Model' }).selectOption('MiniMax-Hailuo-2.3');
        await page.getByRole('button', { name: 'Settings' }).click();
        await page.getByRole('heading', { name: 'Settings' }).waitFor();
        await page.locator('details.camera summary').click(); // the camera palette, another lazy part
        await page.getByRole('group', { name: 'Pan' }).waitFor();
        expect(await seriousViolations(page), 'settings and camera palette open').toEqual([]);
        expect(errors).toEqual([]);
      } finally {
        await context.close();
      }
    });
  }

  it('axe stays clean with a finished video in the queue and the history', async () => {
    const { context, page } = await open(suite.browser, suite.studio.url, 'dark');
    try {
      await page.getByLabel('Prompt', { exact: true }).fill('A paper boat drifts down a rainy street');
      await page.getByRole('button', { name: 'Generate' }).click();
      await cardVideo(historyCard(page, 'A paper boat drifts down a rainy street'));
      expect(await seriousViolations(page)).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('names every control, in English exactly Prompt, Model, Resolution, Duration, Generate, Language, Theme, Settings', async () => {
    const { context, page } = await open(suite.browser, suite.studio.url, 'light');
    try {
      const main = page.getByRole('main');
      for (const [role, name] of [
        ['textbox', 'Prompt'],
        ['combobox', 'Model'],
        ['combobox', 'Resolution'],
        ['combobox', 'Duration'],
        ['button', 'Generate'],
        ['radio', 'Text → video'],
        ['checkbox', 'Prompt optimizer'],
      ] as const) {
        await expect.poll(() => main.getByRole(role, { name, exact: true }).count(), { message: `${role} "${name}"` }).toBe(1);
      }
      for (const [role, name] of [
        ['combobox', 'Language'],
        ['combobox', 'Theme'],
        ['button', 'Settings'],
        ['searchbox', 'Search prompts'],
      ] as const) {
        await expect.poll(() => page.getByRole(role, { name, exact: true }).count(), { message: `${role} "${name}"` }).toBe(1);
      }
      // Nothing focusable without a name (axe checks it too; this lists them plainly if one appears).
      const unnamed = await page.evaluate(() =>
        [...document.querySelectorAll<HTMLElement>('button, input, select, textarea, a[href], [tabindex]')]
          .filter((el) => !(el as HTMLInputElement).disabled && el.offsetParent !== null)
          .filter((el) => {
            const labelled = (el as HTMLInputElement).labels?.length || el.getAttribute('aria-label') || el.getAttribute('aria-labelledby');
            return !labelled && !el.textContent?.trim();
          })
          .map((el) => el.outerHTML.slice(0, 120)),
      );
      expect(unnamed).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('tabs in reading order with a visible focus ring, and Ctrl+Enter in the prompt generates', async () => {
    const { context, page } = await open(suite.browser, suite.studio.url, 'light');
    try {
      const stops: string[] = [];
      for (let i = 0; i < 10; i++) {
        await page.keyboard.press('Tab');
        stops.push(
          await page.evaluate(() => {
            const el = document.activeElement as HTMLElement;
            const style = getComputedStyle(el.closest('label:has(input:focus-visible)') ?? el);
            const ring = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2;
            const name = el.getAttribute('aria-label') ?? (el as HTMLInputElement).labels?.[0]?.textContent?.trim() ?? el.textContent?.trim();
            return `${el.tagName.toLowerCase()}:${name}${ring ? '' : ' (NO RING)'}`;
          }),
        );
      }
      expect(stops).toEqual([
        'a:Skip to main content',
        'a:Skip to history',
        'select:Language',
        'select:Theme',
        'button:Settings',
        'input:Text → video',
        'select:Model',
        'select:Resolution',
        'select:Duration',
        'textarea:Prompt',
      ]);
      await screenshot(page, 'app-focus-ring-prompt');
      await page.keyboard.type('A lighthouse in a storm, waves crashing');
      await page.keyboard.press('Control+Enter');
      await expect.poll(() => page.getByRole('status').filter({ hasText: 'added to the queue' }).count()).toBe(1);
      await cardVideo(historyCard(page, 'A lighthouse in a storm, waves crashing'));
    } finally {
      await context.close();
    }
  });
});
