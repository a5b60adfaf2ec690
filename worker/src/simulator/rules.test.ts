import { describe, expect, it } from 'vitest';
import { checkCreateBody, outputResolution } from './rules';
import { FRAME, gifBytes, dataUrl, jpegDataUrl, pngDataUrl, webpDataUrl } from './test-images';

const ok = (body: Record<string, unknown>) => expect(checkCreateBody(body)).toBeNull();
const rejects = (body: unknown, what: RegExp) => expect(checkCreateBody(body)).toMatch(what);
const subject = (image: unknown = FRAME, type: unknown = 'character') => [{ type, image: [image] }];

describe('simulator body rules: body and field types', () => {
  it('rejects a non-object body', () => {
    for (const body of [null, [], 'x', 6]) rejects(body, /JSON object/);
  });
  it('rejects wrong field types, including null and fractional durations', () => {
    rejects({ model: 5, prompt: 'a' }, /model must be string/);
    rejects({ model: 'MiniMax-Hailuo-2.3', prompt: null }, /prompt must be string/);
    rejects({ model: 'MiniMax-Hailuo-2.3', prompt: 'a', duration: '6' }, /duration must be integer/);
    rejects({ model: 'MiniMax-Hailuo-2.3', prompt: 'a', duration: 6.5 }, /duration must be integer/);
    rejects({ model: 'MiniMax-Hailuo-2.3', prompt: 'a', prompt_optimizer: 'false' }, /prompt_optimizer must be boolean/);
    rejects({ model: 'MiniMax-Hailuo-2.3', prompt: 'a', aigc_watermark: 1 }, /aigc_watermark must be boolean/);
    rejects({ model: 'S2V-01', subject_reference: { type: 'character', image: [FRAME] } }, /subject_reference must be array/);
  });
  it('ignores unknown extra fields, as MiniMax does not document rejecting them', () => {
    ok({ model: 'MiniMax-Hailuo-2.3', prompt: 'a', seed: 42, aspect_ratio: '16:9' });
  });
  it('requires a known model', () => {
    rejects({ prompt: 'a' }, /model is required/);
    rejects({ model: '', prompt: 'a' }, /model is required/);
    rejects({ model: 'MiniMax-Hailuo-03', prompt: 'a' }, /model MiniMax-Hailuo-03 not supported/);
    rejects({ model: 'toString', prompt: 'a' }, /not supported/);
  });
});

describe('simulator body rules: modes', () => {
  it('rejects 2.3-Fast without a first frame', () => rejects({ model: 'MiniMax-Hailuo-2.3-Fast', prompt: 'a' }, /first_frame_image is required/));
  it('rejects I2V-01 models without a first frame', () => {
    for (const model of ['I2V-01', 'I2V-01-live', 'I2V-01-Director']) rejects({ model, prompt: 'a' }, /first_frame_image is required/);
  });
  it('rejects a first frame on T2V-01 models and S2V-01', () => {
    rejects({ model: 'T2V-01', prompt: 'a', first_frame_image: FRAME }, /first_frame_image not supported/);
    rejects({ model: 'S2V-01', subject_reference: subject(), first_frame_image: FRAME }, /first_frame_image not supported/);
  });
  it('accepts last_frame_image only on Hailuo-02, and only with a first frame', () => {
    ok({ model: 'MiniMax-Hailuo-02', first_frame_image: FRAME, last_frame_image: FRAME });
    rejects({ model: 'MiniMax-Hailuo-02', prompt: 'a', last_frame_image: FRAME }, /first_frame_image is required with last_frame_image/);
    for (const model of ['MiniMax-Hailuo-2.3', 'MiniMax-Hailuo-2.3-Fast', 'I2V-01', 'S2V-01']) {
      rejects({ model, first_frame_image: FRAME, last_frame_image: FRAME, subject_reference: subject() }, /not supported/);
    }
    rejects({ model: 'S2V-01', subject_reference: subject(), last_frame_image: FRAME }, /last_frame_image not supported/);
  });
  it('requires subject_reference on S2V-01 and refuses it elsewhere', () => {
    rejects({ model: 'S2V-01', prompt: 'a' }, /subject_reference is required/);
    rejects({ model: 'MiniMax-Hailuo-02', prompt: 'a', subject_reference: subject() }, /subject_reference not supported/);
    ok({ model: 'S2V-01', subject_reference: subject() });
  });
});

