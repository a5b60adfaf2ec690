// References for MiniMax-H3, live mode (the simulator over HTTP): an image, a video and an audio clip go to MiniMax
// exactly as picked and the video is made; refusals (audio alone, videos of 3 s + 15 s) are sentences in the form and
// nothing reaches MiniMax. The section is axe-clean, keyboard-usable, and looked at in both languages at 1280 and
// 360 px. Sample media: test/fixtures/media (make.sh).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { goto, launchBrowser, openStudioPage, OUTPUT_DIR, reload, startStudioUnderTest, type StudioUnderTest } from '../support/browser';
import { FAST_STAGES, generate, history, recordRequests, untilVideoStored, writePrompt } from './support/journeys';

const MEDIA = new URL('../fixtures/media/', import.meta.url).pathname;
const IMAGE = `${MEDIA}ref-image.jpg`;
const VIDEO_3S = `${MEDIA}ref-3s.mp4`;
const VIDEO_15S = `${MEDIA}ref-15s.mp4`;
const AUDIO_3S = `${MEDIA}ref-3s.wav`;
const AXE_PATH = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
const V2_CREATE = '/api/v2/video_generation';

const dataUri = (path: string, type: string) => `data:${type};base64,${readFileSync(path).toString('base64')}`;

async function addReferences(page: Page, files: string[]): Promise<void> {
  await page.locator('#refs-add').setInputFiles(files);
}

function cards(page: Page) {
  return page.locator('section[aria-labelledby="refs-heading"] .cards > li');
}

function card(page: Page, name: string) {
  return cards(page).filter({ hasText: name });
}

/** The form's saved draft (IndexedDB): its prompt and the names of its references. */
function savedDraft(page: Page): Promise<{ prompt?: string; references: string[] }> {
  return page.evaluate(
    () =>
      new Promise<{ prompt?: string; references: string[] }>((resolve) => {
        const open = indexedDB.open('hailuo-draft');
        open.onupgradeneeded = () => open.transaction!.abort(); // never create the app's draft database
        open.onsuccess = () => {
          // the prompt and options in 'current', the images and references in 'media' (written when they change)
          const store = open.result.transaction('draft').objectStore('draft');
          const text = store.get('current');
          const media = store.get('media');
          media.onsuccess = () =>
            resolve({ prompt: text.result?.prompt, references: ((media.result?.references ?? []) as { name: string }[]).map((r) => r.name) });
          media.onerror = () => resolve({ references: [] });
        };
        open.onerror = () => resolve({ references: [] });
      }),
  );
}

const NOT_TEXT = { name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('not a picture') };

function pageCreates(page: ReturnType<typeof recordRequests>) {
  return page.filter((r) => r.method() === 'POST' && new URL(r.url()).pathname === V2_CREATE);
}

