// The shared v2 validator (contract/v2) and the simulator's own v2 rules (v2/rules.ts) are independent readings of
// MiniMax's v2 API: over every combination below they must agree on accept or refuse. Where the worker is
// deliberately tolerant (an unknown field, a seed) it forwards and the simulator ignores — both accept.
import { describe, expect, it } from 'vitest';
import { validateV2Create } from '../../contract/v2';
import { pngDataUrl } from '../test-images';
import { makeSimulator } from '../test-kit';
import { v2Post } from './kit';

const IMG = pngDataUrl(1280, 720);
const text = (t: string) => ({ type: 'text', text: t });
const image = (role?: string) => ({ type: 'image_url', image_url: { url: IMG }, ...(role ? { role } : {}) });
const video = { type: 'video_url', video_url: { url: 'https://example.com/r.mp4' }, role: 'reference_video' };
const audio = { type: 'audio_url', audio_url: { url: 'https://example.com/v.mp3' }, role: 'reference_audio' };

const MODELS = ['MiniMax-H3', 'MiniMax-H3-Max', 'MiniMax-Hailuo-2.3'];
const CONTENTS: Record<string, unknown[]> = {
  text: [text('A boy plays basketball')],
  empty: [text('  ')],
  none: [],
  lone: [text('Steam rises'), image()],
  first: [text('Steam rises'), image('first_frame')],
  last: [text('Steam rises'), image('last_frame')],
  firstLast: [text('A girl grows up'), image('first_frame'), image('last_frame')],
  refImage: [text('Keep the character'), image('reference_image')],
  refAll: [text('She speaks'), image('reference_image'), video, audio],
  audioAlone: [text('Voice'), audio],
  mixed: [text('Mixed'), image('first_frame'), image('reference_image')],
  twoTexts: [text('One'), text('Two')],
};
const RESOLUTIONS = [undefined, '480P', '768P', '2K', '1080P'];
const DURATIONS = [undefined, 3, 4, 5, 15, 16];
const RATIOS = [undefined, 'adaptive', '16:9', '2:1'];

describe('v2 validator × simulator rules', () => {
  it('agree on every model × content × resolution × duration × ratio', async () => {
    const kit = makeSimulator({ v2Rpm: 1_000_000, v2InFlight: 1_000_000 });
    const disagreements: string[] = [];
    let accepted = 0;
    for (const model of MODELS)
      for (const [shape, content] of Object.entries(CONTENTS))
        for (const resolution of RESOLUTIONS)
          for (const duration of DURATIONS)
            for (const ratio of RATIOS) {
              const body = { model, content, ...(resolution ? { resolution } : {}), ...(duration ? { duration } : {}), ...(ratio ? { ratio } : {}) };
              const ours = validateV2Create(body).ok;
              const status = (await kit.sim.fetch(v2Post('/v2/video_generation', body))).status;
              if (ours !== (status === 200)) disagreements.push(`${model} ${shape} ${resolution} ${duration} ${ratio}: ours ${ours}, simulator ${status}`);
              if (ours) accepted++;
            }
    expect(disagreements).toEqual([]);
    expect(accepted).toBeGreaterThan(50);
  }, 120_000);

  it('agree on extra (H3-Max prompt expansion) and the watermark', async () => {
    const kit = makeSimulator();
    const base = { content: [text('A fox')], resolution: '768P', duration: 5, ratio: '1:1' };
    for (const model of ['MiniMax-H3', 'MiniMax-H3-Max'])
      for (const extra of [undefined, { prompt_expansion_mode: 'quality' }, { prompt_expansion_mode: 'balance' }, { prompt_expansion_mode: false }, {}, { other: 1 }])
        for (const aigc_watermark of [undefined, true, 'yes']) {
          const body = { model, ...base, ...(extra ? { extra } : {}), ...(aigc_watermark !== undefined ? { aigc_watermark } : {}) };
          const ours = validateV2Create(body).ok;
          const status = (await kit.sim.fetch(v2Post('/v2/video_generation', body))).status;
          expect(ours, JSON.stringify(body)).toBe(status === 200);
        }
  });
});
