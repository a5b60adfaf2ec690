// The shared validator against MiniMax's v1 rules (contract/README.md; tables written out here, not read from models.ts).
import { describe, expect, it } from 'vitest';
import { FRAME, gifBytes, dataUrl, jpegDataUrl, pngBytes, pngDataUrl, webpDataUrl } from '../simulator/test-images';
import { promptLength } from './prompt';
import { imageIssue, validateVideoRequest, type Rule, type ValidationIssue } from './validate';

type ModeName = 't2v' | 'i2v' | 'fl2v' | 's2v';
const SUBJECT = [{ type: 'character', image: [FRAME] }];

/** §2.2: which model takes which mode. */
const DOC_MODES: Record<string, ModeName[]> = {
  'MiniMax-Hailuo-2.3': ['t2v', 'i2v'],
  'MiniMax-Hailuo-2.3-Fast': ['i2v'],
  'MiniMax-Hailuo-02': ['t2v', 'i2v', 'fl2v'],
  'T2V-01-Director': ['t2v'],
  'T2V-01': ['t2v'],
  'I2V-01-Director': ['i2v'],
  'I2V-01-live': ['i2v'],
  'I2V-01': ['i2v'],
  'S2V-01': ['s2v'],
};

/** §2.3: allowed resolution → durations; undefined means "omitted" (the default applies). */
function docAllows(model: string, mode: ModeName, resolution?: string, duration?: number): boolean {
  if (!model.startsWith('MiniMax-')) return (resolution ?? '720P') === '720P' && (duration ?? 6) === 6;
  const table: Record<string, number[]> = { '768P': [6, 10], '1080P': [6] };
  if (model === 'MiniMax-Hailuo-02' && mode === 'i2v') table['512P'] = [6, 10];
  return table[resolution ?? '768P']?.includes(duration ?? 6) ?? false;
}

function bodyFor(model: string, mode: ModeName, resolution?: string, duration?: number): Record<string, unknown> {
  return {
    model,
    prompt: 'A cat on a windowsill',
    ...(mode === 'i2v' || mode === 'fl2v' ? { first_frame_image: FRAME } : {}),
    ...(mode === 'fl2v' ? { last_frame_image: FRAME } : {}),
    ...(mode === 's2v' ? { subject_reference: SUBJECT } : {}),
    ...(resolution !== undefined ? { resolution } : {}),
    ...(duration !== undefined ? { duration } : {}),
  };
}

const MODES: ModeName[] = ['t2v', 'i2v', 'fl2v', 's2v'];
const RESOLUTIONS = [undefined, '512P', '720P', '768P', '1080P'];
const DURATIONS = [undefined, 6, 10];
const combos = Object.keys(DOC_MODES).flatMap((model) =>
  MODES.flatMap((mode) => RESOLUTIONS.flatMap((resolution) => DURATIONS.map((duration) => ({ model, mode, resolution, duration })))),
);

function issueOf(body: unknown) {
  const result = validateVideoRequest(body);
  if (result.ok) throw new Error(`expected a rejection of ${JSON.stringify(body).slice(0, 200)}`);
  return result.issue;
}
const rejects = (body: unknown, field: string, rule: Rule) => expect(issueOf(body)).toMatchObject({ field, rule });
const accepts = (body: unknown) => expect(validateVideoRequest(body)).toMatchObject({ ok: true });