describe('MiniMax-H3 references (live mode, the simulator over HTTP)', () => {
  let studio: StudioUnderTest;
  let browser: Browser;

  beforeAll(async () => {
    [studio, browser] = await Promise.all([startStudioUnderTest('live', FAST_STAGES, 'demo'), launchBrowser()]);
  });
  afterAll(async () => {
    await browser?.close();
    await studio?.stop();
  });

  it('an image, a video and an audio clip reach MiniMax exactly as picked, named in the prompt, and the video is made', async () => {
    const { context, page, errors } = await openStudioPage(browser, studio.url, { lastModel: null });
    try {
      await studio.sim!.clearSeen();
      await page.getByRole('heading', { name: 'References' }).waitFor();
      await addReferences(page, [IMAGE, VIDEO_3S, AUDIO_3S]);
      await page.getByRole('list', { name: /^Audio/ }).getByRole('listitem').waitFor(); // files are read one by one, audio last
      // what was read from each file: pixels, seconds, a poster frame, a waveform
      expect(await card(page, 'ref-image.jpg').textContent()).toContain('320×256 px');
      expect(await card(page, 'ref-3s.mp4').textContent()).toContain('3 s · 256×256 px');
      expect(await card(page, 'ref-3s.mp4').getByRole('img', { name: 'First frame of ref-3s.mp4' }).evaluate((img) => (img as HTMLImageElement).naturalWidth)).toBe(160);
      expect(await card(page, 'ref-3s.wav').locator('svg path').count()).toBe(1);

      // the names go in at the cursor, from the keyboard
      const prompt = page.getByRole('textbox', { name: 'Prompt' });
      await writePrompt(page, 'The cat from  walks like in , meowing as in ');
      await prompt.evaluate((el) => (el as HTMLTextAreaElement).setSelectionRange(13, 13));
      await page.getByRole('button', { name: 'Insert reference image 1 (ref-image.jpg) in the prompt' }).click();
      await prompt.evaluate((el) => (el as HTMLTextAreaElement).setSelectionRange(45, 45));
      await page.getByRole('button', { name: 'Insert reference video 1 (ref-3s.mp4) in the prompt' }).press('Enter');
      await prompt.press('End');
      await page.getByRole('button', { name: 'Insert reference audio 1 (ref-3s.wav) in the prompt' }).click();
      const text = 'The cat from reference image 1 walks like in reference video 1, meowing as in reference audio 1';
      expect(await prompt.inputValue()).toBe(text);

      // a reload keeps them (the draft)
      await expect.poll(() => savedDraft(page)).toEqual({ prompt: text, references: ['ref-image.jpg', 'ref-3s.mp4', 'ref-3s.wav'] });
      await reload(page);
      await card(page, 'ref-3s.wav').waitFor();
      expect(await cards(page).count()).toBe(3);
      expect(await prompt.inputValue()).toBe(text);

      const requests = recordRequests(page);
      await page.locator('label', { hasText: 'Like the references' }).click();
      expect(await page.getByRole('radio', { name: 'Like the references' }).isChecked()).toBe(true);
      await generate(page);
      const row = await untilVideoStored(page, text, 60_000);
      expect(row).toMatchObject({ model: 'MiniMax-H3', status: 'Success' });

      expect(pageCreates(requests)).toHaveLength(1);
      const upstream = (await studio.sim!.seen()).filter((r) => r.method === 'POST' && r.path === '/v2/video_generation');
      expect(upstream).toHaveLength(1);
      expect(JSON.parse(upstream[0].body!)).toEqual({
        model: 'MiniMax-H3',
        content: [
          { type: 'text', text },
          { type: 'image_url', image_url: { url: dataUri(IMAGE, 'image/jpeg') }, role: 'reference_image' },
          { type: 'video_url', video_url: { url: dataUri(VIDEO_3S, 'video/mp4') }, role: 'reference_video' },
          { type: 'audio_url', audio_url: { url: dataUri(AUDIO_3S, 'audio/wav') }, role: 'reference_audio' },
        ],
        resolution: '768P',
        duration: 6,
        ratio: 'adaptive',
      });

      // Edit & re-run: the references come back, named as the prompt names them, read again from their data
      await history(page).locator('summary').first().click(); // the card's other actions sit behind one disclosure
      await history(page).getByRole('button', { name: 'Edit & re-run' }).first().click();
      await card(page, 'reference audio 1').waitFor();
      await expect.poll(() => card(page, 'reference video 1').textContent()).toContain('3 s · 256×256 px');
      expect(await card(page, 'reference image 1').textContent()).toContain('320×256 px');
      expect(await prompt.inputValue()).toBe(text);
      expect(errors.join('\n')).toBe('');
    } finally {
      await context.close();
    }
  });

  it('refuses audio alone and videos of 18 s in all with a sentence naming the file, and sends nothing', async () => {
    const { context, page, errors } = await openStudioPage(browser, studio.url, { lastModel: null });
    try {
      await studio.sim!.clearSeen();
      const requests = recordRequests(page);
      await page.getByRole('heading', { name: 'References' }).waitFor();
      await writePrompt(page, 'A voice and nothing to see');
      await addReferences(page, [AUDIO_3S]);
      const alone = page.getByText('Reference audio cannot be used alone (ref-3s.wav): add a reference image or video.');
      await alone.waitFor();
      await generate(page);
      await page.getByText('Nothing was sent: remove or replace the refused references (1) first.').waitFor();

      // remove it from the keyboard; focus goes back to the picker
      await page.getByRole('button', { name: 'Remove ref-3s.wav' }).press('Enter');
      await expect.poll(() => alone.count()).toBe(0);
      expect(await page.evaluate(() => document.activeElement?.id)).toBe('refs-add');

      await addReferences(page, [VIDEO_3S, VIDEO_15S]);
      await page.getByText('ref-15s.mp4 brings the reference videos to 18 s; MiniMax takes at most 15 s in all.').waitFor();
      await generate(page);
      await page.getByText('Nothing was sent: remove or replace the refused references (1) first.').waitFor();
      // reorder: the 15 s video first, then the 3 s one crosses the line
      await page.getByRole('button', { name: 'Move ref-15s.mp4 earlier' }).press('Enter');
      await page.getByText('ref-3s.mp4 brings the reference videos to 18 s; MiniMax takes at most 15 s in all.').waitFor();
      expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe('Move ref-15s.mp4 later');

      // with the refusal gone the next Generate sends: the only create MiniMax ever saw carries the 3 s video alone
      await page.getByRole('button', { name: 'Remove ref-15s.mp4' }).click();
      // a name left in the prompt that no reference answers to is pointed out (it does not stop the send)
      await writePrompt(page, 'A voice and nothing to see, as in reference video 1 and reference video 2');
      await page.getByText('The prompt names “reference video 2”, but no reference here answers to it: MiniMax would not know what it means.').waitFor();
      await generate(page);
      await expect.poll(() => pageCreates(requests).length, { timeout: 20_000 }).toBe(1);
      await expect.poll(async () => (await studio.sim!.seen()).filter((r) => r.method === 'POST' && r.path === '/v2/video_generation').length, { timeout: 20_000 }).toBe(1);
      const [sent] = (await studio.sim!.seen()).filter((r) => r.method === 'POST' && r.path === '/v2/video_generation');
      const content = (JSON.parse(sent.body!) as { content: { type: string; role?: string; video_url?: { url: string } }[] }).content;
      expect(content.map((c) => c.role ?? c.type)).toEqual(['text', 'reference_video']);
      expect(content[1].video_url?.url).toBe(dataUri(VIDEO_3S, 'video/mp4'));
      expect(errors.join('\n')).toBe('');
    } finally {
      await context.close();
    }
  });
});

