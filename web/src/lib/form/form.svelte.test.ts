import { describe, expect, it } from 'vitest';
import { GenerateForm } from './form.svelte';
import { pngDataUrl } from './testImages';

describe('GenerateForm', () => {
  it('offers only valid pickers for the mode and model', () => {
    const form = new GenerateForm();
    expect(form.models).not.toContain('MiniMax-Hailuo-2.3-Fast');
    expect(form.resolutions).toEqual(['768P', '1080P']);
    form.setResolution('1080P');
    expect(form.durations).toEqual([6]);
  });

  it('notes what a switch dropped and keeps the rest', () => {
    const form = new GenerateForm();
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

  it('keeps images across mode switches but only sends those of the mode', () => {
    const form = new GenerateForm();
    const image = pngDataUrl(800, 600);
    form.prompt = 'A cat';
    form.setMode('i2v');
    form.setImage('firstFrame', image);
    form.setMode('t2v');
    expect(form.check()?.[0]).not.toHaveProperty('first_frame_image');
    form.setMode('i2v');
    expect(form.check()?.[0].first_frame_image).toBe(image);
  });

  it('counts code points and flags prompts over 2000', () => {
    const form = new GenerateForm();
    form.prompt = '😀'.repeat(2000);
    expect(form.promptChars).toBe(2000);
    expect(form.promptTooLong).toBe(false);
    form.prompt += 'x';
    expect(form.promptTooLong).toBe(true);
    expect(form.check()).toBeNull();
    expect(form.issue?.issue.field).toBe('prompt');
  });

  it('refills from a stored request (Edit & re-run)', () => {
    const form = new GenerateForm();
    const image = pngDataUrl(800, 600);
    form.fill({ model: 'MiniMax-Hailuo-02', prompt: 'Go', prompt_optimizer: false, first_frame_image: image, last_frame_image: image, duration: 10, resolution: '768P' });
    expect(form.mode).toBe('fl2v');
    expect(form.model).toBe('MiniMax-Hailuo-02');
    expect(form.duration).toBe(10);
    expect(form.promptOptimizer).toBe(false);
    expect(form.check()).toEqual([
      { model: 'MiniMax-Hailuo-02', prompt: 'Go', prompt_optimizer: false, duration: 10, resolution: '768P', first_frame_image: image, last_frame_image: image },
    ]);
  });

  it('refills a fixed-output model with its 720P / 6 s', () => {
    const form = new GenerateForm();
    form.fill({ model: 'T2V-01', prompt: 'x' });
    expect([form.resolution, form.duration]).toEqual(['720P', 6]);
  });
});
