import { describe, expect, it } from 'vitest';
import { videoFilename } from './filename';

const at = new Date(2026, 0, 5, 9, 7).getTime();

describe('videoFilename', () => {
  it('names a download hailuo_<model>_<yyyymmdd-hhmm>_<first-prompt-words>.mp4', () => {
    expect(videoFilename({ model: 'MiniMax-Hailuo-2.3', prompt: 'A cat on a windowsill at dusk', createdAt: at })).toBe(
      'hailuo_minimax-hailuo-2-3_20260105-0907_a-cat-on-a-windowsill.mp4',
    );
  });

  it('keeps only letters, digits, - and _: camera commands, punctuation and accents go', () => {
    const name = videoFilename({ model: 'T2V-01', prompt: '[Pan left,Zoom in] Café / "déjà vu"!! ../../etc', createdAt: at });
    expect(name).toBe('hailuo_t2v-01_20260105-0907_cafe-deja-vu-etc.mp4');
    expect(name.replace(/\.mp4$/, '')).toMatch(/^[a-z0-9_-]+$/);
  });

  it('keeps the characters of a Chinese prompt, without its punctuation', () => {
    expect(videoFilename({ model: 'MiniMax-H3', prompt: '一只猫在窗台上，看着雨。', createdAt: at })).toBe('hailuo_minimax-h3_20260105-0907_一只猫在窗台上-看着雨.mp4');
  });

  it('falls back to "video" when the prompt has no letters or digits', () => {
    expect(videoFilename({ model: 'S2V-01', prompt: '……！', createdAt: at })).toBe('hailuo_s2v-01_20260105-0907_video.mp4');
    expect(videoFilename({ model: 'S2V-01', prompt: '', createdAt: at })).toBe('hailuo_s2v-01_20260105-0907_video.mp4');
  });

  it('caps the prompt part', () => {
    const name = videoFilename({ model: 'T2V-01', prompt: 'supercalifragilistic '.repeat(10), createdAt: at });
    expect(name.split('_')[3].length).toBeLessThanOrEqual(44);
  });
});
