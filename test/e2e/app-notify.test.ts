// "Your video is ready" when the page is hidden: permission asked on the first Generate (never on load), a
// notification per finished task while hidden, and "(1) Hailuo Studio" in the title until the page is seen again.
import { describe, expect, it } from 'vitest';
import { useStudioAndBrowser } from './support/studio-and-browser';
import { storedRows } from './support/journeys';
import { goto } from '../support/browser';

/**
 * Runs before the page's scripts: records `new Notification(…)` and permission requests, and lets the test hide the
 * page (document.hidden / visibilityState overridden, then a visibilitychange dispatched).
 */
const INIT = () => {
  const w = window as unknown as Record<string, unknown>;
  const shown: { title: string; body?: string; tag?: string }[] = [];
  const asks: number[] = [];
  w.__shown = shown;
  w.__asks = asks;
  const Real = window.Notification;
  class Recorded {
    static get permission(): NotificationPermission {
      return Real.permission;
    }
    static requestPermission(): Promise<NotificationPermission> {
      asks.push(Date.now());
      return Real.requestPermission();
    }
    onclick: (() => void) | null = null;
    constructor(title: string, options: NotificationOptions = {}) {
      shown.push({ title, body: options.body ?? '', tag: options.tag ?? '' });
    }
    close(): void {}
  }
  Object.defineProperty(window, 'Notification', { value: Recorded, configurable: true, writable: true });
  let hidden = false;
  Object.defineProperty(Document.prototype, 'hidden', { get: () => hidden, configurable: true });
  Object.defineProperty(Document.prototype, 'visibilityState', { get: () => (hidden ? 'hidden' : 'visible'), configurable: true });
  w.__setHidden = (value: boolean) => {
    hidden = value;
    document.dispatchEvent(new Event('visibilitychange'));
  };
};

describe('a notification when a video is done', () => {
  const suite = useStudioAndBrowser('demo', { stages: { preparing: 300, queueing: 300, processing: 1500 } });

  it('asks on the first Generate, never on load', async () => {
    const context = await suite.browser.newContext({ locale: 'en-US' });
    try {
      const page = await context.newPage();
      await page.addInitScript(INIT);
      await goto(page, suite.studio.url);
      await page.getByRole('heading', { name: 'History' }).waitFor();
      expect(await page.evaluate(() => (window as unknown as { __asks: number[] }).__asks.length)).toBe(0);
      await page.getByLabel('Prompt', { exact: true }).fill('A kite over a beach');
      await page.getByRole('button', { name: 'Generate' }).click();
      await expect.poll(() => page.evaluate(() => (window as unknown as { __asks: number[] }).__asks.length)).toBe(1);
      await page.getByRole('button', { name: 'Generate' }).click();
      // the second click was handled once its task is stored; only then is "no second ask" a fact
      await expect.poll(async () => (await storedRows(page)).filter((row) => row.prompt === 'A kite over a beach').length).toBe(2);
      expect(await page.evaluate(() => (window as unknown as { __asks: number[] }).__asks.length)).toBe(1);
    } finally {
      await context.close();
    }
  });

  it('notifies and badges the title when a task finishes while the page is hidden; seeing the page clears it', async () => {
    const context = await suite.browser.newContext({ locale: 'en-US' });
    await context.grantPermissions(['notifications'], { origin: suite.studio.url });
    try {
      const page = await context.newPage();
      await page.addInitScript(INIT);
      await goto(page, suite.studio.url);
      await page.getByRole('heading', { name: 'History' }).waitFor();
      await page.getByLabel('Prompt', { exact: true }).fill('A lantern floats over a dark lake');
      await page.getByRole('button', { name: 'Generate' }).click();
      // "added to the queue" first, then "accepted by MiniMax" once it has a task id
      await page.getByRole('status').filter({ hasText: /1 added to the queue|1 of 1 accepted by MiniMax/ }).waitFor();
      await page.evaluate(() => (window as unknown as { __setHidden(v: boolean): void }).__setHidden(true));

      const shown = () => page.evaluate(() => (window as unknown as { __shown: { title: string; body: string }[] }).__shown);
      await expect.poll(shown, { timeout: 30_000 }).toEqual([expect.objectContaining({ title: 'Your video is ready', body: 'A lantern floats over a dark lake' })]);
      await expect.poll(() => page.title()).toBe('(1) Hailuo Studio');

      await page.evaluate(() => (window as unknown as { __setHidden(v: boolean): void }).__setHidden(false));
      await expect.poll(() => page.title()).toBe('Hailuo Studio');

      // Visible: the next one finishes quietly.
      await page.getByRole('button', { name: 'Generate' }).click();
      // two finished cards in the history (their <video>s are made lazily, near the viewport)
      await expect.poll(() => page.locator('.cards > li').filter({ hasText: 'Done' }).count(), { timeout: 30_000 }).toBe(2);
      expect(await shown()).toHaveLength(1);
      expect(await page.title()).toBe('Hailuo Studio');
    } finally {
      await context.close();
    }
  });
});