describe('simulator body rules: prompt', () => {
  it('requires a non-blank prompt for text to video only', () => {
    rejects({ model: 'MiniMax-Hailuo-2.3' }, /prompt is required/);
    rejects({ model: 'T2V-01', prompt: '   ' }, /prompt is required/);
    ok({ model: 'MiniMax-Hailuo-2.3', first_frame_image: FRAME });
    ok({ model: 'S2V-01', subject_reference: subject() });
  });
  it('accepts 2000 code points and rejects 2001, counting an emoji as one', () => {
    ok({ model: 'MiniMax-Hailuo-2.3', prompt: 'a'.repeat(2000) });
    rejects({ model: 'MiniMax-Hailuo-2.3', prompt: 'a'.repeat(2001) }, /prompt exceeds 2000/);
    ok({ model: 'MiniMax-Hailuo-2.3', prompt: '😀'.repeat(2000) });
    rejects({ model: 'MiniMax-Hailuo-2.3', prompt: '😀'.repeat(2001) }, /prompt exceeds 2000/);
  });
});

describe('simulator body rules: resolution × duration', () => {
  const t2v = (model: string, resolution?: string, duration?: number) => ({
    model,
    prompt: 'a',
    ...(resolution ? { resolution } : {}),
    ...(duration ? { duration } : {}),
  });
  it('accepts 768P at 6 or 10 s and 1080P at 6 s on Hailuo models', () => {
    for (const model of ['MiniMax-Hailuo-2.3', 'MiniMax-Hailuo-02']) {
      ok(t2v(model, '768P', 6));
      ok(t2v(model, '768P', 10));
      ok(t2v(model, '1080P', 6));
      ok(t2v(model, undefined, 10));
    }
  });
  it('rejects 1080P with 10 s as a duration problem', () => rejects(t2v('MiniMax-Hailuo-2.3', '1080P', 10), /duration 10 not supported at 1080P/));
  it('rejects 720P, lower-case and unknown resolutions on Hailuo models', () => {
    rejects(t2v('MiniMax-Hailuo-2.3', '720P'), /resolution 720P not supported/);
    rejects(t2v('MiniMax-Hailuo-2.3', '1080p'), /resolution 1080p not supported/);
    rejects(t2v('MiniMax-Hailuo-2.3', '4K'), /resolution 4K not supported/);
  });
  it('rejects durations other than 6 and 10', () => rejects(t2v('MiniMax-Hailuo-02', '768P', 5), /duration 5/));
  it('accepts 512P only for Hailuo-02 image to video', () => {
    ok({ model: 'MiniMax-Hailuo-02', first_frame_image: FRAME, resolution: '512P', duration: 10 });
    rejects(t2v('MiniMax-Hailuo-02', '512P'), /resolution 512P/);
    rejects({ model: 'MiniMax-Hailuo-02', first_frame_image: FRAME, last_frame_image: FRAME, resolution: '512P' }, /resolution 512P/);
    rejects({ model: 'MiniMax-Hailuo-2.3', first_frame_image: FRAME, resolution: '512P' }, /resolution 512P/);
  });
  it('accepts only absent or 720P / 6 s on the 01-series and S2V-01', () => {
    ok(t2v('T2V-01'));
    ok(t2v('T2V-01', '720P', 6));
    ok({ model: 'I2V-01', first_frame_image: FRAME, resolution: '720P' });
    rejects(t2v('T2V-01-Director', '768P'), /resolution 768P not supported by T2V-01-Director/);
    rejects(t2v('T2V-01', '720P', 10), /duration 10 not supported by T2V-01/);
    rejects({ model: 'S2V-01', subject_reference: subject(), resolution: '1080P' }, /resolution 1080P/);
  });
  it('reports the output resolution, defaulting by family', () => {
    expect(outputResolution({ model: 'MiniMax-Hailuo-2.3' })).toBe('768P');
    expect(outputResolution({ model: 'T2V-01' })).toBe('720P');
    expect(outputResolution({ model: 'MiniMax-Hailuo-2.3', resolution: '1080P' })).toBe('1080P');
  });
});

