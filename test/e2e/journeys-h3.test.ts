// MiniMax-H3 in the studio, in demo mode (in-process simulator) and live mode (the simulator over HTTP): a new
// user starts on H3; a 16:9 2K text video shows its price before Generate, is sent to /api/v2, stored with its
// sound track, and plays with decoded audio. Screenshots of the new form at 1280 px and 360 px in both languages.
import type { Page, Request } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { openStudioPage, screenshot } from '../support/browser';
import { FAST_STAGES, generate, history, playUntilReady, queue, queueVideo, recordRequests, storedRow, storedWithSound, untilVideoStored, writePrompt } from './support/journeys';
import { useStudioAndBrowser } from './support/studio-and-browser';

const V2_CREATE = '/api/v2/video_generation';

function v2Creates(requests: Request[]): Request[] {
  return requests.filter((r) => r.method() === 'POST' && new URL(r.url()).pathname === V2_CREATE);
}

/** What the stored video's bytes and the playing element say about sound. */
async function soundOf(page: Page, prompt: string, id: string): Promise<{ soundTrack: boolean; decodedAudioBytes: number }> {
  const soundTrack = await storedWithSound(page, id);
  const video = queueVideo(page, prompt);
  await playUntilReady(video);
  const decodedAudioBytes = await video.evaluate(async (element) => {
    const v = element as HTMLVideoElement & { webkitAudioDecodedByteCount?: number };
    // no event tells of decoded audio: look again while it plays (the test's timeout ends a silent one)
    while ((v.webkitAudioDecodedByteCount ?? 0) === 0 && !v.ended) await new Promise((r) => setTimeout(r, 100));
    return v.webkitAudioDecodedByteCount ?? 0;
  });
  return { soundTrack, decodedAudioBytes };
}

describe.each(['demo', 'live'] as const)('MiniMax-H3 (%s mode)', (mode) => {
  const suite = useStudioAndBrowser(mode, { stages: FAST_STAGES, media: 'demo' });

  it('a new user makes a 16:9 2K text video: price first, sent to /api/v2, stored with its sound, plays with audio', async () => {
    const { context, page, errors } = await openStudioPage(suite.browser, suite.studio.url, { lastModel: null });
    try {
      const requests = recordRequests(page);
      const main = page.getByRole('main');
      await expect.poll(() => main.getByRole('combobox', { name: 'Model' }).inputValue()).toBe('MiniMax-H3');
      await main.getByRole('combobox', { name: 'Resolution' }).selectOption('2K');
      await main.getByRole('radio', { name: '16:9' }).check();
      await main.getByRole('slider', { name: 'Duration' }).fill('5');
      await expect.poll(() => page.locator('#generate-cost').textContent()).toContain('Estimated price: $0.65.');
      const prompt = `A lighthouse at dawn, waves below (${mode})`;
      await writePrompt(page, prompt);
      await generate(page);

      await expect.poll(() => v2Creates(requests).length).toBe(1);
      expect(v2Creates(requests)[0].postDataJSON()).toEqual({
        model: 'MiniMax-H3',
        content: [{ type: 'text', text: prompt }],
        resolution: '2K',
        duration: 5,
        ratio: '16:9',
      });
      const row = await untilVideoStored(page, prompt, 60_000);
      expect(row).toMatchObject({ model: 'MiniMax-H3', status: 'Success' });
      const sound = await soundOf(page, prompt, row.id);
      expect(sound.soundTrack).toBe(true);
      expect(sound.decodedAudioBytes).toBeGreaterThan(0);
      // the price MiniMax's usage gives, in the running totals and on the card
      const usage = ((await storedRow(page, prompt)) as { usage?: { output_seconds?: number } } | undefined)?.usage;
      expect(usage?.output_seconds).toBeGreaterThanOrEqual(5);
      const charged = `$${(usage!.output_seconds! * 0.13).toFixed(2)}`;
      await expect.poll(() => page.locator('#spend-totals').textContent()).toContain(`today ${charged}`);
      expect(await history(page).getByText(`cost ${charged}`, { exact: false }).count()).toBe(1);
      await screenshot(page, `h3-text-to-video-2k-${mode}`);
      expect(errors.join('\n')).toBe('');
    } finally {
      await context.close();
    }
  });

  it('first + last frame stays on MiniMax-H3 (and back on text), without a shape, and asks for the frames before sending', async () => {
    const { context, page } = await openStudioPage(suite.browser, suite.studio.url, { lastModel: null });
    try {
      const requests = recordRequests(page);
      await page.getByRole('radio', { name: 'First + last frame' }).check();
      await expect.poll(() => page.getByRole('main').getByRole('combobox', { name: 'Model' }).inputValue()).toBe('MiniMax-H3');
      expect(await page.getByRole('group', { name: 'Shape' }).count()).toBe(0);
      await writePrompt(page, 'The door opens');
      await generate(page);
      await expect.poll(() => page.getByText('Add an image here.').count()).toBeGreaterThan(0);
      expect(v2Creates(requests)).toHaveLength(0);
      await page.getByRole('radio', { name: 'Text → video' }).check();
      await expect.poll(() => page.getByRole('main').getByRole('combobox', { name: 'Model' }).inputValue()).toBe('MiniMax-H3');
    } finally {
      await context.close();
    }
  });
});

describe('cancelling a queued MiniMax-H3 task (demo mode, a long MiniMax queue)', () => {
  const suite = useStudioAndBrowser('demo', { stages: { preparing: 300, queueing: 120_000, processing: 1200 } });

  it('is free, says so, and ends as cancelled', async () => {
    const { context, page, errors } = await openStudioPage(suite.browser, suite.studio.url, { lastModel: null });
    try {
      const requests = recordRequests(page);
      const prompt = 'A queue that never moves';
      await writePrompt(page, prompt);
      await generate(page);
      const cancel = queue(page).getByRole('button', { name: 'Cancel' });
      await cancel.waitFor({ timeout: 30_000 });
      expect(await queue(page).getByText('Not started yet: cancelling is free.').count()).toBe(1);
      await cancel.click();
      await expect.poll(async () => (await storedRow(page, prompt))?.error?.code, { timeout: 20_000 }).toBe('cancelled');
      expect((await storedRow(page, prompt))?.status).toBe('Fail');
      const deletes = requests.filter((r) => r.method() === 'DELETE' && /^\/api\/v2\/video_generation\/\d+$/.test(new URL(r.url()).pathname));
      expect(deletes).toHaveLength(1);
      await expect.poll(() => page.getByText('Cancelled before it started: nothing was charged.').count()).toBeGreaterThan(0);
      await screenshot(page, 'h3-cancelled');
      expect(errors.join('\n')).toBe('');
    } finally {
      await context.close();
    }
  });
});

describe('the MiniMax-H3 form, looked at', () => {
  const suite = useStudioAndBrowser('demo', { stages: FAST_STAGES });

  for (const locale of ['en-US', 'zh-CN'] as const) {
    for (const width of [1280, 360] as const) {
      it(`at ${width} px in ${locale}: nothing wider than the page`, async () => {
        const { context, page, errors } = await openStudioPage(suite.browser, suite.studio.url, { locale, viewport: { width, height: 900 }, lastModel: null });
        try {
          await page.locator('#generate-cost').waitFor();
          const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
          expect(overflow).toBeLessThanOrEqual(0);
          await page.locator('#generate').screenshot({ path: new URL(`../../test-output/h3-form-${width}-${locale}.png`, import.meta.url).pathname });
          expect(errors.join('\n')).toBe('');
        } finally {
          await context.close();
        }
      });
    }
  }
});
