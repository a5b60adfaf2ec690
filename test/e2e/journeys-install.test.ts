// Journey 8: the studio is installable — a linked, valid manifest with real icons, a service worker that
// controls the page after a reload, and Chromium's own installability check finds nothing wrong.
import { describe, expect, it } from 'vitest';
import { goto, openStudioPage, reload, screenshot } from '../support/browser';
import { launchProfile } from './support/journeys';
import { useStudioAndBrowser } from './support/studio-and-browser';

const suite = useStudioAndBrowser('demo');

interface ManifestIcon {
  src: string;
  sizes: string;
  type?: string;
  purpose?: string;
}

function pngSize(bytes: Buffer): { width: number; height: number } {
  expect(bytes.subarray(1, 4).toString('ascii')).toBe('PNG');
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

describe('installing the studio', () => {
  it('links a valid manifest whose icons exist at their stated sizes', async () => {
    const { context, page } = await openStudioPage(suite.browser, suite.studio.url);
    try {
      const href = await page.locator('link[rel="manifest"]').getAttribute('href');
      expect(href).toBe('/manifest.webmanifest');
      const response = await page.request.get(`${suite.studio.url}/manifest.webmanifest`);
      expect(response.status()).toBe(200);
      const manifest = (await response.json()) as {
        name: string;
        short_name: string;
        start_url: string;
        display: string;
        scope?: string;
        icons: ManifestIcon[];
      };
      expect(manifest.name).toBe('Hailuo Studio');
      expect(manifest.short_name.length).toBeGreaterThan(0);
      expect(manifest.display).toBe('standalone');
      expect(new URL(manifest.start_url, suite.studio.url).origin).toBe(new URL(suite.studio.url).origin);
      const icon = (size: string, purpose?: string) =>
        manifest.icons.find((i) => i.sizes.split(' ').includes(size) && (purpose ? (i.purpose ?? 'any').split(' ').includes(purpose) : (i.purpose ?? 'any').includes('any')));
      for (const [size, purpose] of [['192x192'], ['512x512'], ['512x512', 'maskable']] as const) {
        const found = icon(size, purpose);
        expect(found, `${size} ${purpose ?? 'any'} icon`).toBeDefined();
        const file = await page.request.get(new URL(found!.src, suite.studio.url).toString());
        expect(file.status()).toBe(200);
        const [w, h] = size.split('x').map(Number);
        expect(pngSize(await file.body())).toEqual({ width: w, height: h });
      }
    } finally {
      await context.close();
    }
  });

  it('has a service worker controlling the page after a reload, and Chromium reports no installability errors', async () => {
    // Chromium calls nothing installable in an incognito context (every suite.browser.newContext()): a real profile.
    const profile = await launchProfile();
    const context = profile.context;
    const page = context.pages()[0] ?? (await context.newPage());
    const errors: string[] = [];
    page.on('console', (message) => message.type() === 'error' && errors.push(message.text()));
    page.on('pageerror', (error) => errors.push(error.message));
    try {
      await goto(page, suite.studio.url);
      const registration = await page.evaluate(() =>
        navigator.serviceWorker.ready.then(async (r) => {
          const worker = r.active!;
          if (worker.state !== 'activated') await new Promise((done) => worker.addEventListener('statechange', () => worker.state === 'activated' && done(null)));
          return { scope: r.scope, state: worker.state, script: worker.scriptURL };
        }),
      );
      expect(registration).toMatchObject({ scope: `${suite.studio.url}/`, state: 'activated' });

      await reload(page);
      await expect.poll(() => page.evaluate(() => navigator.serviceWorker.controller?.state ?? null)).toBe('activated');

      const cdp = await context.newCDPSession(page);
      const { installabilityErrors } = (await cdp.send('Page.getInstallabilityErrors')) as {
        installabilityErrors: { errorId: string; errorArguments: unknown[] }[];
      };
      expect(installabilityErrors).toEqual([]);
      const { url: manifestUrl, errors: manifestErrors } = (await cdp.send('Page.getAppManifest')) as { url: string; errors: unknown[] };
      expect(manifestUrl).toBe(`${suite.studio.url}/manifest.webmanifest`);
      expect(manifestErrors).toEqual([]);
      await screenshot(page, 'journey-8-installable');
      expect(errors.join('\n')).toBe('');
    } finally {
      await profile.close();
    }
  });
});
