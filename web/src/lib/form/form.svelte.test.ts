import { beforeEach, describe, expect, it } from 'vitest';
import type { VideoRequest } from '$contract';
import { GenerateForm } from './form.svelte';
import { pngDataUrl } from './testImages';

/** A form on Hailuo 2.3, as a returning user of it finds it. */
function hailuoForm(): GenerateForm {
  localStorage.setItem('hailuo-studio.lastModel', 'MiniMax-Hailuo-2.3');
  return new GenerateForm();
}

beforeEach(() => localStorage.clear());

describe('GenerateForm on MiniMax-H3', () => {
  it('starts a new user on MiniMax-H3 with whole seconds 4-15, a 7000-character prompt and no camera commands', () => {
    const form = new GenerateForm();
    expect(form.model).toBe('MiniMax-H3');
    expect(form.models.slice(0, 2)).toEqual(['MiniMax-H3', 'MiniMax-H3-Max']);
    expect(form.resolutions).toEqual(['768P', '2K']);
    expect(form.durations).toEqual([4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15]);
    expect(form.promptMax).toBe(7000);
    expect(form.camera).toBe(false);
  });

  it('keeps a returning user on the model they chose last', () => {
    new GenerateForm().setModel('MiniMax-Hailuo-02');
    expect(new GenerateForm().model).toBe('MiniMax-Hailuo-02');
  });

  it('sends a text-only v2 body with the chosen shape, and frames without one', async () => {
    const form = new GenerateForm();
    form.prompt = 'A lighthouse at dawn';
    form.setResolution('2K');
    form.setDuration(15);
    form.ratio = '9:16';
    expect(await form.check()).toEqual([
      { model: 'MiniMax-H3', content: [{ type: 'text', text: 'A lighthouse at dawn' }], resolution: '2K', duration: 15, ratio: '9:16' },
    ]);
    const image = pngDataUrl(800, 600);
    form.setMode('fl2v');
    expect(await form.check()).toBeNull();
    expect(form.issue?.issue).toMatchObject({ field: 'first_frame_image', rule: 'image_required' });
    form.setImage('firstFrame', image);
    form.setImage('lastFrame', image);
    const [body] = (await form.check()) ?? [];
    expect(form.model).toBe('MiniMax-H3');
    expect(body).not.toHaveProperty('ratio');
    expect(body).toMatchObject({ content: [{ type: 'text' }, { role: 'first_frame' }, { role: 'last_frame' }] });
    form.setMode('t2v');
    expect(form.model).toBe('MiniMax-H3');
  });

  it('sends H3-Max prompt expansion only when turned on', async () => {
    const form = new GenerateForm();
    form.prompt = 'x';
    form.setModel('MiniMax-H3-Max');
    expect((await form.check())?.[0]).not.toHaveProperty('extra');
    form.expansion = 'quality';
    expect((await form.check())?.[0]).toMatchObject({ extra: { prompt_expansion_mode: 'quality' } });
  });

  it('refills from a stored v2 body', () => {
    const form = hailuoForm();
    form.fill({ model: 'MiniMax-H3', content: [{ type: 'text', text: 'Again' }], resolution: '2K', duration: 12, ratio: '21:9' });
    expect([form.model, form.mode, form.resolution, form.duration, form.ratio, form.prompt]).toEqual(['MiniMax-H3', 't2v', '2K', 12, '21:9', 'Again']);
  });
});

describe('GenerateForm', () => {
  it('offers only valid pickers for the mode and model', () => {
    const form = hailuoForm();
    expect(form.models).not.toContain('MiniMax-Hailuo-2.3-Fast');
    expect(form.resolutions).toEqual(['768P', '1080P']);
    form.setResolution('1080P');
    expect(form.durations).toEqual([6]);
  });

  it('notes what a switch dropped and keeps the rest', () => {
    const form = hailuoForm();
    form.setDuration(10);
    form.setResolution('1080P');
    expect(form.duration).toBe(6);
    expect(form.notes).toEqual([{ kind: 'duration', from: 10, to: 6, model: 'MiniMax-Hailuo-2.3', resolution: '1080P' }]);
    form.prompt = '[Pan left] A cat';
    form.fastPretreatment = true;
    form.setMode('s2v');
    expect(form.model).toBe('S2V-01');
    expect(form.fastPretreatment).toBe(false);
    expect(form.notes.map((n) => n.kind)).toEqual(['model', 'resolution', 'fastPretreatment', 'camera']);
    expect(form.prompt).toBe('[Pan left] A cat');
  });

  it('keeps images across mode switches but only sends those of the mode', async () => {
    const form = hailuoForm();
    const image = pngDataUrl(800, 600);
    form.prompt = 'A cat';
    form.setMode('i2v');
    form.setImage('firstFrame', image);
    form.setMode('t2v');
    expect((await form.check())?.[0]).not.toHaveProperty('first_frame_image');
    form.setMode('i2v');
    expect(((await form.check())?.[0] as VideoRequest).first_frame_image).toBe(image);
  });

  it('counts code points and flags prompts over 2000', async () => {
    const form = hailuoForm();
    form.prompt = '😀'.repeat(2000);
    expect(form.promptChars).toBe(2000);
    expect(form.promptTooLong).toBe(false);
    form.prompt += 'x';
    expect(form.promptTooLong).toBe(true);
    expect(await form.check()).toBeNull();
    expect(form.issue?.issue.field).toBe('prompt');
  });

  it('refills from a stored request (Edit & re-run)', async () => {
    const form = new GenerateForm();
    const image = pngDataUrl(800, 600);
    form.fill({ model: 'MiniMax-Hailuo-02', prompt: 'Go', prompt_optimizer: false, first_frame_image: image, last_frame_image: image, duration: 10, resolution: '768P' });
    expect(form.mode).toBe('fl2v');
    expect(form.model).toBe('MiniMax-Hailuo-02');
    expect(form.duration).toBe(10);
    expect(form.promptOptimizer).toBe(false);
    expect(await form.check()).toEqual([
      { model: 'MiniMax-Hailuo-02', prompt: 'Go', prompt_optimizer: false, duration: 10, resolution: '768P', first_frame_image: image, last_frame_image: image },
    ]);
  });

  it('refills a fixed-output model with its 720P / 6 s', () => {
    const form = new GenerateForm();
    form.fill({ model: 'T2V-01', prompt: 'x' });
    expect([form.resolution, form.duration]).toEqual(['720P', 6]);
  });
});