describe('validateVideoRequest: every model × mode × resolution × duration (§2.2, §2.3)', () => {
  it.each(combos)('$model $mode $resolution $duration', ({ model, mode, resolution, duration }) => {
    const result = validateVideoRequest(bodyFor(model, mode, resolution, duration));
    if (!DOC_MODES[model].includes(mode)) {
      expect(result.ok).toBe(false);
      // with an output the model could make, the complaint is about the mode (not resolution or duration)
      if (!result.ok && docAllows(model, DOC_MODES[model][0], resolution, duration)) {
        expect(['mode_unsupported', 'image_required', 'field_not_for_model']).toContain(result.issue.rule);
        expect(['first_frame_image', 'last_frame_image', 'subject_reference']).toContain(result.issue.field);
      }
    } else if (docAllows(model, mode, resolution, duration)) {
      expect(result).toMatchObject({ ok: true, mode });
    } else {
      expect(result.ok).toBe(false);
      if (!result.ok) {
        const badResolution = !['512P', '720P', '768P', '1080P'].some((r) => docAllows(model, mode, r, undefined) && r === (resolution ?? r));
        expect(result.issue).toMatchObject(
          badResolution ? { field: 'resolution', rule: 'resolution_not_allowed' } : { field: 'duration', rule: 'duration_not_allowed' },
        );
      }
    }
  });

  it('rejects 1080P with 10 s as duration_not_allowed', () =>
    rejects(bodyFor('MiniMax-Hailuo-2.3', 't2v', '1080P', 10), 'duration', 'duration_not_allowed'));
  it('accepts 512P only for Hailuo-02 image to video', () => {
    accepts(bodyFor('MiniMax-Hailuo-02', 'i2v', '512P', 10));
    rejects(bodyFor('MiniMax-Hailuo-02', 't2v', '512P'), 'resolution', 'resolution_not_allowed');
    rejects(bodyFor('MiniMax-Hailuo-02', 'fl2v', '512P'), 'resolution', 'resolution_not_allowed');
    rejects(bodyFor('MiniMax-Hailuo-2.3', 'i2v', '512P'), 'resolution', 'resolution_not_allowed');
  });
  it('rejects unknown and lower-case resolutions as resolution_unknown', () => {
    rejects(bodyFor('MiniMax-Hailuo-2.3', 't2v', '1080p'), 'resolution', 'resolution_unknown');
    rejects(bodyFor('MiniMax-Hailuo-2.3', 't2v', '4K'), 'resolution', 'resolution_unknown');
  });
  it('rejects durations other than 6 and 10', () => rejects(bodyFor('MiniMax-Hailuo-02', 't2v', '768P', 5), 'duration', 'duration_not_allowed'));
  it('drops the fixed 720P / 6 s for the 01-series and S2V-01 (MiniMax reportedly rejects them)', () => {
    const result = validateVideoRequest(bodyFor('T2V-01', 't2v', '720P', 6));
    expect(result.ok && result.value).toEqual({ model: 'T2V-01', prompt: 'A cat on a windowsill' });
    const hailuo = validateVideoRequest(bodyFor('MiniMax-Hailuo-2.3', 't2v', '1080P', 6));
    expect(hailuo.ok && hailuo.value).toMatchObject({ resolution: '1080P', duration: 6 });
  });
});

describe('validateVideoRequest: modes and images required', () => {
  it('rejects 2.3-Fast without an image as image_required on first_frame_image', () =>
    rejects({ model: 'MiniMax-Hailuo-2.3-Fast', prompt: 'a' }, 'first_frame_image', 'image_required'));
  it('rejects I2V-01 models without an image', () => {
    for (const model of ['I2V-01', 'I2V-01-live', 'I2V-01-Director']) rejects({ model, prompt: 'a' }, 'first_frame_image', 'image_required');
  });
  it('rejects a first frame on T2V-01 models as mode_unsupported', () =>
    rejects(bodyFor('T2V-01', 'i2v'), 'first_frame_image', 'mode_unsupported'));
  it('rejects last_frame_image on every model but Hailuo-02', () => {
    for (const model of ['MiniMax-Hailuo-2.3', 'MiniMax-Hailuo-2.3-Fast', 'I2V-01', 'T2V-01']) {
      rejects(bodyFor(model, 'fl2v'), 'last_frame_image', 'mode_unsupported');
    }
    rejects({ model: 'S2V-01', subject_reference: SUBJECT, last_frame_image: FRAME }, 'last_frame_image', 'field_not_for_model');
  });
  it('rejects a last frame without a first frame', () =>
    rejects({ model: 'MiniMax-Hailuo-02', prompt: 'a', last_frame_image: FRAME }, 'first_frame_image', 'image_required'));
  it('rejects first_frame_image on S2V-01', () =>
    rejects({ model: 'S2V-01', subject_reference: SUBJECT, first_frame_image: FRAME }, 'first_frame_image', 'field_not_for_model'));
  it('requires subject_reference on S2V-01 and refuses it elsewhere', () => {
    rejects({ model: 'S2V-01', prompt: 'a' }, 'subject_reference', 'image_required');
    rejects({ model: 'MiniMax-Hailuo-02', prompt: 'a', subject_reference: SUBJECT }, 'subject_reference', 'mode_unsupported');
  });
  it('refuses fast_pretreatment on the 01-series', () => {
    rejects({ model: 'T2V-01', prompt: 'a', fast_pretreatment: true }, 'fast_pretreatment', 'field_not_for_model');
    accepts({ model: 'MiniMax-Hailuo-02', prompt: 'a', fast_pretreatment: true });
  });
});

