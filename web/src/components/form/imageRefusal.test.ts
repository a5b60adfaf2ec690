import { flushSync } from 'svelte';
import { describe, expect, it } from 'vitest';
import { loadErrorMessages } from '../../lib/i18n/dictionaries';
import { i18n } from '../../lib/i18n/index.svelte';
import { pngBytes } from '../../lib/form/testImages';
import { imageRefusal } from './imageRefusal';
import { useGenerateForm } from './testForm';

describe('a refused image is named with the rule it breaks', () => {
  const mountForm = useGenerateForm();

  it('the sentence: file name, rule, and whether shrinking failed (en, zh)', async () => {
    await loadErrorMessages();
    const tooLarge = { ok: false as const, issue: { field: 'first_frame_image', rule: 'image_too_large' as const, message: '', params: { mb: '25.0' } } };
    i18n.set('en');
    expect(imageRefusal('huge.png', { ...tooLarge, couldNotShrink: true })).toBe(
      '“huge.png”: The image is 25.0 MB; MiniMax takes less than 20 MB. This browser could not make it smaller.',
    );
    expect(imageRefusal('', tooLarge)).toBe('The image is 25.0 MB; MiniMax takes less than 20 MB.');
    i18n.set('zh-CN');
    expect(imageRefusal('大图.png', { ...tooLarge, couldNotShrink: true })).toBe(
      '“大图.png”：图片大小为 25.0 MB，MiniMax 只接受小于 20 MB 的图片。此浏览器无法将其缩小。',
    );
  });

  it('in the form, next to the slot, after the picked file', async () => {
    i18n.set('en');
    const root = mountForm();
    root.querySelector<HTMLInputElement>('input[name=mode][value=i2v]')!.click();
    flushSync();
    const input = root.querySelector<HTMLInputElement>('input[type=file]')!;
    const file = new File([pngBytes(200, 200) as BlobPart], 'tiny.png', { type: 'image/png' });
    Object.defineProperty(input, 'files', { value: [file], configurable: true });
    input.dispatchEvent(new Event('change', { bubbles: true }));
    await expect.poll(() => root.textContent).toContain('“tiny.png”: The image is 200×200; its short side must be more than 300 px.');
  });
});
