// Shared pieces of the browser suites: Debian's Chromium, the studio in demo or live mode, screenshots.
import { mkdirSync } from 'node:fs';
import type { Browser, BrowserContext, Page, Request } from 'playwright-core';
import { launchChromium } from './chromium.mjs';
import { startSimulatorServer, type SimulatorServer } from './simulator-server';
import { liveVarsFor, SIM_KEY, startStudio, type StudioServer } from './studio';

export const OUTPUT_DIR = new URL('../../test-output/', import.meta.url).pathname;

export interface StudioUnderTest {
  url: string;
  mode: 'demo' | 'live';
  sim?: SimulatorServer;
  stop(): Promise<void>;
}

/** Demo mode: no key, the in-process simulator (fast stages). Live mode: a key, the simulator over HTTP. */
/** `media` (live mode): what the simulator serves, its sample.mp4 (default) or sized demo videos with sound. */
export async function startStudioUnderTest(
  mode: 'demo' | 'live',
  stages = { preparing: 500, queueing: 500, processing: 2000 },
  media: 'sample' | 'demo' = 'sample',
): Promise<StudioUnderTest> {
  if (mode === 'demo') {
    const studio: StudioServer = await startStudio({ vars: { DEMO_STAGES_MS: `${stages.preparing},${stages.queueing},${stages.processing}` } });
    return { url: studio.url, mode, stop: () => studio.stop() };
  }
  const sim = await startSimulatorServer({ keys: [SIM_KEY], stagesMs: stages, rpm: 100, media });
  const studio = await startStudio(liveVarsFor(sim.url));
  return {
    url: studio.url,
    mode,
    sim,
    stop: async () => {
      await studio.stop();
      await sim.stop();
    },
  };
}

export async function launchBrowser(): Promise<Browser> {
  return (await launchChromium()) as Browser;
}

export interface OpenedPage {
  context: BrowserContext;
  page: Page;
  /** console errors and uncaught exceptions seen so far */
  errors: string[];
}

/**
 * A fresh browser profile on the studio. `lastModel`: the model the form remembers (a returning user of it);
 * Hailuo 2.3 unless said, null for a new user (who starts on MiniMax-H3).
 */
export async function openStudioPage(
  browser: Browser,
  url: string,
  options: {
    locale?: string;
    colorScheme?: 'light' | 'dark';
    viewport?: { width: number; height: number };
    lastModel?: string | null;
    /** for pages scanned with axe (injected as an inline script, which the page's CSP refuses) */
    bypassCSP?: boolean;
  } = {},
): Promise<OpenedPage> {
  const context = await browser.newContext({
    locale: options.locale ?? 'en-US',
    colorScheme: options.colorScheme ?? 'light',
    viewport: options.viewport ?? { width: 1280, height: 900 },
    acceptDownloads: true,
    bypassCSP: options.bypassCSP ?? false,
  });
  const lastModel = options.lastModel === undefined ? 'MiniMax-Hailuo-2.3' : options.lastModel;
  if (lastModel) {
    await context.addInitScript((model) => {
      if (!localStorage.getItem('hailuo-studio.lastModel')) localStorage.setItem('hailuo-studio.lastModel', model);
    }, lastModel);
  }
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(`${message.text()} (${message.location().url || 'no url'})`);
  });
  page.on('pageerror', (error) => errors.push(error.message));
  await goto(page, url);
  return { context, page, errors };
}

/**
 * Opens `url` and returns once the document is parsed and its module scripts have run (DOMContentLoaded); each test
 * then waits for what it needs. Not the `load` event: that also waits for every early request, lazy chunks
 * included, and in CI one such request once hung 30 s and failed a test that needed none of it (wrangler's local
 * proxy at times never answers one request). When the document itself hangs, the error names the requests still
 * open; when `load` is late, a warning does, so the hang is seen.
 */
export function goto(page: Page, url: string): Promise<void> {
  return navigateNamingWhatHangs(page, url, () => page.goto(url, { waitUntil: 'domcontentloaded' }));
}

/** Reloads the page, as `goto` opens one: returns at DOMContentLoaded, names what hangs. */
export function reload(page: Page): Promise<void> {
  return navigateNamingWhatHangs(page, page.url(), () => page.reload({ waitUntil: 'domcontentloaded' }));
}

/**
 * wrangler's local proxy at times never answers one request (a stylesheet, a chunk; seen in CI and at load 8 beside
 * the bench): a navigation that times out is made once more, with a warning that names what hung. A second hang fails.
 */
async function navigateNamingWhatHangs(page: Page, url: string, navigate: () => Promise<unknown>, again = true): Promise<void> {
  const started = Date.now();
  const open = new Map<Request, number>();
  const finished = (request: Request) => open.delete(request);
  const opened = (request: Request) => open.set(request, Date.now());
  const stillOpen = () =>
    [...open].map(([request, at]) => `${request.method()} ${request.url()} (open ${Date.now() - at} ms, ${request.resourceType()})`).join('; ') || 'none';
  page.on('request', opened);
  page.on('requestfinished', finished);
  page.on('requestfailed', finished);
  const stopWatching = () => {
    page.off('request', opened);
    page.off('requestfinished', finished);
    page.off('requestfailed', finished);
  };
  try {
    await navigate();
  } catch (error) {
    stopWatching();
    const hung = `${Date.now() - started} ms after opening ${url}, requests still open: ${stillOpen()}`;
    if (again && !page.isClosed() && (error as Error).name === 'TimeoutError') {
      console.warn(`[browser] ${(error as Error).message.split('\n')[0]}: ${hung}; opening it again`);
      return navigateNamingWhatHangs(page, url, navigate, false);
    }
    throw new Error(`${(error as Error).message}\n${hung}`, { cause: error });
  }
  page
    .waitForLoadState('load', { timeout: LATE_LOAD_MS })
    .catch(() => {
      if (!page.isClosed()) console.warn(`[browser] ${url}: no load event ${LATE_LOAD_MS} ms after opening it; requests still open: ${stillOpen()}`);
    })
    .finally(stopWatching);
}

const LATE_LOAD_MS = 15_000;

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(OUTPUT_DIR, { recursive: true });
  await page.screenshot({ path: `${OUTPUT_DIR}${name}.png`, fullPage: true });
}
