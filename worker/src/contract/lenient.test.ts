import { describe, expect, it } from 'vitest';
import { readVideoRequest } from './lenient';

const ok = (input: unknown) => {
  const read = readVideoRequest(input);
  if (!read.ok) throw new Error(`refused: ${read.issue.rule} ${read.issue.field}`);
  return read;
};
const refusal = (input: unknown) => {
  const read = readVideoRequest(input);
  if (read.ok) throw new Error('accepted');
  return read.issue;
};

describe('reading a v1 body as tolerantly as MiniMax', () => {
  it('drops unknown fields and names them; null is absent', () => {
    const read = ok({ model: 'MiniMax-Hailuo-2.3', prompt: 'a', seed: 1, aspect_ratio: '16:9', callback_url: null, duration: null });
    expect(read.value).toEqual({ model: 'MiniMax-Hailuo-2.3', prompt: 'a' });
    expect(read.dropped).toEqual(['seed', 'aspect_ratio']);
  });

  it('takes a numeric string duration and a lowercase resolution', () => {
    expect(ok({ model: 'MiniMax-Hailuo-2.3', prompt: 'a', duration: ' 10 ', resolution: '768p' }).value).toMatchObject({ duration: 10, resolution: '768P' });
  });

  it('still refuses every combination the contract knows MiniMax refuses', () => {
    expect(refusal({ model: 'MiniMax-Hailuo-2.3', prompt: 'a', duration: '10', resolution: '1080p' }).rule).toBe('duration_not_allowed');
    expect(refusal({ model: 'MiniMax-Hailuo-2.3-Fast', prompt: 'a' }).rule).toBe('image_required');
    expect(refusal({ model: 'MiniMax-Hailuo-2.3', prompt: 'a', duration: 'six' }).rule).toBe('field_type');
    expect(refusal({ model: 'MiniMax-Hailuo-2.3', prompt: null }).rule).toBe('prompt_required');
  });

  it('forwards a model id it does not know, checked only by the rules that hold for every model', () => {
    expect(ok({ model: 'video-01', prompt: 'a', duration: 6, resolution: '720p' }).value).toEqual({ model: 'video-01', prompt: 'a', duration: 6, resolution: '720P' });
    expect(refusal({ model: 'video-01', prompt: 'a'.repeat(2001) }).rule).toBe('prompt_too_long');
    expect(refusal({ model: 'video-01', first_frame_image: 'ftp://x/a.png' }).rule).toBe('image_not_url');
    expect(refusal({ model: 'video-01 <script>', prompt: 'a' }).rule).toBe('model_unknown');
    expect(refusal({ model: '<b>video-01', prompt: 'a' }).rule).toBe('model_unknown');
    expect(refusal({ prompt: 'a' }).rule).toBe('model_required');
  });

  it.each([['a string', 'text'], ['an array', [{ model: 'MiniMax-Hailuo-2.3', prompt: 'a' }]], ['null', null], ['a number', 42]])(
    'refuses %s as a body that is not an object, dropping nothing',
    (_name, input) => {
      const read = readVideoRequest(input);
      expect(read).toMatchObject({ ok: false, issue: { rule: 'body_not_object' }, dropped: [] });
    },
  );

  it('does not name an unknown field sent as null among the dropped ones', () => {
    expect(ok({ model: 'MiniMax-Hailuo-2.3', prompt: 'a', seed: null }).dropped).toEqual([]);
  });

  it('reads only a whole number string as a duration, and only for duration', () => {
    expect(refusal({ model: 'MiniMax-Hailuo-2.3', prompt: 'a', duration: '6x' }).rule).toBe('field_type');
    expect(refusal({ model: 'MiniMax-Hailuo-2.3', prompt: 'a', duration: 'x6' }).rule).toBe('field_type');
    expect(refusal({ model: 'MiniMax-Hailuo-2.3', prompt: 'a', duration: '1234' }).rule).toBe('field_type');
    expect(ok({ model: 'MiniMax-Hailuo-2.3', prompt: '6' }).value.prompt).toBe('6');
    expect(ok({ model: 'MiniMax-Hailuo-2.3', prompt: 'a', duration: 6 }).value.duration).toBe(6);
  });

  it('reads a resolution string trimmed and upper-cased, and refuses one that is not a string', () => {
    expect(ok({ model: 'MiniMax-Hailuo-2.3', prompt: 'a', resolution: ' 768p ' }).value.resolution).toBe('768P');
    expect(refusal({ model: 'MiniMax-Hailuo-2.3', prompt: 'a', resolution: 768 }).rule).toBe('field_type');
    expect(ok({ model: 'MiniMax-Hailuo-2.3', prompt: 'p' }).value.prompt).toBe('p');
  });
});
