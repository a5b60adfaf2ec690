// goto's one retry: wrangler's local proxy at times never answers one request, and a page load that waits on it is
// made once more; a load that hangs twice still fails, naming the request.
import { createServer, type Server } from 'node:http';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import { goto } from './browser';
import { launchChromium } from './chromium.mjs';

let browser: Browser;
let server: Server | null = null;
let page: Page | null = null;
beforeAll(async () => {
  browser = await launchChromium();
});
afterEach(async () => {
  await page?.close();
  server?.closeAllConnections();
  server?.close();
});
afterAll(() => browser.close());

/** Serves a page whose stylesheet is left unanswered the first `hangs` times it is asked for; opens a tab. */
async function stylesheetHanging(hangs: number): Promise<{ url: string; asked: () => number }> {
  let asked = 0;
  server = createServer((request, response) => {
    if (request.url === '/style.css') {
      if (++asked <= hangs) return;
      response.writeHead(200, { 'Content-Type': 'text/css' }).end('h1 { color: teal }');
      return;
    }
    response
      .writeHead(200, { 'Content-Type': 'text/html' })
      .end('<link rel="stylesheet" href="/style.css"><script type="module">document.title = "ran"</script><h1>hi</h1>');
  });
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  page = await browser.newPage();
  page.setDefaultNavigationTimeout(2_000);
  return { url: `http://127.0.0.1:${(server.address() as { port: number }).port}/`, asked: () => asked };
}

it('a page load whose stylesheet hangs once is made again, and the page runs', async () => {
  const { url, asked } = await stylesheetHanging(1);
  await goto(page!, url);
  expect(await page!.title()).toBe('ran');
  expect(asked()).toBe(2);
}, 20_000);

it('a page load that hangs twice fails, naming the request still open', async () => {
  const { url, asked } = await stylesheetHanging(2);
  await expect(goto(page!, url)).rejects.toThrow(/requests still open: GET http:\/\/127\.0\.0\.1:\d+\/style\.css/);
  expect(asked()).toBe(2);
}, 20_000);
