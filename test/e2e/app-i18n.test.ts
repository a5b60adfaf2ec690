// Languages, themes and sizes on the real page: a Chinese browser gets Chinese with no English left on the main
// screen (an explicit allow-list below), the choice is remembered, and the page fits a 360 px phone.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { openStudioPage, reload, screenshot } from '../support/browser';
import { cardVideo, historyCard } from './support/journeys';
import { useStudioAndBrowser } from './support/studio-and-browser';

/** What may stay in Latin letters on a Chinese screen: names, units, keys and commands, never a sentence. */
const ALLOWED_LATIN: RegExp[] = [
  /\bMiniMax-Hailuo-[\w.-]+/g, // model names: MiniMax-Hailuo-2.3, MiniMax-Hailuo-2.3-Fast, MiniMax-Hailuo-02
  /\bMiniMax-H3(-Max)?\b/g, // MiniMax-H3, MiniMax-H3-Max
  /\b\d{3,4}P\b|\b2K\b/g, // resolutions: 480P, 768P, 1080P, 2K
  /\bUS\$/g, // dollar prices as Chinese formatting writes them: US$0.48
  /\b[TIS]2V-01(-Director|-live)?\b/g, // T2V-01-Director, I2V-01-live, S2V-01, …
  /\[[A-Za-z ,]+\]/g, // camera commands in brackets: [Pan left]
  /\bMiniMax\b/g,
  /\bEnglish\b/g, // the language switch names each language in itself
  /\bCtrl\b/g, // the shortcut's key name
  /\b\d+(\.\d+)?\s?(B|KB|MB|GB|TB)\b/g, // storage sizes
];

/** Every text a sighted or screen-reader user meets on the page: visible text, option texts, names, placeholders. */
function pageTexts(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const texts = [document.title, document.body.innerText];
    for (const el of document.querySelectorAll<HTMLElement>('*')) {
      for (const attribute of ['aria-label', 'placeholder', 'title', 'alt']) {
        const value = el.getAttribute(attribute);
        if (value) texts.push(value);
      }
      if (el instanceof HTMLOptionElement) texts.push(el.text);
    }
    return texts;
  });
}

function englishLeft(texts: string[]): string[] {
  return texts.flatMap((text) => {
    let rest = text;
    for (const allowed of ALLOWED_LATIN) rest = rest.replace(allowed, ' ');
    return [...rest.matchAll(/[A-Za-z]{2,}[A-Za-z ]*/g)].map((m) => `${m[0].trim()}  ⟵ in “${text.slice(0, 80)}”`);
  });
}

describe('languages, themes and screen sizes', () => {
  const suite = useStudioAndBrowser('demo', { stages: { preparing: 200, queueing: 200, processing: 800 } });

  it('a zh-CN browser gets Chinese with no English left on the main screen, on a 360 px phone in dark', async () => {
    const { context, page, errors } = await openStudioPage(suite.browser, suite.studio.url, { locale: 'zh-CN', colorScheme: 'dark', viewport: { width: 360, height: 780 } });
    try {
      await page.getByRole('heading', { name: '历史记录' }).waitFor();
      await expect.poll(() => page.evaluate(() => document.documentElement.lang)).toBe('zh-CN');
      await expect.poll(() => page.title()).toBe('海螺工作室');
      // A finished video in the queue and the history, so their labels are checked too.
      await page.getByLabel('提示词', { exact: true }).fill('一只狐狸在雪地里奔跑');
      await page.getByRole('button', { name: '生成' }).click();
      await cardVideo(historyCard(page, '一只狐狸在雪地里奔跑'));
      await page.evaluate(() => document.fonts.ready);
      expect(englishLeft(await pageTexts(page))).toEqual([]);
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
      await screenshot(page, 'app-360-dark-zh-CN');
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('switches to 中文 from English and remembers it after a reload', async () => {
    const { context, page } = await openStudioPage(suite.browser, suite.studio.url, { locale: 'en-US', colorScheme: 'light', viewport: { width: 1440, height: 900 } });
    try {
      await page.getByRole('heading', { name: 'History' }).waitFor();
      await page.getByLabel('Language').selectOption('zh-CN');
      await page.getByRole('button', { name: '生成' }).waitFor();
      await reload(page);
      await page.getByRole('heading', { name: '历史记录' }).waitFor();
      expect(englishLeft(await pageTexts(page))).toEqual([]);
      await page.getByLabel('语言').selectOption('en');
      await page.getByRole('button', { name: 'Generate' }).waitFor();
      await reload(page);
      await page.getByRole('heading', { name: 'History' }).waitFor();
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(1440);
      await screenshot(page, 'app-1440-light-en');
    } finally {
      await context.close();
    }
  });

  it('follows the system theme, and a chosen theme wins and is remembered', async () => {
    const { context, page } = await openStudioPage(suite.browser, suite.studio.url, { colorScheme: 'dark' });
    try {
      const background = () => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
      await page.getByRole('heading', { name: 'History' }).waitFor();
      await expect.poll(background).toBe('rgb(17, 19, 24)'); // the stylesheet may land after the app has drawn
      await page.getByLabel('Theme').selectOption('light');
      expect(await background()).toBe('rgb(246, 247, 249)');
      await reload(page);
      await page.getByRole('heading', { name: 'History' }).waitFor();
      expect(await background()).toBe('rgb(246, 247, 249)');
      expect(await page.getByLabel('Theme').inputValue()).toBe('light');
    } finally {
      await context.close();
    }
  });
});
