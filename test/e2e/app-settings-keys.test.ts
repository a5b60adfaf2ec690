// Settings with the keyboard: opening moves the focus into the panel; Escape closes it and gives the focus back.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, openStudioPage, startStudioUnderTest, type StudioUnderTest } from '../support/browser';

describe('Settings and the keyboard', () => {
  let studio: StudioUnderTest;
  let browser: Browser;

  beforeAll(async () => {
    [studio, browser] = await Promise.all([startStudioUnderTest('demo'), launchBrowser()]);
  });
  afterAll(async () => {
    await browser?.close();
    await studio?.stop();
  });

  it('Escape closes Settings and the focus returns to its button', async () => {
    const { context, page } = await openStudioPage(browser, studio.url);
    try {
      const button = page.getByRole('button', { name: 'Settings' });
      await button.focus();
      await page.keyboard.press('Enter');
      const heading = page.getByRole('heading', { name: 'Settings' });
      await heading.waitFor();
      await expect.poll(() => heading.evaluate((h) => h === document.activeElement)).toBe(true);
      await page.keyboard.press('Escape');
      await expect.poll(() => heading.count()).toBe(0);
      expect(await button.evaluate((b) => b === document.activeElement)).toBe(true);
      expect(await button.getAttribute('aria-expanded')).toBe('false');
    } finally {
      await context.close();
    }
  });
});
