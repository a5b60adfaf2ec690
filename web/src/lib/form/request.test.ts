import { describe, expect, it } from 'vitest';
import { validateVideoRequest, type VideoRequest } from '$contract';
import { buildRequest as buildAny, buildRequests, clampCount, promptLines, type FormValues } from './request';
import { firstIssue } from './validate';
import { pngDataUrl } from './testImages';

const IMAGE = pngDataUrl(1280, 720);
/** the Hailuo (v1) body */
const buildRequest = (v: FormValues, prompt?: string) => buildAny(v, prompt) as VideoRequest;

function values(overrides: Partial<FormValues> = {}): FormValues {
  return {
    mode: 't2v',
    model: 'MiniMax-Hailuo-2.3',
    resolution: '768P',
    duration: 6,
    prompt: 'A cat',
    promptOptimizer: true,
    fastPretreatment: false,
    ratio: '16:9',
    expansion: 'disabled',
    images: {},
    batch: { kind: 'variations', count: 1 },
    ...overrides,
  };
}

describe('buildRequest: the body equals MiniMax’s documented body', () => {
  it('text to video (§2.6 first example)', () => {
    const body = buildRequest(values({ prompt: '[Push in] A cat on a windowsill at dusk', resolution: '1080P' }));
    expect(JSON.stringify(body)).toBe(
      '{"model":"MiniMax-Hailuo-2.3","prompt":"[Push in] A cat on a windowsill at dusk","duration":6,"resolution":"1080P"}',
    );
  });

  it('image to video on 2.3-Fast (§2.6 second example)', () => {
    const body = buildRequest(
      values({ mode: 'i2v', model: 'MiniMax-Hailuo-2.3-Fast', prompt: 'The cat yawns', duration: 10, images: { firstFrame: IMAGE } }),
    );
    expect(body).toEqual({
      model: 'MiniMax-Hailuo-2.3-Fast',
      prompt: 'The cat yawns',
      duration: 10,
      resolution: '768P',
      first_frame_image: IMAGE,
    });
    expect(validateVideoRequest(body).ok).toBe(true);
  });

  it('first + last frame sends both frames; other modes drop the images they do not use', () => {
    const images = { firstFrame: IMAGE, lastFrame: IMAGE, subject: IMAGE };
    const fl2v = buildRequest(values({ mode: 'fl2v', model: 'MiniMax-Hailuo-02', images }));
    expect(fl2v.first_frame_image).toBe(IMAGE);
    expect(fl2v.last_frame_image).toBe(IMAGE);
    expect(fl2v.subject_reference).toBeUndefined();
    const t2v = buildRequest(values({ images }));
    expect(Object.keys(t2v)).toEqual(['model', 'prompt', 'duration', 'resolution']);
  });

  it('subject reference uses the official array form', () => {
    const body = buildRequest(values({ mode: 's2v', model: 'S2V-01', images: { subject: IMAGE } }));
    expect(body).toEqual({ model: 'S2V-01', prompt: 'A cat', subject_reference: [{ type: 'character', image: [IMAGE] }] });
    expect(validateVideoRequest(body).ok).toBe(true);
  });

  it('fixedOutput models (01-series, S2V-01) send no duration or resolution', () => {
    for (const model of ['T2V-01', 'T2V-01-Director']) {
      const body = buildRequest(values({ model, resolution: '720P' }));
      expect(body).not.toHaveProperty('duration');
      expect(body).not.toHaveProperty('resolution');
    }
  });

  it('sends prompt_optimizer only when turned off, fast_pretreatment only where it applies', () => {
    expect(buildRequest(values({ promptOptimizer: false })).prompt_optimizer).toBe(false);
    expect(buildRequest(values())).not.toHaveProperty('prompt_optimizer');
    expect(buildRequest(values({ fastPretreatment: true })).fast_pretreatment).toBe(true);
    expect(buildRequest(values({ model: 'T2V-01', fastPretreatment: true }))).not.toHaveProperty('fast_pretreatment');
    expect(buildRequest(values({ promptOptimizer: false, fastPretreatment: true }))).not.toHaveProperty('fast_pretreatment');
  });

  it('omits a blank prompt where it is optional, keeps it (to be flagged) for text to video', () => {
    expect(buildRequest(values({ mode: 'i2v', prompt: '  ', images: { firstFrame: IMAGE } }))).not.toHaveProperty('prompt');
    expect(buildRequest(values({ prompt: '  ' })).prompt).toBe('');
  });
});

describe('batches', () => {
  it('variations: N identical copies', () => {
    const requests = buildRequests(values({ batch: { kind: 'variations', count: 3 } }));
    expect(requests).toHaveLength(3);
    expect(new Set(requests.map((r) => JSON.stringify(r))).size).toBe(1);
    expect(requests[0]).not.toBe(requests[1]);
  });

  it('variations are clamped to 1–10', () => {
    expect(clampCount(0)).toBe(1);
    expect(clampCount(42)).toBe(10);
    expect(clampCount(Number.NaN)).toBe(1);
  });

  it('one prompt per line, blank lines skipped', () => {
    const requests = buildRequests(values({ prompt: 'A cat\n\n  A dog  \r\nA fox', batch: { kind: 'lines' } }));
    expect(requests.map((r) => r.prompt)).toEqual(['A cat', 'A dog', 'A fox']);
    expect(promptLines('\n \n')).toEqual([]);
  });
});

describe('firstIssue', () => {
  it('names the field and rule of the first invalid body', () => {
    const requests = buildRequests(values({ prompt: 'ok\n' + 'x'.repeat(2001), batch: { kind: 'lines' } }));
    expect(firstIssue(requests)).toMatchObject({ index: 1, issue: { field: 'prompt', rule: 'prompt_too_long' } });
  });

  it('flags text to video without a prompt, and image to video without an image', () => {
    expect(firstIssue([buildRequest(values({ prompt: '' }))])?.issue.rule).toBe('prompt_required');
    expect(firstIssue([buildRequest(values({ mode: 'i2v' }))], 'i2v')?.issue).toMatchObject({ field: 'first_frame_image' });
  });

  it('refuses more than 10 prompts at once', () => {
    const prompt = Array.from({ length: 11 }, (_, i) => `p${i}`).join('\n');
    expect(firstIssue(buildRequests(values({ prompt, batch: { kind: 'lines' } })))?.issue.rule).toBe('batch_too_large');
  });

  it('passes a valid batch', () => {
    expect(firstIssue(buildRequests(values({ batch: { kind: 'variations', count: 4 } })), 't2v')).toBeNull();
    const fl2v = values({ mode: 'fl2v', model: 'MiniMax-Hailuo-02', images: { firstFrame: pngDataUrl(800, 600) } });
    expect(firstIssue([buildRequest(fl2v)], 'fl2v')?.issue).toMatchObject({ field: 'last_frame_image', rule: 'image_required' });
  });
});
