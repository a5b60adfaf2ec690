// Journeys 4–6 (demo mode): the stored video survives a reload and plays offline; Download gives the exact bytes
// under a meaningful name; the gallery's search and filters narrow the history.
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { openStudioPage, reload, screenshot } from '../support/browser';
import {
  cardVideo,
  expectPlaying,
  FAST_STAGES,
  generateVideo,
  history,
  historyCard,
  playUntilReady,
  DEMO_HAILUO_MP4,
  storedRows,
  untilVideoStored,
} from './support/journeys';
import { useStudioAndBrowser } from './support/studio-and-browser';

const suite = useStudioAndBrowser('demo', { stages: FAST_STAGES });

function cards(page: Page) {
  return history(page).getByRole('listitem');
}

describe('the history', () => {
  it('keeps the video through a reload and plays it offline, from IndexedDB', async () => {
    const { context, page, errors } = await openStudioPage(suite.browser, suite.studio.url);
    try {
      const prompt = 'Waves roll onto a black sand beach';
      await generateVideo(page, prompt);
      await untilVideoStored(page, prompt);

      // The service worker has the app shell: it controls the page after a reload.
      expect(await page.evaluate(() => 'serviceWorker' in navigator)).toBe(true);
      await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
      await reload(page);
      await expect.poll(() => page.evaluate(() => !!navigator.serviceWorker.controller)).toBe(true);

      await context.setOffline(true);
      await reload(page);
      await expect.poll(() => page.evaluate(() => navigator.onLine)).toBe(false);
      await expect.poll(() => page.getByRole('heading', { name: 'New video' }).count()).toBe(1);
      const playback = await playUntilReady(await cardVideo(historyCard(page, prompt)));
      expectPlaying(playback);
      await screenshot(page, 'journey-4-offline-playback');
      // offline, the only errors allowed are the failed network calls (health check) the page expects offline
      expect(errors.filter((e) => !/Failed to load resource|ERR_INTERNET_DISCONNECTED|Failed to fetch/.test(e)).join('\n')).toBe('');
    } finally {
      await context.close();
    }
  });

  it('downloads the exact bytes under hailuo_<model>_<yyyymmdd-hhmm>_<first-prompt-words>.mp4', async () => {
    const { context, page, errors } = await openStudioPage(suite.browser, suite.studio.url);
    try {
      const prompt = 'A paper boat drifts down a rainy gutter [Truck left]';
      await generateVideo(page, prompt);
      const row = await untilVideoStored(page, prompt);
      const card = cards(page).filter({ hasText: 'A paper boat drifts' });
      await card.locator('summary').click(); // the card's other actions sit behind one disclosure
      const [download] = await Promise.all([page.waitForEvent('download'), card.getByRole('button', { name: 'Download' }).click()]);

      // the stamp is the task's creation time on the reader's clock, as the page formats it
      const stamp = await page.evaluate((ms) => {
        const d = new Date(ms);
        const two = (n: number) => String(n).padStart(2, '0');
        return `${d.getFullYear()}${two(d.getMonth() + 1)}${two(d.getDate())}-${two(d.getHours())}${two(d.getMinutes())}`;
      }, row.createdAt);
      expect(stamp).toMatch(/^\d{8}-\d{4}$/);
      expect(download.suggestedFilename()).toBe(`hailuo_minimax-hailuo-2-3_${stamp}_a-paper-boat-drifts-down.mp4`);
      const bytes = readFileSync(await download.path());
      expect(bytes.length).toBe(DEMO_HAILUO_MP4.length);
      expect(bytes.equals(DEMO_HAILUO_MP4)).toBe(true);
      await screenshot(page, 'journey-5-download');
      expect(errors.join('\n')).toBe('');
    } finally {
      await context.close();
    }
  });

  it('search, a model filter and the favourites filter narrow the gallery', async () => {
    const { context, page, errors } = await openStudioPage(suite.browser, suite.studio.url);
    try {
      const made = [
        { prompt: 'An orange cat naps on a sunny windowsill', model: 'MiniMax-Hailuo-2.3' },
        { prompt: 'A hot air balloon rises over the desert', model: 'MiniMax-Hailuo-02' },
        { prompt: 'Neon signs flicker in a rainy alley', model: 'T2V-01' },
      ];
      for (const { prompt, model } of made) await generateVideo(page, prompt, model);
      for (const { prompt } of made) await untilVideoStored(page, prompt);
      expect((await storedRows(page)).map((r) => r.model).sort()).toEqual(made.map((m) => m.model).sort());
      await expect.poll(() => cards(page).count()).toBe(3);
      await expect.poll(() => history(page).getByText('In history: 3').count()).toBe(1);

      // search (case-insensitive substring of the prompt)
      const search = history(page).getByRole('searchbox', { name: 'Search prompts' });
      await search.fill('BALLOON');
      await expect.poll(() => cards(page).count()).toBe(1);
      expect(await cards(page).first().textContent()).toContain('A hot air balloon rises over the desert');
      await search.fill('zebra');
      await expect.poll(() => history(page).getByText('Nothing matches these filters.').count()).toBe(1);
      expect(await cards(page).count()).toBe(0);
      await search.fill('');
      await expect.poll(() => cards(page).count()).toBe(3);

      // model filter
      const modelFilter = history(page).getByRole('combobox', { name: 'Filter by model', exact: true });
      await modelFilter.selectOption('T2V-01');
      await expect.poll(() => cards(page).count()).toBe(1);
      expect(await cards(page).first().textContent()).toContain('Neon signs flicker');
      await modelFilter.selectOption('');
      await expect.poll(() => cards(page).count()).toBe(3);

      // favourites
      const cat = cards(page).filter({ hasText: 'An orange cat' });
      await cat.getByRole('button', { name: 'Add to favourites' }).click();
      await expect.poll(() => cat.getByRole('button', { name: 'Remove from favourites' }).getAttribute('aria-pressed')).toBe('true');
      await history(page).getByRole('checkbox', { name: 'Favourites only' }).check();
      await expect.poll(() => cards(page).count()).toBe(1);
      expect(await cards(page).first().textContent()).toContain('An orange cat');
      expect((await storedRows(page)).filter((r) => r.favourite).map((r) => r.prompt)).toEqual(['An orange cat naps on a sunny windowsill']);

      // filters combine: favourites + a search that misses the favourite → nothing
      await search.fill('alley');
      await expect.poll(() => cards(page).count()).toBe(0);
      await search.fill('cat');
      await expect.poll(() => cards(page).count()).toBe(1);
      await screenshot(page, 'journey-6-gallery-filters');
      expect(errors.join('\n')).toBe('');
    } finally {
      await context.close();
    }
  });
});
