import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { flushSync } from 'svelte';
import { loadDraft, saveDraft } from './draft';
import { GenerateForm } from './form.svelte';
import { pngDataUrl } from './testImages';

beforeEach(async () => {
  await new Promise<void>((resolve) => {
    const request = indexedDB.deleteDatabase('hailuo-draft');
    request.onsuccess = request.onerror = () => resolve();
  });
});
afterEach(() => vi.useRealTimers());

/** Lets fake-indexeddb's callbacks (macrotasks) run. */
const idle = () => new Promise((resolve) => setImmediate(resolve));

describe('the form draft across a reload', () => {
  it('prompt, mode, model, options, copies and the chosen image come back in a new form', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const image = pngDataUrl(640, 360);
    const before = new GenerateForm();
    const stop = before.keepDraft();
    for (let i = 0; i < 10; i++) await idle(); // the (empty) draft is read first
    before.setMode('i2v');
    before.setDuration(10);
    before.prompt = 'A heron lifts off the lake';
    before.promptOptimizer = false;
    before.count = 3;
    before.setImage('firstFrame', image);
    flushSync();
    await vi.advanceTimersByTimeAsync(300);
    for (let i = 0; i < 10; i++) await idle();
    stop();

    const after = new GenerateForm(); // the page after the reload
    const stopAfter = after.keepDraft();
    for (let i = 0; i < 10; i++) await idle();
    stopAfter();
    expect(after.draft).toEqual(before.draft);
    expect(after.images.firstFrame).toBe(image);
    expect(after).toMatchObject({ mode: 'i2v', duration: 10, prompt: 'A heron lifts off the lake', promptOptimizer: false, count: 3 });
  });

  it('what the user typed before the draft came back is not overwritten by it', async () => {
    await saveDraft({ ...new GenerateForm().draft, prompt: 'old draft' });
    const form = new GenerateForm();
    form.prompt = 'typed before the draft came back';
    const stop = form.keepDraft();
    for (let i = 0; i < 10; i++) await idle();
    stop();
    expect(form.prompt).toBe('typed before the draft came back');
  });

  it('a saved draft with a combination no longer offered is settled to a valid one', async () => {
    const form = new GenerateForm();
    form.restore({ ...form.draft, model: 'MiniMax-Hailuo-2.3', resolution: '1080P', duration: 10, count: 40 });
    expect(form.duration).toBe(6);
    expect(form.count).toBe(10);
  });

  it('typing rewrites the prompt only; the images and references are written again only when they change', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const put = vi.spyOn(IDBObjectStore.prototype, 'put');
    const mediaWrites = () => put.mock.calls.filter(([, key]) => key === 'media').length;
    const form = new GenerateForm();
    const stop = form.keepDraft();
    for (let i = 0; i < 10; i++) await idle();
    const save = async () => {
      flushSync();
      await vi.advanceTimersByTimeAsync(300);
      for (let i = 0; i < 10; i++) await idle();
    };
    form.setImage('firstFrame', pngDataUrl(640, 360));
    await save();
    expect(mediaWrites()).toBe(1);
    for (const prompt of ['A', 'A he', 'A heron']) {
      form.prompt = prompt;
      await save();
    }
    expect(mediaWrites()).toBe(1);
    expect((await loadDraft())?.prompt).toBe('A heron');
    form.setImage('firstFrame', undefined);
    await save();
    expect(mediaWrites()).toBe(2);
    stop();
    expect(await loadDraft()).toMatchObject({ prompt: 'A heron', images: {}, references: [] });
  });

  it('a draft saved whole, before the media had a record of their own, still comes back with its image', async () => {
    const image = pngDataUrl(320, 240);
    await new Promise<void>((resolve, reject) => {
      const request = indexedDB.open('hailuo-draft', 1);
      request.onupgradeneeded = () => request.result.createObjectStore('draft');
      request.onsuccess = () => {
        const transaction = request.result.transaction('draft', 'readwrite');
        transaction.objectStore('draft').put({ ...new GenerateForm().draft, prompt: 'old', images: { firstFrame: image } }, 'current');
        transaction.oncomplete = () => (request.result.close(), resolve());
        transaction.onerror = () => reject(transaction.error);
      };
    });
    expect(await loadDraft()).toMatchObject({ prompt: 'old', images: { firstFrame: image }, references: [] });
  });

  it('no draft saved: null', async () => {
    expect(await loadDraft()).toBeNull();
  });
});
