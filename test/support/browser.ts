// Shared pieces of the browser suites: Debian's Chromium, the studio in demo or live mode, screenshots.
import { mkdirSync } from 'node:fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
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
export async function startStudioUnderTest(mode: 'demo' | 'live', stages = { preparing: 500, queueing: 500, processing: 2000 }): Promise<StudioUnderTest> {
  if (mode === 'demo') {
    const studio: StudioServer = await startStudio({ vars: { DEMO_STAGES_MS: `${stages.preparing},${stages.queueing},${stages.processing}` } });
    return { url: studio.url, mode, stop: () => studio.stop() };
  }
  const sim = await startSimulatorServer({ keys: [SIM_KEY], stagesMs: stages, rpm: 100 });
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

export async function openStudioPage(browser: Browser, url: string, options: { locale?: string; colorScheme?: 'light' | 'dark'; viewport?: { width: number; height: number } } = {}): Promise<OpenedPage> {
  const context = await browser.newContext({
    locale: options.locale ?? 'en-US',
    colorScheme: options.colorScheme ?? 'light',
    viewport: options.viewport ?? { width: 1280, height: 900 },
    acceptDownloads: true,
  });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  page.on('pageerror', (error) => errors.push(error.message));
  await page.goto(url);
  return { context, page, errors };
}

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(OUTPUT_DIR, { recursive: true });
  await page.screenshot({ path: `${OUTPUT_DIR}${name}.png`, fullPage: true });
}
