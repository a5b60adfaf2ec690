// Rows measured in Chromium: first contentful paint of the studio page.
import { median } from './measure.mjs';

export async function firstContentfulPaint(browser, url, runs = 7) {
  const values = [];
  for (let i = 0; i < runs; i++) {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(url, { waitUntil: 'load' });
    const fcp = await page.evaluate(
      () =>
        new Promise((resolve) => {
          const found = performance.getEntriesByName('first-contentful-paint')[0];
          if (found) return resolve(found.startTime);
          new PerformanceObserver((list) => resolve(list.getEntries()[0].startTime)).observe({ type: 'paint', buffered: true });
        }),
    );
    values.push(fcp);
    await context.close();
  }
  return median(values.slice(1));
}
