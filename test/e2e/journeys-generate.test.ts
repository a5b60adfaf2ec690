// Journeys 1–3, in demo mode (in-process simulator) and live mode (the simulator over HTTP, a key in the worker):
// text → video to a playing video; image → video (and a too-small image refused before anything is sent);
// a reload during Processing resumes the same task and finishes it.
import { describe, expect, it } from 'vitest';
import { openStudioPage, reload, screenshot } from '../support/browser';
import {
  creates,
  expectPlaying,
  FAST_STAGES,
  generate,
  generateVideo,
  makePng,
  playUntilReady,
  queue,
  queueVideo,
  recordRequests,
  storedRows,
  untilVideoStored,
  writePrompt,
} from './support/journeys';
import { useStudioAndBrowser } from './support/studio-and-browser';

describe.each(['demo', 'live'] as const)('making a video (%s mode)', (mode) => {
  const suite = useStudioAndBrowser(mode, { stages: FAST_STAGES });

  it('text → video: the prompt becomes a video that plays', async () => {
    const { context, page, errors } = await openStudioPage(suite.browser, suite.studio.url);
    try {
      const prompt = `A red fox runs through fresh snow at dawn (${mode})`;
      await expect.poll(() => page.getByRole('radio', { name: 'Text → video' }).isChecked()).toBe(true);
      await generateVideo(page, prompt);
      await untilVideoStored(page, prompt);
      const playback = await playUntilReady(queueVideo(page, prompt));
      expectPlaying(playback);
      await expect.poll(() => queue(page).getByText('Done', { exact: true }).count()).toBe(1);
      await screenshot(page, `journey-1-text-to-video-${mode}`);
      expect(errors.join('\n')).toBe('');
    } finally {
      await context.close();
    }
  });

  it('image → video: a 640×360 PNG is sent with the prompt and the video plays; a too-small one is refused on the spot', async () => {
    const { context, page, errors } = await openStudioPage(suite.browser, suite.studio.url);
    try {
      const requests = recordRequests(page);
      await page.getByRole('radio', { name: 'Image → video' }).check();
      const picker = page.getByLabel('First frame: Choose image');

      // Too small: the rule's sentence next to the slot, and Generate sends nothing.
      await picker.setInputFiles({ name: 'tiny.png', mimeType: 'image/png', buffer: makePng(200, 200) });
      const tooSmall = '“tiny.png”: The image is 200×200; its short side must be more than 300 px.';
      await expect.poll(() => page.getByText(tooSmall).count()).toBe(1);
      await writePrompt(page, 'The camera slowly pushes in');
      await generate(page);
      await page.waitForTimeout(500);
      await expect.poll(() => page.getByText(tooSmall).count()).toBe(1); // still the rule's sentence, in words
      expect(await page.getByRole('img', { name: 'First frame preview' }).count()).toBe(0);
      expect(creates(requests)).toHaveLength(0);
      expect(await storedRows(page)).toHaveLength(0);
      await screenshot(page, `journey-2-image-too-small-${mode}`);

      // A good one: previewed, sent, and the video plays.
      await picker.setInputFiles({ name: 'frame.png', mimeType: 'image/png', buffer: makePng(640, 360) });
      await expect.poll(() => page.getByRole('img', { name: 'First frame preview' }).count()).toBe(1);
      await expect.poll(() => page.getByText('640×360', { exact: true }).count()).toBe(1);
      const prompt = `The camera slowly pushes in on the gradient (${mode})`;
      await writePrompt(page, prompt);
      await generate(page);
      await expect.poll(() => creates(requests).length).toBe(1);
      const body = creates(requests)[0].postDataJSON() as { first_frame_image?: string; prompt?: string; model: string };
      expect(body.prompt).toBe(prompt);
      expect(body.first_frame_image).toMatch(/^data:image\/png;base64,/);

      const row = await untilVideoStored(page, prompt);
      expect(row.status).toBe('Success');
      expectPlaying(await playUntilReady(queueVideo(page, prompt)));
      await screenshot(page, `journey-2-image-to-video-${mode}`);
      expect(errors.join('\n')).toBe('');
    } finally {
      await context.close();
    }
  });

  it('a reload during Processing resumes the same task (one create) and finishes it', async () => {
    const { context, page, errors } = await openStudioPage(suite.browser, suite.studio.url);
    try {
      const requests = recordRequests(page);
      await suite.studio.sim?.clearSeen();
      // sim:slow makes the Processing stage 10× longer (12 s here): time for a reload in the middle of it.
      const prompt = `A lighthouse beam sweeps over a stormy sea sim:slow (${mode})`;
      await generateVideo(page, prompt);
      await expect.poll(() => queue(page).getByRole('status').filter({ hasText: 'Processing' }).count(), { timeout: 15_000 }).toBe(1);
      const before = (await storedRows(page)).find((r) => r.prompt === prompt)!;
      expect(before.status).toBe('Processing');
      expect(before.taskId).toMatch(/^\d+$/);
      expect(creates(requests)).toHaveLength(1);

      await reload(page);
      const resumed = recordRequests(page);
      // The queue shows the task again straight from IndexedDB, and the scheduler picks it up.
      await expect.poll(() => queue(page).getByText(prompt).count()).toBe(1);
      const row = await untilVideoStored(page, prompt, 45_000);
      expect(row.taskId).toBe(before.taskId);
      expect(row.id).toBe(before.id);
      expect(row.status).toBe('Success');
      expect(creates(resumed)).toHaveLength(0);
      expect(resumed.some((r) => r.url().includes(`task_id=${before.taskId}`))).toBe(true);
      expect(await storedRows(page)).toHaveLength(1);
      if (suite.studio.sim) {
        const seen = await suite.studio.sim.seen();
        const simCreates = seen.filter((r) => r.method === 'POST' && r.path === '/v1/video_generation');
        expect(simCreates).toHaveLength(1);
        const polls = seen.filter((r) => r.path === '/v1/query/video_generation');
        expect(polls.every((r) => r.url.includes(before.taskId!))).toBe(true);
      }
      // the history shows the finished video too (it plays from IndexedDB)
      await expect.poll(() => page.getByRole('region', { name: 'History' }).getByText(prompt).count(), { timeout: 10_000 }).toBe(1);
      expectPlaying(await playUntilReady(queueVideo(page, prompt)));
      await screenshot(page, `journey-3-reload-resumes-${mode}`);
      expect(errors.join('\n')).toBe('');
    } finally {
      await context.close();
    }
  });
});
