// `npm run screenshots`: the studio in demo mode (web/dist as built; this builds nothing) in Debian's Chromium.
// PNGs of the form with MiniMax-H3 at 1280 and 360 px in English and Chinese (also with one prompt per line), and
// of the queue with a few videos made ("Just made"), written to test-output/screenshots/ to be looked at.
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { launchChromium } from '../test/support/chromium.mjs';
import { startStudio } from '../worker/scripts/launch.mjs';

const OUT = fileURLToPath(new URL('../test-output/screenshots/', import.meta.url));
const WIDTHS = [1280, 360];
const LOCALES = [
  { locale: 'en-US', tag: 'en' },
  { locale: 'zh-CN', tag: 'zh' },
];
const PROMPTS = ['A paper boat drifts down a rainy street', 'A red fox runs through fresh snow at dawn', 'A lighthouse beam sweeps over a stormy sea'];

/** A new user's page (who starts on MiniMax-H3), with MiniMax-H3 chosen all the same. */
async function openForm(browser, url, locale, width) {
  const context = await browser.newContext({ locale, viewport: { width, height: width > 600 ? 900 : 780 }, colorScheme: 'light' });
  const page = await context.newPage();
  await page.goto(url);
  await page.locator('#model').selectOption('MiniMax-H3');
  await page.locator('#generate-cost').waitFor();
  return { context, page };
}

async function formShots(browser, url) {
  for (const { locale, tag } of LOCALES) {
    for (const width of WIDTHS) {
      const { context, page } = await openForm(browser, url, locale, width);
      await page.locator('section#generate').screenshot({ path: `${OUT}form-h3-${tag}-${width}.png` });
      // one prompt per line, one of them too long: the counter names it
      await page.locator('input[name=batch][value=lines]').check();
      await page.locator('#prompt').fill(`${PROMPTS[0]}\n${'x'.repeat(7001)}\n${PROMPTS[1]}`);
      await page.locator('section#generate').screenshot({ path: `${OUT}form-h3-lines-${tag}-${width}.png` });
      await context.close();
    }
  }
}

/** Three videos made at once (one prompt per line), then the queue with its "Just made" list. */
async function queueShots(browser, url) {
  for (const { locale, tag } of LOCALES) {
    for (const width of WIDTHS) {
      const { context, page } = await openForm(browser, url, locale, width);
      await page.locator('input[name=batch][value=lines]').check();
      await page.locator('#prompt').fill(PROMPTS.join('\n'));
      await page.locator('section#generate button[type=submit]').click();
      const queue = page.locator('section[aria-labelledby=queue-heading]');
      await queue.locator('video').waitFor({ timeout: 60_000 });
      await page.waitForFunction((n) => document.querySelectorAll('section[aria-labelledby=queue-heading] li.finished').length === n, PROMPTS.length, { timeout: 60_000 });
      await queue.locator('video').evaluate((v) => new Promise((resolve) => (v.readyState >= 2 ? resolve() : v.addEventListener('loadeddata', () => resolve(), { once: true }))));
      await queue.screenshot({ path: `${OUT}queue-just-made-${tag}-${width}.png` });
      await context.close();
    }
  }
}

mkdirSync(OUT, { recursive: true });
const studio = await startStudio({ vars: { DEMO_STAGES_MS: '300,300,1200' }, logLevel: 'error' });
const browser = await launchChromium();
try {
  await formShots(browser, studio.url);
  await queueShots(browser, studio.url);
  console.log(`Screenshots in ${OUT}`);
} finally {
  await browser.close();
  await studio.stop();
}
