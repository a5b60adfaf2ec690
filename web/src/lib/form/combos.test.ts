import { describe, expect, it } from 'vitest';
import { MODELS, V2_MODELS } from '$contract';
import { formDurations, formModels, formResolutions } from './catalogue';
import { initialChoice, modelOptions, settle } from './combos';

describe('combos', () => {
  it('offers only the models that take the mode', () => {
    expect(modelOptions('t2v')).toEqual(['MiniMax-H3', 'MiniMax-H3-Max', 'MiniMax-Hailuo-2.3', 'MiniMax-Hailuo-02', 'T2V-01-Director', 'T2V-01']);
    expect(modelOptions('fl2v')).toEqual(['MiniMax-H3', 'MiniMax-H3-Max', 'MiniMax-Hailuo-02']);
    expect(modelOptions('s2v')).toEqual(['S2V-01']);
    expect(modelOptions('i2v')).toContain('MiniMax-Hailuo-2.3-Fast');
    expect(modelOptions('t2v')).not.toContain('MiniMax-Hailuo-2.3-Fast');
  });

  it('starts a new user on MiniMax-H3, 768P, 6 s, and a returning one on their last model', () => {
    expect(initialChoice()).toEqual({ mode: 't2v', model: 'MiniMax-H3', resolution: '768P', duration: 6 });
    expect(initialChoice('t2v', 'MiniMax-Hailuo-02')).toEqual({ mode: 't2v', model: 'MiniMax-Hailuo-02', resolution: '768P', duration: 6 });
    expect(initialChoice('s2v')).toEqual({ mode: 's2v', model: 'S2V-01', resolution: '720P', duration: 6 });
  });

  it('settles every combination it can be asked for onto a valid one', () => {
    for (const spec of [...MODELS, ...V2_MODELS]) {
      for (const mode of ['t2v', 'i2v', 'fl2v', 's2v'] as const) {
        for (const resolution of ['512P', '720P', '768P', '1080P'] as const) {
          for (const duration of [6, 10] as const) {
            const { choice } = settle({ mode, model: spec.id, resolution, duration });
            expect(formModels(mode)).toContain(choice.model);
            expect(formResolutions(choice.model, mode)).toContain(choice.resolution);
            expect(formDurations(choice.model, mode, choice.resolution)).toContain(choice.duration);
          }
        }
      }
    }
  });

  it('keeps a valid choice untouched', () => {
    const wanted = { mode: 'i2v', model: 'MiniMax-Hailuo-02', resolution: '512P', duration: 10 } as const;
    expect(settle(wanted)).toEqual({ choice: wanted, adjustments: [] });
  });

  it('switches 10 s to 6 s when 1080P is picked, and says so', () => {
    const { choice, adjustments } = settle({ mode: 't2v', model: 'MiniMax-Hailuo-2.3', resolution: '1080P', duration: 10 });
    expect(choice.duration).toBe(6);
    expect(adjustments).toEqual([
      { kind: 'duration', from: 10, to: 6, model: 'MiniMax-Hailuo-2.3', resolution: '1080P' },
    ]);
  });

  it('moves to MiniMax-H3 for first + last frame and keeps resolution and duration when they still apply', () => {
    const { choice, adjustments } = settle({ mode: 'fl2v', model: 'MiniMax-Hailuo-2.3', resolution: '768P', duration: 10 });
    expect(choice).toEqual({ mode: 'fl2v', model: 'MiniMax-H3', resolution: '768P', duration: 10 });
    expect(adjustments).toEqual([{ kind: 'model', from: 'MiniMax-Hailuo-2.3', to: 'MiniMax-H3', mode: 'fl2v' }]);
  });

  it('keeps MiniMax-H3 through frames and back to text, so the next text video goes to the same model', () => {
    const frames = settle({ mode: 'fl2v', model: 'MiniMax-H3', resolution: '2K', duration: 15 });
    expect(frames).toEqual({ choice: { mode: 'fl2v', model: 'MiniMax-H3', resolution: '2K', duration: 15 }, adjustments: [] });
    expect(settle({ ...frames.choice, mode: 't2v' }).choice.model).toBe('MiniMax-H3');
  });

  it('offers H3 whole seconds 4-15 and H3-Max 480P with 5-15', () => {
    const h3Max = settle({ mode: 't2v', model: 'MiniMax-H3-Max', resolution: '2K', duration: 4 });
    expect(h3Max.choice).toEqual({ mode: 't2v', model: 'MiniMax-H3-Max', resolution: '768P', duration: 6 });
    expect(settle({ mode: 't2v', model: 'MiniMax-H3', resolution: '2K', duration: 4 }).adjustments).toEqual([]);
  });

  it('drops 512P when leaving Hailuo-02 image to video', () => {
    const { choice, adjustments } = settle({ mode: 'fl2v', model: 'MiniMax-Hailuo-02', resolution: '512P', duration: 10 });
    expect(choice.model).toBe('MiniMax-Hailuo-02');
    expect(choice.resolution).toBe('768P');
    expect(choice.duration).toBe(10);
    expect(adjustments.map((a) => a.kind)).toEqual(['resolution']);
  });

  it('keeps the model when the new mode has it (2.3 from text to image to video)', () => {
    const { choice, adjustments } = settle({ mode: 'i2v', model: 'MiniMax-Hailuo-2.3', resolution: '1080P', duration: 6 });
    expect(choice.model).toBe('MiniMax-Hailuo-2.3');
    expect(choice.resolution).toBe('1080P');
    expect(adjustments).toEqual([]);
  });

  it('falls back to the 01-series fixed 720P / 6 s for Subject reference', () => {
    const { choice, adjustments } = settle({ mode: 's2v', model: 'MiniMax-Hailuo-2.3', resolution: '1080P', duration: 6 });
    expect(choice).toEqual({ mode: 's2v', model: 'S2V-01', resolution: '720P', duration: 6 });
    expect(adjustments.map((a) => a.kind)).toEqual(['model', 'resolution']);
  });
});
