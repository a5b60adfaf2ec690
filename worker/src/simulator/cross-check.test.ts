// The shared validator (contract/validate.ts) and the simulator's rules (rules.ts) are independent readings of
// minimax-api.md §2: whatever one accepts the other must accept. Known, deliberate differences are excluded:
// the validator also refuses unknown fields and fast_pretreatment on the 01-series (MiniMax ignores/doesn't document).
// The worker reads bodies more tolerantly (contract/lenient.ts) and forwards what it normalised: whatever it forwards
// for a model the contract knows, the simulator — as strict as MiniMax — must accept.
import { describe, expect, it } from 'vitest';
import { readVideoRequest } from '../contract/lenient';
import { modelSpec } from '../contract/models';
import { validateVideoRequest } from '../contract/validate';
import { checkCreateBody } from './rules';
import { FRAME, gifBytes, dataUrl, jpegDataUrl, pngDataUrl, webpDataUrl } from './test-images';
import { createRequest, json, makeSimulator } from './test-kit';

const MODELS = [
  'MiniMax-Hailuo-2.3',
  'MiniMax-Hailuo-2.3-Fast',
  'MiniMax-Hailuo-02',
  'T2V-01-Director',
  'T2V-01',
  'I2V-01-Director',
  'I2V-01-live',
  'I2V-01',
  'S2V-01',
  'MiniMax-Hailuo-01',
];
const SHAPES: Record<string, Record<string, unknown>> = {
  text: {},
  first: { first_frame_image: FRAME },
  last: { last_frame_image: FRAME },
  firstLast: { first_frame_image: FRAME, last_frame_image: FRAME },
  subject: { subject_reference: [{ type: 'character', image: [FRAME] }] },
  subjectFirst: { subject_reference: [{ type: 'character', image: [FRAME] }], first_frame_image: FRAME },
  subjectLast: { subject_reference: [{ type: 'character', image: [FRAME] }], last_frame_image: FRAME },
};
const RESOLUTIONS = [undefined, '512P', '720P', '768P', '1080P', '1080p'];
const DURATIONS = [undefined, 5, 6, 10];
const PROMPTS = [undefined, '', '  ', 'A cat', 'x'.repeat(2000), 'x'.repeat(2001), '😀'.repeat(2000)];

function body(model: string, shape: string, resolution?: string, duration?: number, prompt?: string): Record<string, unknown> {
  return {
    model,
    ...SHAPES[shape],
    ...(resolution !== undefined ? { resolution } : {}),
    ...(duration !== undefined ? { duration } : {}),
    ...(prompt !== undefined ? { prompt } : {}),
  };
}

function disagreements(bodies: Record<string, unknown>[]): string[] {
  return bodies.flatMap((b) => {
    const shared = validateVideoRequest(b).ok;
    const simulator = checkCreateBody(b) === null;
    return shared === simulator ? [] : [`${shared ? 'validator accepts' : 'simulator accepts'}: ${JSON.stringify(b).slice(0, 160)}`];
  });
}

