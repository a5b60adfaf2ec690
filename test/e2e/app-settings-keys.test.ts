// Settings with the keyboard: opening moves the focus into the panel; Escape closes it and gives the focus back.
import { describe, expect, it } from 'vitest';
import { openStudioPage } from '../support/browser';
import { useStudioAndBrowser } from './support/studio-and-browser';

describe('Settings and the keyboard', () => {
  const suite = useStudioAndBrowser('demo');

  it('Escape closes Settings and the focus returns to its button', async () => {
    const { context, page } = await openStudioPage(suite.browser, suite.studio.url);
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
