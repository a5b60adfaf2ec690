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
    expect(refusal({ prompt: 'a' }).rule).toBe('model_required');
  });
});