describe('simulator body rules: images', () => {
  const i2v = (image: string) => ({ model: 'MiniMax-Hailuo-2.3', first_frame_image: image });
  it('accepts http(s) URLs and PNG, JPEG and WebP data URLs', () => {
    ok(i2v('https://example.com/cat.jpg'));
    ok(i2v(jpegDataUrl(1280, 720)));
    ok(i2v(webpDataUrl('VP8X', 1280, 720)));
    ok(i2v(webpDataUrl('VP8L', 720, 1280)));
    ok(i2v(webpDataUrl('VP8 ', 800, 600)));
  });
  it('rejects other strings and formats', () => {
    rejects(i2v('ftp://example.com/cat.jpg'), /must be a url or a base64 data url/);
    rejects(i2v('https://'), /not a valid url/);
    rejects(i2v('data:image/png,rawbytes'), /base64 data url/);
    rejects(i2v(dataUrl(gifBytes(800, 600), 'image/gif')), /format must be/);
  });
  it('rejects a short side of 300 px and accepts 301', () => {
    rejects(i2v(pngDataUrl(640, 300)), /short side must exceed 300px/);
    ok(i2v(pngDataUrl(640, 301)));
  });
  it('accepts exactly 2:5 and 5:2 and rejects beyond', () => {
    ok(i2v(pngDataUrl(400, 1000)));
    ok(i2v(pngDataUrl(1000, 400)));
    rejects(i2v(pngDataUrl(399, 1000)), /aspect ratio/);
    rejects(i2v(pngDataUrl(1001, 400)), /aspect ratio/);
  });
  it('rejects an image of 20 MiB and accepts one just under', () => {
    ok(i2v(pngDataUrl(1280, 720, 20 * 1024 * 1024 - 1)));
    rejects(i2v(pngDataUrl(1280, 720, 20 * 1024 * 1024)), /smaller than 20MB/);
  });
  it('checks the last frame and the subject image too', () => {
    rejects({ model: 'MiniMax-Hailuo-02', first_frame_image: FRAME, last_frame_image: pngDataUrl(200, 200) }, /last_frame_image short side/);
    rejects({ model: 'S2V-01', subject_reference: subject(pngDataUrl(200, 200)) }, /subject_reference.image short side/);
  });
  it('checks callback_url is an http(s) URL', () => {
    ok({ model: 'MiniMax-Hailuo-2.3', prompt: 'a', callback_url: 'https://example.com/hook' });
    rejects({ model: 'MiniMax-Hailuo-2.3', prompt: 'a', callback_url: 'javascript:alert(1)' }, /callback_url/);
  });
});

describe('simulator body rules: subject_reference shape', () => {
  it('accepts exactly one character with one image', () => ok({ model: 'S2V-01', prompt: 'a', subject_reference: subject() }));
  it('rejects zero or two subjects', () => {
    rejects({ model: 'S2V-01', subject_reference: [] }, /exactly one subject/);
    rejects({ model: 'S2V-01', subject_reference: [...subject(), ...subject()] }, /exactly one subject/);
  });
  it('rejects a non-character type, a string image and an empty image list', () => {
    rejects({ model: 'S2V-01', subject_reference: subject(FRAME, 'object') }, /type must be character/);
    rejects({ model: 'S2V-01', subject_reference: [{ type: 'character', image: FRAME }] }, /image must be an array/);
    rejects({ model: 'S2V-01', subject_reference: [{ type: 'character', image: [] }] }, /image must be an array/);
    rejects({ model: 'S2V-01', subject_reference: ['x'] }, /item must be an object/);
  });
});
