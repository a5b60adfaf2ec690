// The page hosted apart from its worker, as on GitHub Pages: `npm run build:static` for base /studio/ and a worker
// URL, served by a plain static file server (no headers, no fallback) on one port, the worker on another with
// ALLOWED_ORIGINS naming the page. Live mode against the simulator over HTTP, behind an access code, so every call
// the SPA makes is a CORS request with a preflight.
import { appendFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../../worker/scripts/simulator.mjs';
import { goto, reload, screenshot } from '../support/browser';
import { startSimulatorServer, type SimulatorServer } from '../support/simulator-server';
import { buildStaticPage, serveStatic, type StaticHost } from '../support/static-host';
import { liveVarsFor, SIM_KEY, startStudio, type StudioServer } from '../support/studio';
import { CREATE_PATH, expectPlaying, FAST_STAGES, generateVideo, launchProfile, playUntilReady, queueVideo, recordRequests, untilVideoStored } from './support/journeys';

const BASE = '/studio/';
const ACCESS_CODE = 'static-host-code-0123456789';

describe('the page on a static host, its worker elsewhere', () => {
  const outDir = mkdtempSync(join(tmpdir(), 'hailuo-static-'));
  let workerPort: number;
  let workerUrl: string;
  let host: StaticHost;
  let thirdSite: StaticHost;
  let sim: SimulatorServer;
  let worker: StudioServer | undefined;
  let profile: { context: BrowserContext; close(): Promise<void> };

  /** The worker on its fixed port (the page's CSP names it), with or without ALLOWED_ORIGINS. */
  async function startWorker(allowedOrigins?: string): Promise<void> {
    await worker?.stop();
    const live = liveVarsFor(sim.url);
    worker = await startStudio({
      port: workerPort,
      vars: { ...live.vars, ...(allowedOrigins ? { ALLOWED_ORIGINS: allowedOrigins } : {}) },
      secrets: { ...live.secrets, ACCESS_CODES: ACCESS_CODE },
    });
  }

  async function openSettings(page: Page): Promise<void> {
    await page.getByRole('button', { name: 'Settings' }).click();
    await page.getByRole('heading', { name: 'Settings' }).waitFor();
  }

  beforeAll(async () => {
    workerPort = await freePort();
    workerUrl = `http://127.0.0.1:${workerPort}`;
    await buildStaticPage({ base: BASE, workerUrl, outDir });
    [host, thirdSite, sim] = await Promise.all([serveStatic(outDir, BASE), serveStatic(outDir, '/'), startSimulatorServer({ keys: [SIM_KEY], stagesMs: FAST_STAGES, rpm: 100 })]);
    await startWorker(host.origin);
    profile = await launchProfile();
  });
  afterAll(async () => {
    await profile?.close();
    await worker?.stop();
    await Promise.all([host?.stop(), thirdSite?.stop(), sim?.stop()]);
    rmSync(outDir, { recursive: true, force: true });
  });

  it('builds every URL under the base, and a CSP naming exactly the worker', () => {
    const html = readFileSync(join(outDir, 'index.html'), 'utf8');
    const srcs = [...html.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1]);
    expect(srcs.length).toBeGreaterThan(3);
    for (const src of srcs) expect(src, src).toMatch(/^\/studio\//);
    const meta = /http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(html)?.[1]?.replaceAll('&#39;', "'");
    expect(meta).toContain(`connect-src 'self' ${workerUrl};`);
    expect(meta).toContain(`media-src 'self' blob: ${workerUrl};`);
    expect(readFileSync(join(outDir, '_headers'), 'utf8')).toContain(`connect-src 'self' ${workerUrl};`);
    const manifest = JSON.parse(readFileSync(join(outDir, 'manifest.webmanifest'), 'utf8')) as Record<string, unknown>;
    expect(manifest).toMatchObject({ id: BASE, start_url: BASE, scope: BASE });
    for (const icon of manifest.icons as { src: string }[]) expect(icon.src).toMatch(/^\/studio\//);
    const sw = readFileSync(join(outDir, 'sw.js'), 'utf8');
    expect(sw).toContain('createHandlerBoundToURL("/studio/index.html")');
    // navigations to the API (under /studio/, and root /v1, /v2 paths of the worker) never get the app shell
    expect(sw.replace(/\s+/g, '')).toContain('denylist:[/^\\/studio\\/\\/*(?:api|v1|v2)(\\/|$)/]');
  });

  it('loads clean, installs under /studio/, makes a video through the worker, and opens offline', async () => {
    const { context } = profile;
    const page = context.pages()[0] ?? (await context.newPage());
    const errors: string[] = [];
    page.on('console', (message) => void (message.type() === 'error' && errors.push(message.text())));
    page.on('pageerror', (error) => errors.push(error.message));
    const requests = recordRequests(page);

    await goto(page, `${host.origin}${BASE}`);
    await page.getByRole('button', { name: 'Generate' }).waitFor();
    await page.getByRole('heading', { name: 'History' }).waitFor();
    expect(await page.getByRole('alert').filter({ hasText: '(Settings → Worker URL)' }).count(), 'no connection notice').toBe(0);
    const scope = await page.evaluate(async () => (await navigator.serviceWorker.ready).scope);
    expect(scope).toBe(`${host.origin}${BASE}`);
    await reload(page);
    await expect.poll(() => page.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true);
    const cdp = await context.newCDPSession(page);
    const { installabilityErrors } = (await cdp.send('Page.getInstallabilityErrors')) as { installabilityErrors: unknown[] };
    expect(installabilityErrors).toEqual([]);

    // Settings: the build's worker is the default; the access code goes in; the connection is tested, then saved.
    await openSettings(page);
    const workerField = page.getByRole('textbox', { name: 'Worker URL' });
    expect(await workerField.inputValue()).toBe(workerUrl);
    await page.getByLabel('Access code').fill(ACCESS_CODE);
    await page.getByRole('button', { name: 'Test and save' }).click();
    await page.getByText(`Connected to ${workerUrl} (this studio’s key). Saved.`).waitFor();

    // A URL this page's own CSP cannot reach, and one that is no URL at all: said on the spot, nothing sent.
    await workerField.fill('https://other-worker.example');
    await page.getByText('This page’s security policy does not allow connections to https://other-worker.example').waitFor();
    await page.getByText('STUDIO_WORKER_URL=https://other-worker.example npm run build:static').waitFor();
    expect(await page.getByRole('button', { name: 'Test and save' }).isDisabled()).toBe(true);
    await screenshot(page, 'static-host-settings-blocked-by-page');
    await workerField.fill('not a url');
    await page.getByText('This is not a web address.').waitFor();
    await screenshot(page, 'static-host-settings');
    await workerField.fill(workerUrl);
    await page.getByRole('button', { name: 'Close' }).first().click();

    // A video end to end: created at the worker on its own origin, which asked the simulator with the server key.
    const prompt = 'A paper boat drifts down a rainy street (static host)';
    await generateVideo(page, prompt, 'MiniMax-Hailuo-2.3');
    await untilVideoStored(page, prompt);
    expectPlaying(await playUntilReady(queueVideo(page, prompt)));
    const create = requests.find((r) => r.method() === 'POST' && r.url() === `${workerUrl}${CREATE_PATH}`);
    expect(create, 'the create went to the worker’s origin').toBeDefined();
    expect(await create!.headerValue('authorization')).toBe(`Bearer ${ACCESS_CODE}`);
    const seen = await sim.seen();
    const upstream = seen.find((r) => r.method === 'POST' && r.path === '/v1/video_generation');
    expect(upstream?.headers?.authorization).toBe(`Bearer ${SIM_KEY}`);
    await screenshot(page, 'static-host-page');
    expect(errors.join('\n')).toBe('');

    // Offline: the shell from the service worker under /studio/, the stored video from IndexedDB.
    await context.setOffline(true);
    try {
      await reload(page);
      await page.getByRole('button', { name: 'Generate' }).waitFor();
      await expect.poll(() => page.getByText(prompt).count()).toBeGreaterThan(0);
      expect(await page.evaluate(() => location.pathname)).toBe(BASE);
    } finally {
      await context.setOffline(false);
    }

    // A new deployment on the host is offered by the banner, and applied under /studio/ when asked.
    appendFileSync(join(outDir, 'sw.js'), '\n// deployment 2\n');
    await page.evaluate(() => navigator.serviceWorker.getRegistration().then((r) => r?.update()));
    const banner = page.getByRole('region', { name: 'Update' });
    await banner.getByText('A new version is ready.').waitFor({ timeout: 20_000 });
    await Promise.all([page.waitForEvent('load'), banner.getByRole('button', { name: 'Reload' }).click()]);
    await page.getByRole('button', { name: 'Generate' }).waitFor();
    await expect.poll(() => page.evaluate(() => navigator.serviceWorker.getRegistration().then((r) => r?.waiting ?? null))).toBeNull();
    expect(await page.evaluate(() => location.pathname)).toBe(BASE);
  });

  it('the worker refuses a page of a third origin, in Chromium and at the preflight', async () => {
    const page = await profile.context.newPage();
    try {
      await page.goto(`${thirdSite.origin}/index.html`, { waitUntil: 'commit' });
      const outcome = await page.evaluate(async (url) => {
        try {
          const response = await fetch(`${url}/api/health`);
          return `answered ${response.status}`;
        } catch (error) {
          return `refused: ${(error as Error).name}`;
        }
      }, workerUrl);
      expect(outcome).toBe('refused: TypeError');
    } finally {
      await page.close();
    }
    const preflight = await fetch(`${workerUrl}/api/v1/video_generation`, {
      method: 'OPTIONS',
      headers: { Origin: thirdSite.origin, 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'authorization, content-type' },
    });
    expect(preflight.status).toBe(403);
    expect(preflight.headers.get('access-control-allow-origin')).toBeNull();
    const allowed = await fetch(`${workerUrl}/api/v1/video_generation`, {
      method: 'OPTIONS',
      headers: { Origin: host.origin, 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'authorization, content-type' },
    });
    expect(allowed.status).toBe(204);
    expect(allowed.headers.get('access-control-allow-origin')).toBe(host.origin);
  });

  it('against a worker without ALLOWED_ORIGINS, Settings says why it cannot connect and what to set', async () => {
    await startWorker(undefined);
    const page = await profile.context.newPage();
    try {
      await goto(page, `${host.origin}${BASE}`);
      // On the main screen already, without opening anything: why, and where to change it.
      await page.getByRole('alert').filter({ hasText: `The worker at ${workerUrl} answers, but not to pages from ${host.origin}.` }).waitFor();
      await page.getByRole('alert').filter({ hasText: '(Settings → Worker URL)' }).waitFor();
      await openSettings(page);
      await page.getByRole('button', { name: 'Test and save' }).click();
      const result = page.getByRole('status').filter({ hasText: 'Not saved' });
      await result.filter({ hasText: `The worker at ${workerUrl} answers, but not to pages from ${host.origin}. Set ALLOWED_ORIGINS = "${host.origin}"` }).waitFor();
      await result.filter({ hasText: `Not saved: the studio keeps using ${workerUrl}.` }).waitFor();
      await screenshot(page, 'static-host-no-allowed-origins');
      await page.getByRole('combobox', { name: 'Language' }).selectOption('zh-CN');
      const zh = `${workerUrl} 上的 Worker 有响应，但不接受来自 ${host.origin} 的页面。请在 Worker 的设置中设置 ALLOWED_ORIGINS = "${host.origin}"`;
      await page.getByRole('alert').filter({ hasText: zh }).waitFor();
      await page.getByRole('status').filter({ hasText: zh }).waitFor();
      await screenshot(page, 'static-host-no-allowed-origins-zh');
    } finally {
      await page.evaluate(() => localStorage.removeItem('hailuo.locale')).catch(() => undefined);
      await page.close();
    }
  });
});