describe('validateVideoRequest: prompt', () => {
  it('requires a non-blank prompt for text to video only', () => {
    rejects({ model: 'MiniMax-Hailuo-2.3' }, 'prompt', 'prompt_required');
    rejects({ model: 'MiniMax-Hailuo-2.3', prompt: ' \n ' }, 'prompt', 'prompt_required');
    accepts({ model: 'MiniMax-Hailuo-2.3', first_frame_image: FRAME });
    accepts({ model: 'S2V-01', subject_reference: SUBJECT });
  });
  it('accepts 2000 characters and rejects 2001', () => {
    accepts({ model: 'MiniMax-Hailuo-2.3', prompt: 'a'.repeat(2000) });
    expect(issueOf({ model: 'MiniMax-Hailuo-2.3', prompt: 'a'.repeat(2001) })).toMatchObject({
      field: 'prompt',
      rule: 'prompt_too_long',
      params: { length: 2001, max: 2000 },
    });
  });
  it('counts code points, so 2000 emoji (4000 UTF-16 units) pass and 2001 do not', () => {
    expect(promptLength('😀👍🏽')).toBe(3);
    accepts({ model: 'MiniMax-Hailuo-2.3', prompt: '😀'.repeat(2000) });
    rejects({ model: 'MiniMax-Hailuo-2.3', prompt: '😀'.repeat(2001) }, 'prompt', 'prompt_too_long');
  });
  it('applies the limit to image-to-video prompts too', () =>
    rejects({ model: 'MiniMax-Hailuo-2.3', first_frame_image: FRAME, prompt: 'a'.repeat(2001) }, 'prompt', 'prompt_too_long'));
});

describe('validateVideoRequest: images (§2.4)', () => {
  const i2v = (image: string) => ({ model: 'MiniMax-Hailuo-2.3', first_frame_image: image });
  it('accepts http(s) URLs and PNG, JPEG and WebP (VP8X, VP8L, VP8) data URLs', () => {
    for (const image of [
      'https://example.com/a.jpg',
      'http://example.com/a.png',
      pngDataUrl(1280, 720),
      jpegDataUrl(1280, 720),
      webpDataUrl('VP8X', 1280, 720),
      webpDataUrl('VP8L', 720, 1280),
      webpDataUrl('VP8 ', 800, 600),
    ]) {
      accepts(i2v(image));
    }
  });
  it('rejects non-URLs, other schemes and credentials in URLs as image_not_url', () => {
    for (const image of ['cat.png', 'ftp://example.com/a.png', 'https://user:pw@example.com/a.png', 'data:image/png,abc']) {
      rejects(i2v(image), 'first_frame_image', 'image_not_url');
    }
  });
  it('rejects GIF and broken base64 as image_format', () => {
    rejects(i2v(dataUrl(gifBytes(800, 600), 'image/gif')), 'first_frame_image', 'image_format');
    rejects(i2v('data:image/png;base64,not base64!'), 'first_frame_image', 'image_format');
  });
  it('rejects a short side of 300 px and accepts 301', () => {
    rejects(i2v(pngDataUrl(300, 600)), 'first_frame_image', 'image_too_small');
    accepts(i2v(pngDataUrl(301, 600)));
    rejects(i2v(jpegDataUrl(1280, 300)), 'first_frame_image', 'image_too_small');
  });
  it('accepts exactly 2:5 and 5:2 and rejects beyond', () => {
    accepts(i2v(pngDataUrl(400, 1000)));
    accepts(i2v(pngDataUrl(1000, 400)));
    rejects(i2v(pngDataUrl(399, 1000)), 'first_frame_image', 'image_aspect');
    rejects(i2v(webpDataUrl('VP8X', 1001, 400)), 'first_frame_image', 'image_aspect');
  });
  it('rejects 20 MiB and accepts just under', () => {
    accepts(i2v(pngDataUrl(1280, 720, 20 * 1024 * 1024 - 1)));
    rejects(i2v(pngDataUrl(1280, 720, 20 * 1024 * 1024)), 'first_frame_image', 'image_too_large');
  });
  it('checks the last frame and the subject image with their own field names', () => {
    rejects({ model: 'MiniMax-Hailuo-02', first_frame_image: FRAME, last_frame_image: pngDataUrl(200, 200) }, 'last_frame_image', 'image_too_small');
    rejects({ model: 'S2V-01', subject_reference: [{ type: 'character', image: [pngDataUrl(200, 200)] }] }, 'subject_reference', 'image_too_small');
  });
});