describe('shared validator ⇔ simulator', () => {
  it('agree on every model × mode × resolution × duration × prompt', () => {
    const bodies = MODELS.flatMap((m) =>
      Object.keys(SHAPES).flatMap((s) => RESOLUTIONS.flatMap((r) => DURATIONS.flatMap((d) => PROMPTS.map((p) => body(m, s, r, d, p))))),
    );
    expect(bodies.length).toBe(MODELS.length * 7 * 6 * 4 * 7);
    const accepted = bodies.filter((b) => checkCreateBody(b) === null).length;
    expect(accepted).toBeGreaterThan(100); // the grid really exercises acceptance
    expect(disagreements(bodies)).toEqual([]);
  });

  it('agree on images', () => {
    const images = [
      'https://example.com/a.jpg',
      'ftp://example.com/a.jpg',
      'not a url',
      pngDataUrl(1280, 720),
      pngDataUrl(300, 720),
      pngDataUrl(301, 720),
      pngDataUrl(400, 1000),
      pngDataUrl(399, 1000),
      pngDataUrl(1001, 400),
      jpegDataUrl(1920, 1080),
      jpegDataUrl(200, 1080),
      webpDataUrl('VP8X', 1280, 720),
      webpDataUrl('VP8L', 301, 301),
      webpDataUrl('VP8 ', 3000, 1000),
      dataUrl(gifBytes(800, 600), 'image/gif'),
      'data:image/png;base64,@@@@',
      pngDataUrl(1280, 720, 20 * 1024 * 1024),
    ];
    const bodies = images.flatMap((image) => [
      { model: 'MiniMax-Hailuo-2.3', first_frame_image: image },
      { model: 'MiniMax-Hailuo-02', first_frame_image: FRAME, last_frame_image: image },
      { model: 'S2V-01', subject_reference: [{ type: 'character', image: [image] }] },
    ]);
    expect(disagreements(bodies)).toEqual([]);
  });

  it('agree on subject_reference shapes and field types', () => {
    const bodies: Record<string, unknown>[] = [
      { model: 'S2V-01', subject_reference: [] },
      { model: 'S2V-01', subject_reference: [{ type: 'character', image: [FRAME] }, { type: 'character', image: [FRAME] }] },
      { model: 'S2V-01', subject_reference: [{ type: 'object', image: [FRAME] }] },
      { model: 'S2V-01', subject_reference: [{ type: 'character', image: FRAME }] },
      { model: 'S2V-01', subject_reference: [{ type: 'character', image: [FRAME, FRAME] }] },
      { model: 'S2V-01', subject_reference: ['x'] },
      { model: 'S2V-01', subject_reference: { type: 'character', image: [FRAME] } },
      ...[
        ['model', 5],
        ['prompt', null],
        ['duration', '6'],
        ['duration', 6.5],
        ['resolution', 768],
        ['prompt_optimizer', 'no'],
        ['aigc_watermark', 0],
        ['callback_url', 'javascript:x'],
        ['callback_url', 'https://example.com/cb'],
      ].map(([field, value]) => ({ model: 'MiniMax-Hailuo-2.3', prompt: 'a', [field as string]: value })),
    ];
    expect(disagreements(bodies)).toEqual([]);
  });

  it('the worker’s tolerant reading forwards only bodies the simulator accepts, and accepts every one it does', () => {
    const variants = (b: Record<string, unknown>): Record<string, unknown>[] => [
      b,
      { ...b, seed: 7, aspect_ratio: '16:9', callback_url: null, prompt_optimizer: null },
      ...(typeof b.resolution === 'string' ? [{ ...b, resolution: b.resolution.toLowerCase() }] : []),
      ...(typeof b.duration === 'number' ? [{ ...b, duration: String(b.duration) }] : []),
    ];
    const bodies = MODELS.flatMap((m) =>
      Object.keys(SHAPES).flatMap((s) => RESOLUTIONS.flatMap((r) => DURATIONS.flatMap((d) => ['A cat', undefined].map((p) => body(m, s, r, d, p))))),
    ).flatMap(variants);
    let forwarded = 0;
    const wrong = bodies.flatMap((b) => {
      const read = readVideoRequest(b);
      if (!read.ok || !modelSpec(String(b.model))) return [];
      forwarded++;
      return checkCreateBody(read.value) === null ? [] : [`forwards a body MiniMax refuses: ${JSON.stringify(read.value).slice(0, 160)}`];
    });
    expect(forwarded).toBeGreaterThan(300);
    expect(wrong).toEqual([]);
    // and tolerance never loses a body the strict reading takes
    const lost = bodies.filter((b) => validateVideoRequest(b).ok && !readVideoRequest(b).ok);
    expect(lost).toEqual([]);
  });

  it('the simulator’s HTTP answer follows its rules (2013 exactly when rules.ts objects)', async () => {
    const { sim } = makeSimulator();
    const samples = [
      body('MiniMax-Hailuo-2.3', 'text', '1080P', 6, 'a'),
      body('MiniMax-Hailuo-2.3', 'text', '1080P', 10, 'a'),
      body('MiniMax-Hailuo-02', 'first', '512P', 10),
      body('MiniMax-Hailuo-02', 'firstLast', '512P', 6),
      body('S2V-01', 'subject', '720P', 6),
      body('I2V-01-live', 'text', undefined, undefined, 'a'),
    ];
    for (const b of samples) {
      const code = (await json(await sim.fetch(createRequest(b)))).base_resp.status_code;
      expect(code).toBe(checkCreateBody(b) === null ? 0 : 2013);
    }
  });
});
