// The v2 model table and limits written out as MiniMax documents them (contract/README.md, "v2"), read through each
// accessor and constant the worker and the SPA use.
import { describe, expect, it } from 'vitest';
import {
  isV2Model,
  PROMPT_EXPANSION_MODES,
  V2_BODY_MAX_BYTES,
  V2_DATA_FORMATS,
  V2_DEFAULT_MODEL,
  V2_FIXED_RATIOS,
  V2_MEDIA_LIMITS,
  V2_MODELS,
  V2_PROMPT_MAX_CHARS,
  V2_QUERY_WINDOW_SECONDS,
  V2_RATE_LIMITS,
  V2_RATIOS,
  v2Durations,
  v2ModelSpec,
} from './models';

const MB = 1024 * 1024;
const FACTS = {
  'MiniMax-H3': { modes: ['t2v', 'i2v', 'r2v'], resolutions: ['768P', '2K'], seconds: [4, 15], promptExpansion: false },
  'MiniMax-H3-Max': { modes: ['t2v', 'i2v', 'r2v'], resolutions: ['768P', '480P'], seconds: [5, 15], promptExpansion: true },
};
const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);

describe('the v2 model table', () => {
  it('lists exactly the MiniMax-H3 family, H3 first and the default', () => {
    expect(V2_MODELS.map((m) => m.id)).toEqual(Object.keys(FACTS));
    expect(V2_DEFAULT_MODEL).toBe('MiniMax-H3');
  });

  it.each(Object.entries(FACTS))('%s: modes, resolutions (default first), durations and prompt expansion', (id, facts) => {
    const [min, max] = facts.seconds;
    expect(v2ModelSpec(id)).toEqual({ id, modes: facts.modes, resolutions: facts.resolutions, minDuration: min, maxDuration: max, promptExpansion: facts.promptExpansion });
    expect(v2ModelSpec(id)).toBe(V2_MODELS.find((m) => m.id === id));
    expect(isV2Model(id)).toBe(true);
    expect(v2Durations(id)).toEqual(range(min, max));
  });

  it.each([['MiniMax-Hailuo-2.3'], ['minimax-h3'], ['MiniMax-H3 '], ['']])('knows nothing of %j', (id) => {
    expect(v2ModelSpec(id)).toBeUndefined();
    expect(isV2Model(id)).toBe(false);
    expect(v2Durations(id)).toEqual([]);
  });

  it.each([[undefined], [null], [3], [{ id: 'MiniMax-H3' }], [['MiniMax-H3']]])('isV2Model(%j) is false: only a string names a model', (id) => {
    expect(isV2Model(id)).toBe(false);
  });
});

describe('the v2 options and limits', () => {
  it('offers the ratios, adaptive first and only with media, and the three prompt expansion modes', () => {
    expect(V2_RATIOS).toEqual(['adaptive', '21:9', '16:9', '4:3', '1:1', '3:4', '9:16']);
    expect(V2_FIXED_RATIOS).toEqual(['21:9', '16:9', '4:3', '1:1', '3:4', '9:16']);
    expect(PROMPT_EXPANSION_MODES).toEqual(['disabled', 'balanced', 'quality']);
  });

  it('holds the request limits: prompt, body, per account, query window', () => {
    expect(V2_PROMPT_MAX_CHARS).toBe(7000);
    expect(V2_BODY_MAX_BYTES).toBe(64 * MB);
    expect(V2_RATE_LIMITS).toEqual({ requestsPerMinute: 300, tasksInFlight: 30 });
    expect(V2_QUERY_WINDOW_SECONDS).toBe(604_800);
  });

  it('holds the media limits by kind', () => {
    expect(V2_MEDIA_LIMITS).toEqual({
      image: { maxBytes: 30 * MB, minSide: 256, maxSide: 5760, minAspect: 0.4, maxAspect: 2.5, maxReferences: 9 },
      video: { maxBytes: 50 * MB, minSeconds: 2, maxSeconds: 15, totalSeconds: 15, maxReferences: 3 },
      audio: { maxBytes: 15 * MB, minSeconds: 2, maxSeconds: 15, totalSeconds: 15, maxReferences: 3 },
      maxReferences: 12,
    });
  });

  it('holds the formats a data URI may declare, by kind', () => {
    expect(V2_DATA_FORMATS).toEqual({
      image: ['jpeg', 'jpg', 'png', 'webp', 'heic', 'heif'],
      video: ['mp4', 'quicktime'],
      audio: ['wav', 'x-wav', 'wave', 'mp3', 'mpeg'],
    });
  });
});
