// The installable, offline studio: manifest and service worker (Chromium's installability check passes), the
// history and its stored videos open and play with the network off, and a new deployment is offered by a
// "Reload / Later" banner, never forced. A tiny proxy in front of the studio plays the new deployment: it serves
// a byte-different sw.js on demand.
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { goto, reload, screenshot, startStudioUnderTest, type StudioUnderTest } from '../support/browser';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../support/chromium.mjs';
import { cardVideo, historyCard, playUntilReady } from './support/journeys';

interface Deployment {
  url: string;
  /** from now on sw.js differs: the browser sees a new version */
  deployNewVersion(): void;
  stop(): Promise<void>;
}

async function proxyTo(target: string): Promise<Deployment> {
  const upstream = new URL(target);
  let version = 1;
  const server: Server = createServer((req, res) => {
    // The studio only answers its own origin: the proxy stands in for it, so it speaks as it.
    const headers = { ...req.headers, host: upstream.host, ...(req.headers.origin ? { origin: upstream.origin } : {}) };
    delete headers.referer;
    if (req.url?.startsWith('/sw.js')) {
      // edited below: plain bytes, and never a 304 for the old version's etag
      delete headers['accept-encoding'];
      delete headers['if-none-match'];
      delete headers['if-modified-since'];
    }
    const forward = request(
      { hostname: upstream.hostname, port: upstream.port, path: req.url, method: req.method, headers },
      (answer) => {
        if (req.url?.startsWith('/sw.js') && version > 1 && answer.statusCode === 200) {
          const chunks: Buffer[] = [];
          answer.on('data', (chunk: Buffer) => chunks.push(chunk));
          answer.on('end', () => {
            const body = Buffer.concat([...chunks, Buffer.from(`\n// deployment ${version}\n`)]);
            const headers = { ...answer.headers, 'content-length': String(body.length) };
            delete headers.etag;
            res.writeHead(200, headers).end(body);
          });
          return;
        }
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    forward.on('error', () => res.writeHead(502).end());
    req.pipe(forward);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://localhost:${port}`,
    deployNewVersion: () => void version++,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

const controlled = (page: Page) => page.evaluate(() => navigator.serviceWorker.controller !== null);

describe('installable and offline', () => {
  let studio: StudioUnderTest;
  let deployment: Deployment;
  let context: BrowserContext;
  // Chromium reports every incognito context (Playwright's default) as not installable: a profile on disk instead.
  const profile = mkdtempSync(join(tmpdir(), 'hailuo-pwa-'));

  beforeAll(async () => {
    studio = await startStudioUnderTest('demo', { preparing: 200, queueing: 200, processing: 800 });
    deployment = await proxyTo(studio.url);
    context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM_PATH,
      args: CHROMIUM_ARGS,
      locale: 'en-US',
      viewport: { width: 1280, height: 900 },
    });
  });
  afterAll(async () => {
    await context?.close();
    await deployment?.stop();
    await studio?.stop();
    rmSync(profile, { recursive: true, force: true });
  });

  it('is installable, works offline with its stored videos, and offers a new version without forcing it', async () => {
    const page = context.pages()[0] ?? (await context.newPage());
    await goto(page, deployment.url);
    {
      // Install check: the manifest is linked, a service worker controls the page after a reload, Chromium agrees.
      const manifestHref = await page.locator('link[rel="manifest"]').getAttribute('href');
      expect(manifestHref).toBe('/manifest.webmanifest');
      await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
      await reload(page);
      await expect.poll(() => controlled(page)).toBe(true);
      const cdp = await context.newCDPSession(page);
      const { installabilityErrors } = (await cdp.send('Page.getInstallabilityErrors')) as { installabilityErrors: unknown[] };
      expect(installabilityErrors).toEqual([]);
      const manifest = (await cdp.send('Page.getAppManifest')) as { errors: unknown[] };
      expect(manifest.errors).toEqual([]);

      // A video made online…
      await page.getByLabel('Prompt', { exact: true }).fill('Fireflies over a summer meadow');
      await page.getByRole('button', { name: 'Generate' }).click();
      await cardVideo(historyCard(page, 'Fireflies over a summer meadow'));

      // …opens and plays offline: the shell from the service worker, the bytes from IndexedDB.
      await context.setOffline(true);
      await reload(page);
      await page.getByRole('heading', { name: 'History' }).waitFor();
      const playback = await playUntilReady(await cardVideo(historyCard(page, 'Fireflies over a summer meadow')));
      expect(playback.readyState).toBeGreaterThanOrEqual(3);
      expect(playback.currentTime).toBeGreaterThan(0);
      await context.setOffline(false);

      // A new deployment: offered, not forced. "Later" hides it; it comes back on the next load; "Reload" applies it.
      deployment.deployNewVersion();
      await page.evaluate(() => navigator.serviceWorker.getRegistration().then((r) => r?.update()));
      const banner = page.getByRole('region', { name: 'Update' });
      await banner.getByText('A new version is ready.').waitFor({ timeout: 20_000 });
      await screenshot(page, 'app-update-banner');
      await banner.getByRole('button', { name: 'Later' }).click();
      await expect.poll(() => banner.count()).toBe(0);
      await reload(page);
      await banner.getByRole('button', { name: 'Reload' }).waitFor({ timeout: 20_000 });
      await page.evaluate(() => ((window as unknown as { __before: boolean }).__before = true));
      await Promise.all([page.waitForEvent('load'), banner.getByRole('button', { name: 'Reload' }).click()]);
      await page.getByRole('heading', { name: 'History' }).waitFor();
      expect(await page.evaluate(() => (window as unknown as { __before?: boolean }).__before)).toBeUndefined();
      await expect.poll(() => page.evaluate(() => navigator.serviceWorker.getRegistration().then((r) => r?.waiting ?? null))).toBeNull();
      expect(await controlled(page)).toBe(true);
      expect(await banner.count()).toBe(0);
    }
  });
});