describe('validateVideoRequest: subject_reference shape (§2.5)', () => {
  const s2v = (subject_reference: unknown) => ({ model: 'S2V-01', prompt: 'a', subject_reference });
  it('accepts [{type:"character", image:[url]}]', () => accepts(s2v([{ type: 'character', image: ['https://example.com/face.jpg'] }])));
  it.each([
    ['no subject', []],
    ['two subjects', [...SUBJECT, ...SUBJECT]],
    ['another type', [{ type: 'object', image: [FRAME] }]],
    ['image as a string', [{ type: 'character', image: FRAME }]],
    ['no image', [{ type: 'character', image: [] }]],
    ['two images', [{ type: 'character', image: [FRAME, FRAME] }]],
    ['a number image', [{ type: 'character', image: [5] }]],
    ['an extra key', [{ type: 'character', image: [FRAME], weight: 1 }]],
    ['a string item', ['character']],
  ])('rejects %s as subject_reference_shape', (_name, value) => rejects(s2v(value), 'subject_reference', 'subject_reference_shape'));
  it('rejects a non-array as field_type', () => rejects(s2v({ type: 'character', image: [FRAME] }), 'subject_reference', 'field_type'));
});

describe('validateVideoRequest: body, unknown fields and types', () => {
  it('rejects non-object bodies', () => {
    for (const body of [null, [], 'x', 6, undefined]) rejects(body, 'body', 'body_not_object');
  });
  it('rejects unknown fields, including inherited names like toString and __proto__', () => {
    rejects({ model: 'MiniMax-Hailuo-2.3', prompt: 'a', seed: 1 }, 'seed', 'field_unknown');
    rejects({ model: 'MiniMax-Hailuo-2.3', prompt: 'a', toString: 'x' }, 'toString', 'field_unknown');
    rejects(JSON.parse('{"model":"MiniMax-Hailuo-2.3","prompt":"a","__proto__":1}'), '__proto__', 'field_unknown');
  });
  it('treats undefined fields as absent, as JSON.stringify does', () =>
    accepts({ model: 'MiniMax-Hailuo-2.3', prompt: 'a', first_frame_image: undefined, resolution: undefined }));
  it.each([
    ['model', 5],
    ['prompt', null],
    ['prompt_optimizer', 'false'],
    ['fast_pretreatment', 1],
    ['duration', '6'],
    ['duration', 6.5],
    ['resolution', 1080],
    ['first_frame_image', ['x']],
    ['callback_url', {}],
    ['aigc_watermark', 'true'],
  ])('rejects %s = %j as field_type', (field, value) => rejects({ model: 'MiniMax-Hailuo-2.3', prompt: 'a', [field]: value }, field, 'field_type'));
  it('requires a known model', () => {
    rejects({ prompt: 'a' }, 'model', 'model_required');
    rejects({ model: 'MiniMax-Hailuo-03', prompt: 'a' }, 'model', 'model_unknown');
  });
  it('accepts every documented optional field', () =>
    accepts({
      model: 'MiniMax-Hailuo-02',
      prompt: '[Push in] a cat',
      prompt_optimizer: false,
      fast_pretreatment: true,
      duration: 10,
      resolution: '768P',
      callback_url: 'https://example.com/hook',
      aigc_watermark: true,
    }));
  it('rejects a callback_url that is not http(s)', () =>
    rejects({ model: 'MiniMax-Hailuo-2.3', prompt: 'a', callback_url: 'javascript:alert(1)' }, 'callback_url', 'url_invalid'));
});

const H = 'MiniMax-Hailuo-2.3';

