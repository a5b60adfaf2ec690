// The model table written out as MiniMax documents it (contract/README.md, "v1"), read through each accessor.
import { describe, expect, it } from 'vitest';
import { defaultsFor, durationsFor, MODELS, MODES, modelsFor, modesOf, resolutionsFor, type Mode } from './models';

const HAILUO = { '768P': [6, 10], '1080P': [6] };
const SERIES_01 = { '720P': [6] };
const FACTS: Record<string, { modes: Partial<Record<Mode, Record<string, number[]>>>; flags: [camera: boolean, fastPretreatment: boolean, fixedOutput: boolean] }> = {
  'MiniMax-Hailuo-2.3': { modes: { t2v: HAILUO, i2v: HAILUO }, flags: [true, true, false] },
  'MiniMax-Hailuo-2.3-Fast': { modes: { i2v: HAILUO }, flags: [true, true, false] },
  'MiniMax-Hailuo-02': { modes: { t2v: HAILUO, i2v: { '512P': [6, 10], '768P': [6, 10], '1080P': [6] }, fl2v: HAILUO }, flags: [true, true, false] },
  'T2V-01-Director': { modes: { t2v: SERIES_01 }, flags: [true, false, true] },
  'T2V-01': { modes: { t2v: SERIES_01 }, flags: [false, false, true] },
  'I2V-01-Director': { modes: { i2v: SERIES_01 }, flags: [true, false, true] },
  'I2V-01-live': { modes: { i2v: SERIES_01 }, flags: [false, false, true] },
  'I2V-01': { modes: { i2v: SERIES_01 }, flags: [false, false, true] },
  'S2V-01': { modes: { s2v: SERIES_01 }, flags: [false, false, true] },
};

describe('the model table', () => {
  it('lists exactly the documented models and the four modes', () => {
    expect(MODELS.map((m) => m.id)).toEqual(Object.keys(FACTS));
    expect(MODES).toEqual(['t2v', 'i2v', 'fl2v', 's2v']);
  });

  it.each(Object.entries(FACTS))('%s: modes, resolutions (default first), durations, defaults and flags', (id, facts) => {
    const spec = MODELS.find((m) => m.id === id)!;
    expect([spec.camera, spec.fastPretreatment, spec.fixedOutput]).toEqual(facts.flags);
    expect(modesOf(id)).toEqual(MODES.filter((mode) => facts.modes[mode]));
    const hailuo = id.startsWith('MiniMax-Hailuo');
    expect(defaultsFor(id)).toEqual({ resolution: hailuo ? '768P' : '720P', duration: 6 });
    for (const mode of MODES) {
      const table = facts.modes[mode];
      if (!table) {
        expect(resolutionsFor(id, mode), mode).toEqual([]);
        expect(durationsFor(id, mode, '768P'), mode).toEqual([]);
        continue;
      }
      const resolutions = resolutionsFor(id, mode);
      expect(resolutions[0], mode).toBe(hailuo ? '768P' : '720P');
      expect([...resolutions].sort()).toEqual(Object.keys(table).sort());
      for (const [resolution, durations] of Object.entries(table)) expect(durationsFor(id, mode, resolution as '768P')).toEqual(durations);
      expect(durationsFor(id, mode, '720P' === resolutions[0] ? '1080P' : '720P')).toEqual([]);
    }
  });

  it('puts the default first and keeps the others in their order: 768P, then 512P and 1080P', () => {
    expect(resolutionsFor('MiniMax-Hailuo-02', 'i2v')).toEqual(['768P', '512P', '1080P']);
  });

  it('answers nothing for a model it does not know, and the 768P / 6 s defaults', () => {
    expect(modesOf('video-01')).toEqual([]);
    expect(resolutionsFor('video-01', 't2v')).toEqual([]);
    expect(durationsFor('video-01', 't2v', '768P')).toEqual([]);
    expect(defaultsFor('video-01')).toEqual({ resolution: '768P', duration: 6 });
  });

  it.each([
    ['t2v', ['MiniMax-Hailuo-2.3', 'MiniMax-Hailuo-02', 'T2V-01-Director', 'T2V-01']],
    ['i2v', ['MiniMax-Hailuo-2.3', 'MiniMax-Hailuo-2.3-Fast', 'MiniMax-Hailuo-02', 'I2V-01-Director', 'I2V-01-live', 'I2V-01']],
    ['fl2v', ['MiniMax-Hailuo-02']],
    ['s2v', ['S2V-01']],
  ] as [Mode, string[]][])('offers %s with %j', (mode, ids) => {
    expect(modelsFor(mode).map((m) => m.id)).toEqual(ids);
  });
});
