// The set-up most browser suites share: the studio (demo or live mode) and Chromium, started together before the
// suite's tests and stopped after them. Call it at the top of a describe (or the file); read the two from its
// result inside the tests.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { launchBrowser, startStudioUnderTest, type StudioUnderTest } from '../../support/browser';

export interface StudioAndBrowserOptions {
  /** the simulator's stage lengths (ms) */
  stages?: { preparing: number; queueing: number; processing: number };
  /** live mode: what the simulator serves, its sample.mp4 (default) or sized demo videos with sound */
  media?: 'sample' | 'demo';
}

export interface StudioAndBrowser {
  readonly studio: StudioUnderTest;
  readonly browser: Browser;
}

export function useStudioAndBrowser(mode: 'demo' | 'live', options: StudioAndBrowserOptions = {}): StudioAndBrowser {
  let studio: StudioUnderTest | undefined;
  let browser: Browser | undefined;

  beforeAll(async () => {
    const [started, launched] = await Promise.allSettled([startStudioUnderTest(mode, options.stages, options.media), launchBrowser()]);
    // keep what did start, so afterAll stops it even when the other failed
    if (started.status === 'fulfilled') studio = started.value;
    if (launched.status === 'fulfilled') browser = launched.value;
    if (started.status === 'rejected') throw started.reason;
    if (launched.status === 'rejected') throw launched.reason;
  });
  afterAll(async () => {
    await browser?.close();
    await studio?.stop();
  });

  return {
    get studio() {
      if (!studio) throw new Error('the studio starts in beforeAll: read it inside a test');
      return studio;
    },
    get browser() {
      if (!browser) throw new Error('Chromium starts in beforeAll: read it inside a test');
      return browser;
    },
  };
}