describe('the references section, looked at', () => {
  let studio: StudioUnderTest;
  let browser: Browser;

  beforeAll(async () => {
    [studio, browser] = await Promise.all([startStudioUnderTest('demo', FAST_STAGES), launchBrowser()]);
  });
  afterAll(async () => {
    await browser?.close();
    await studio?.stop();
  });

  it.each(['light', 'dark'] as const)('axe finds no violation in the section (%s) with every kind of reference and a refusal', async (colorScheme) => {
    const context = await browser.newContext({ locale: 'en-US', colorScheme, viewport: { width: 1280, height: 900 }, bypassCSP: true });
    try {
      const page = await context.newPage();
      await goto(page, studio.url);
      await page.getByRole('heading', { name: 'References' }).waitFor();
      await addReferences(page, [IMAGE, VIDEO_3S, VIDEO_15S, AUDIO_3S]);
      await page.locator('#refs-add').setInputFiles([NOT_TEXT]);
      await page.getByText(/brings the reference videos to 18 s/).waitFor();
      await page.getByRole('list', { name: 'Not added (1)' }).getByText(/notes\.txt: MiniMax takes/).waitFor(); // not the status line announcing it
      await page.addScriptTag({ path: AXE_PATH });
      const violations = await page.evaluate(async () => {
        const axe = (window as unknown as { axe: { run(context: Element): Promise<{ violations: { id: string; nodes: unknown[] }[] }> } }).axe;
        const result = await axe.run(document.querySelector('section[aria-labelledby="refs-heading"]')!);
        return result.violations.map((v) => `${v.id} (${v.nodes.length})`);
      });
      expect(violations).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('takes files dropped on the section and pasted anywhere in the form, as the image slots do', async () => {
    const { context, page, errors } = await openStudioPage(browser, studio.url, { lastModel: null });
    try {
      await page.getByRole('heading', { name: 'References' }).waitFor();
      const files = { image: readFileSync(IMAGE).toString('base64'), audio: readFileSync(AUDIO_3S).toString('base64') };
      await page.evaluate(({ image, audio }) => {
        const file = (base64: string, name: string, type: string) => new File([Uint8Array.from(atob(base64), (c) => c.charCodeAt(0))], name, { type });
        const dropped = new DataTransfer();
        dropped.items.add(file(image, 'dropped.jpg', 'image/jpeg'));
        document.querySelector('section[aria-labelledby="refs-heading"] .drop')!.dispatchEvent(new DragEvent('drop', { dataTransfer: dropped, bubbles: true, cancelable: true }));
        const pasted = new DataTransfer();
        pasted.items.add(file(audio, 'pasted.wav', 'audio/wav'));
        document.querySelector('#prompt')!.dispatchEvent(new ClipboardEvent('paste', { clipboardData: pasted, bubbles: true, cancelable: true }));
      }, files);
      await card(page, 'pasted.wav').waitFor();
      await card(page, 'dropped.jpg').waitFor();
      expect(await cards(page).allTextContents()).toEqual([expect.stringContaining('dropped.jpg'), expect.stringContaining('pasted.wav')]);
      expect(await card(page, 'pasted.wav').textContent()).toContain('3 s');
      expect(errors.join('\n')).toBe('');
    } finally {
      await context.close();
    }
  });

  for (const locale of ['en-US', 'zh-CN'] as const) {
    for (const width of [1280, 360] as const) {
      it(`at ${width} px in ${locale}: nothing wider than the page`, async () => {
        const { context, page, errors } = await openStudioPage(browser, studio.url, { locale, viewport: { width, height: 900 }, lastModel: null });
        try {
          await page.locator('section[aria-labelledby="refs-heading"]').waitFor();
          await page.locator('#refs-add').setInputFiles([IMAGE, VIDEO_3S, VIDEO_15S, AUDIO_3S]);
          await page.locator('#refs-add').setInputFiles([NOT_TEXT]);
          await card(page, 'notes.txt').waitFor();
          await card(page, 'ref-3s.wav').waitFor();
          expect(await cards(page).count()).toBe(5);
          await page.getByText(/brings the reference videos to 18 s|参考视频合计 18 秒/).waitFor();
          const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
          expect(overflow).toBeLessThanOrEqual(0);
          await page.locator('#generate').screenshot({ path: `${OUTPUT_DIR}refs-form-${width}-${locale}.png` });
          expect(errors.join('\n')).toBe('');
        } finally {
          await context.close();
        }
      });
    }
  }
});