describe('each refusal, in full (the SPA words and translates it from rule and params)', () => {
  it.each([
    ['body not object', 'x', { field: 'body', rule: 'body_not_object', message: 'The request body must be a JSON object.' }],
    ['unknown field', { model: H, prompt: 'a', seed: 1 }, { field: 'seed', rule: 'field_unknown', message: '"seed" is not a MiniMax video_generation field.', params: { name: 'seed' } }],
    ['prompt a number', { model: H, prompt: 5 }, { field: 'prompt', rule: 'field_type', message: '"prompt" must be a string.', params: { type: 'string' } }],
    ['duration a string', { model: H, prompt: 'a', duration: '6' }, { field: 'duration', rule: 'field_type', message: '"duration" must be a whole number.', params: { type: 'number' } }],
    ['no model', { prompt: 'a' }, { field: 'model', rule: 'model_required', message: 'Choose a model.' }],
    ['unknown model', { model: 'Hailuo-9', prompt: 'a' }, { field: 'model', rule: 'model_unknown', message: '"Hailuo-9" is not a MiniMax video model.', params: { model: 'Hailuo-9' } }],
    ['model with a space', { model: 'video 01', prompt: 'a' }, { field: 'model', rule: 'model_unknown', message: '"video 01" is not a MiniMax video model.', params: { model: 'video 01' } }],
    ['fast without image', { model: 'MiniMax-Hailuo-2.3-Fast', prompt: 'a' }, { field: 'first_frame_image', rule: 'image_required', message: 'MiniMax-Hailuo-2.3-Fast makes video from an image: add a first frame.', params: { model: 'MiniMax-Hailuo-2.3-Fast' } }],
    ['t2v-01 with image', { model: 'T2V-01', prompt: 'a', first_frame_image: FRAME }, { field: 'first_frame_image', rule: 'mode_unsupported', message: 'T2V-01 does not support image to video.', params: { model: 'T2V-01', mode: 'i2v' } }],
    ['last frame alone', { model: 'MiniMax-Hailuo-02', prompt: 'a', last_frame_image: FRAME }, { field: 'first_frame_image', rule: 'image_required', message: 'First and last frame video needs a first frame too.', params: { model: 'MiniMax-Hailuo-02' } }],
    ['s2v with first frame', { model: 'S2V-01', prompt: 'a', first_frame_image: FRAME, subject_reference: [{ type: 'character', image: [FRAME] }] }, { field: 'first_frame_image', rule: 'field_not_for_model', message: 'S2V-01 takes a subject reference, not a first frame.', params: { model: 'S2V-01' } }],
    ['last frame on 2.3', { model: H, prompt: 'a', first_frame_image: FRAME, last_frame_image: FRAME }, { field: 'last_frame_image', rule: 'mode_unsupported', message: 'MiniMax-Hailuo-2.3 does not support first and last frame video.', params: { model: 'MiniMax-Hailuo-2.3', mode: 'fl2v' } }],
    ['fast_pretreatment on 01', { model: 'I2V-01', prompt: 'a', first_frame_image: FRAME, fast_pretreatment: true }, { field: 'fast_pretreatment', rule: 'field_not_for_model', message: 'fast_pretreatment does not apply to I2V-01.', params: { model: 'I2V-01' } }],
    ['callback ftp', { model: H, prompt: 'a', callback_url: 'ftp://x.example/cb' }, { field: 'callback_url', rule: 'url_invalid', message: 'callback_url must be an http(s) URL.' }],
    ['callback userinfo', { model: H, prompt: 'a', callback_url: 'https://u:p@x.example/cb' }, { field: 'callback_url', rule: 'url_invalid', message: 'callback_url must be an http(s) URL.' }],
    ['no prompt t2v', { model: H, prompt: '  ' }, { field: 'prompt', rule: 'prompt_required', message: 'Write a prompt: text to video needs one.' }],
    ['prompt too long', { model: H, prompt: 'a'.repeat(2001) }, { field: 'prompt', rule: 'prompt_too_long', message: 'The prompt is 2001 characters; MiniMax takes at most 2000.', params: { length: 2001, max: 2000 } }],
    ['resolution unknown', { model: H, prompt: 'a', resolution: '4K' }, { field: 'resolution', rule: 'resolution_unknown', message: '"4K" is not a resolution; use one of 512P, 720P, 768P, 1080P.', params: { resolution: '4K' } }],
    ['resolution not allowed', { model: H, prompt: 'a', resolution: '512P' }, { field: 'resolution', rule: 'resolution_not_allowed', message: 'MiniMax-Hailuo-2.3 (text to video) offers 768P, 1080P, not 512P.', params: { model: 'MiniMax-Hailuo-2.3', resolution: '512P', allowed: '768P, 1080P' } }],
    ['duration not allowed', { model: H, prompt: 'a', resolution: '1080P', duration: 10 }, { field: 'duration', rule: 'duration_not_allowed', message: 'MiniMax-Hailuo-2.3 at 1080P makes 6 s videos, not 10 s.', params: { model: 'MiniMax-Hailuo-2.3', resolution: '1080P', duration: 10, allowed: '6' } }],
    ['image http userinfo', { model: H, prompt: 'a', first_frame_image: 'https://u@x.example/a.png' }, { field: 'first_frame_image', rule: 'image_not_url', message: 'The image must be a public http(s) URL or a data URL.' }],
    ['image not data', { model: H, prompt: 'a', first_frame_image: 'xhttps://x.example/a.png' }, { field: 'first_frame_image', rule: 'image_not_url', message: 'The image must be a public http(s) URL or a data:image/…;base64 URL.' }],
    ['last frame bad', { model: 'MiniMax-Hailuo-02', prompt: 'a', first_frame_image: FRAME, last_frame_image: 'ftp://x/a.png' }, { field: 'last_frame_image', rule: 'image_not_url', message: 'The image must be a public http(s) URL or a data:image/…;base64 URL.' }],
    ['image small', { model: H, prompt: 'a', first_frame_image: dataUrl(pngBytes(300, 600)) }, { field: 'first_frame_image', rule: 'image_too_small', message: 'The image is 300×600; its short side must be more than 300 px.', params: { width: 300, height: 600 } }],
    ['image aspect', { model: H, prompt: 'a', first_frame_image: dataUrl(pngBytes(400, 1001)) }, { field: 'first_frame_image', rule: 'image_aspect', message: 'The image is 400×1001; its aspect ratio must be between 2:5 and 5:2.', params: { width: 400, height: 1001 } }],
    ['s2v no ref', { model: 'S2V-01', prompt: 'a' }, { field: 'subject_reference', rule: 'image_required', message: 'S2V-01 needs a subject reference image.', params: { model: 'S2V-01' } }],
    ['s2v two refs', { model: 'S2V-01', prompt: 'a', subject_reference: [{ type: 'character', image: [FRAME] }, { type: 'character', image: [FRAME] }] }, { field: 'subject_reference', rule: 'subject_reference_shape', message: 'subject_reference must be [{"type":"character","image":["<URL or data URL>"]}] with one subject.' }],
    ['s2v null subject', { model: 'S2V-01', prompt: 'a', subject_reference: [null] }, { field: 'subject_reference', rule: 'subject_reference_shape', message: 'subject_reference must be [{"type":"character","image":["<URL or data URL>"]}] with one subject.' }],
    ['s2v string subject', { model: 'S2V-01', prompt: 'a', subject_reference: ['image,type'] }, { field: 'subject_reference', rule: 'subject_reference_shape', message: 'subject_reference must be [{"type":"character","image":["<URL or data URL>"]}] with one subject.' }],
    ['s2v bad image', { model: 'S2V-01', prompt: 'a', subject_reference: [{ type: 'character', image: ['ftp://x/a.png'] }] }, { field: 'subject_reference', rule: 'image_not_url', message: 'The image must be a public http(s) URL or a data:image/…;base64 URL.' }],
  ] as [string, unknown, ValidationIssue][])('%s', (_name, input, issue) => {
    expect(validateVideoRequest(input)).toEqual({ ok: false, issue });
  });

  it('reads an image of 20 MB as too large, in MB with one decimal, and one a byte smaller as fine', () => {
    const facts = { format: 'png' as const, width: 1000, height: 1000 };
    expect(imageIssue('first_frame_image', { ...facts, bytes: 20 * 1024 * 1024 })).toEqual({ field: 'first_frame_image', rule: 'image_too_large', message: 'The image is 20.0 MB; MiniMax takes less than 20 MB.', params: { mb: '20.0' } });
    expect(imageIssue('first_frame_image', { ...facts, bytes: 20 * 1024 * 1024 - 1 })).toBeNull();
    expect(imageIssue('first_frame_image', { ...facts, bytes: 25 * 1024 * 1024 + 1 })?.params).toEqual({ mb: '25.0' });
  });
});
