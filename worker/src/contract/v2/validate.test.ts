// The shared v2 validator against MiniMax's v2 rules (contract/README.md, "v2"; limits written out here, not read from
// models.ts): what it accepts and how it reads it, and each refusal in full (the SPA words it from field and rule).
import { describe, expect, it } from 'vitest';
import { pngDataUrl } from '../../simulator/test-images';
import { validateV2ContextIr, validateV2Create, validateV2ListQuery, validateV2Regeneration, type V2Issue, type V2Summary } from './validate';

type Validator = (input: unknown) => ReturnType<typeof validateV2Create>;
const create: Validator = validateV2Create;
const contextIr: Validator = validateV2ContextIr;
const regeneration: Validator = validateV2Regeneration;

const PROMPT = 'A boy plays basketball';
const text = (t = PROMPT) => ({ type: 'text', text: t });
const URLS = { image: 'https://example.com/a.png', video: 'https://example.com/r.mp4', audio: 'https://example.com/v.mp3' };
type Kind = keyof typeof URLS;
const media = (kind: Kind, role?: unknown, url: unknown = URLS[kind]) => ({ type: `${kind}_url`, [`${kind}_url`]: { url }, ...(role !== undefined ? { role } : {}) });
const image = (role?: string, url?: string) => media('image', role, url);
const video = (role = 'reference_video', url?: string) => media('video', role, url);
const audio = (url?: string) => media('audio', 'reference_audio', url);
const times = <T>(n: number, item: T): T[] => Array(n).fill(item);

const H3 = { model: 'MiniMax-H3', content: [text()], resolution: '2K', duration: 5, ratio: '16:9' };
const MAX = { ...H3, model: 'MiniMax-H3-Max', resolution: '768P' };
const REGEN = { model: 'MiniMax-H3', content: [text(), video('base_video')], resolution: '2K' };
const withContent = (...content: unknown[]) => ({ ...H3, content: [text(), ...content] });
/** A data URI whose payload decodes to `bytes` bytes (base64 padding included). */
const dataOf = (mime: string, bytes: number) => {
  const padding = (3 - (bytes % 3)) % 3;
  return `data:${mime};base64,${'A'.repeat(Math.ceil(bytes / 3) * 4 - padding)}${'='.repeat(padding)}`;
};
const MB = 1024 * 1024;

const summary = (mode: V2Summary['mode'], counts: Partial<Omit<V2Summary, 'mode' | 'prompt'>> = {}, prompt = PROMPT): V2Summary => ({
  mode,
  prompt,
  firstFrame: 0,
  lastFrame: 0,
  images: 0,
  videos: 0,
  audios: 0,
  ...counts,
});

describe('accepted v2 bodies, and how they are read', () => {
  it.each([
    ['text only on H3', create, H3, summary('t2v')],
    ['text only on H3-Max at 480P', create, { ...MAX, resolution: '480P' }, summary('t2v')],
    ['each fixed ratio', create, { ...H3, ratio: '9:16' }, summary('t2v')],
    ['21:9', create, { ...H3, ratio: '21:9' }, summary('t2v')],
    ['the shortest H3 video', create, { ...H3, duration: 4, resolution: '768P' }, summary('t2v')],
    ['the longest H3 video', create, { ...H3, duration: 15 }, summary('t2v')],
    ['the shortest H3-Max video', create, { ...MAX, duration: 5 }, summary('t2v')],
    ['the longest H3-Max video', create, { ...MAX, duration: 15 }, summary('t2v')],
    ['7000 characters (code points, not UTF-16 units)', create, { ...H3, content: [text('😀'.repeat(7000))] }, summary('t2v', {}, '😀'.repeat(7000))],
    ['a lone image with no role (a first frame), no ratio', create, { ...H3, ratio: undefined, content: [text(), image()] }, summary('i2v', { firstFrame: 1 })],
    ['a lone image with a null role', create, withContent(media('image', null)), summary('i2v', { firstFrame: 1 })],
    ['the prompt after the media', create, { ...H3, content: [image('first_frame'), text()] }, summary('i2v', { firstFrame: 1 })],
    ['first and last frames, adaptive', create, { ...H3, ratio: 'adaptive', content: [text(), image('first_frame'), image('last_frame')] }, summary('i2v', { firstFrame: 1, lastFrame: 1 })],
    ['12 references, no ratio', create, { ...H3, ratio: undefined, content: [text(), ...times(9, image('reference_image')), ...times(3, video())] }, summary('r2v', { images: 9, videos: 3 })],
    ['an image and three audio clips', create, withContent(image('reference_image'), ...times(3, audio())), summary('r2v', { images: 1, audios: 3 })],
    ['a video and audio', create, withContent(video(), audio()), summary('r2v', { videos: 1, audios: 1 })],
    ['an image, a video and audio', create, withContent(image('reference_image'), video(), audio()), summary('r2v', { images: 1, videos: 1, audios: 1 })],
    ['mm_file ids and data URIs', create, withContent(image('reference_image', 'mm_file://42'), video('reference_video', 'data:video/quicktime;base64,QUJD'), audio('data:audio/wav;base64,QUJD')), summary('r2v', { images: 1, videos: 1, audios: 1 })],
    ['references on H3-Max (MiniMax decides)', create, { ...MAX, content: [text(), image('reference_image')] }, summary('r2v', { images: 1 })],
    ['prompt expansion on H3-Max', create, { ...MAX, extra: { prompt_expansion_mode: 'quality' } }, summary('t2v')],
    ['prompt expansion disabled', create, { ...MAX, extra: { prompt_expansion_mode: 'disabled' } }, summary('t2v')],
    ['prompt expansion balanced', create, { ...MAX, extra: { prompt_expansion_mode: 'balanced' } }, summary('t2v')],
    ['an empty extra', create, { ...MAX, extra: {} }, summary('t2v')],
    ['a watermark, a callback, a seed and an unknown key (MiniMax judges)', create, { ...H3, aigc_watermark: false, callback_url: 'https://cb.example/x', seed: 7, future: 1 }, summary('t2v')],
    ['Context-IR with no resolution', contextIr, { ...H3, resolution: undefined }, summary('t2v')],
    ['Context-IR with frames', contextIr, { ...H3, resolution: undefined, content: [text(), image()] }, summary('i2v', { firstFrame: 1 })],
    ['a regeneration (no duration or ratio read)', regeneration, { ...REGEN, duration: 99, ratio: '2:1' }, summary('t2v')],
    ['a regeneration with references', regeneration, { ...REGEN, content: [...REGEN.content, image('reference_image')] }, summary('r2v', { images: 1 })],
  ] as [string, Validator, Record<string, unknown>, V2Summary][])('%s', (_name, validate, body, expected) => {
    const result = validate(body);
    expect(result).toEqual({ ok: true, value: body, summary: expected });
    expect(result.ok && result.value).toBe(body);
  });

  it.each([
    ['the smallest sides', 256, 256],
    ['the largest side', 5760, 2304],
    ['the tallest shape (0.4)', 256, 640],
    ['the widest shape (2.5)', 640, 256],
    ['no width read', 0, 600],
    ['no height read', 600, 0],
  ])('accepts an image data URI at %s: %i×%i', (_name, width, height) => {
    expect(validateV2Create(withContent(image('first_frame', pngDataUrl(width, height))))).toMatchObject({ ok: true });
  });

  it('accepts an audio clip of exactly 15 MB', () => {
    expect(validateV2Create(withContent(image('reference_image'), audio(dataOf('audio/mpeg', 15 * MB))))).toMatchObject({ ok: true });
  });

  it('lets an error that is not a refusal through', () => {
    const body = {
      get model(): string {
        throw new RangeError('a getter failed');
      },
    };
    expect(() => validateV2Create(body)).toThrow(RangeError);
  });
});

const ONE_OF_IMAGE_ROLES = 'content[1].role must be one of first_frame, last_frame, reference_image.';
const NOT_A_URL = (field: string) => ({ field, rule: 'media_url', message: `${field} must be a URL string.` });
const issue = (field: string, rule: V2Issue['rule'], message: string): V2Issue => ({ field, rule, message });
const notObject = issue('body', 'body_not_object', 'The request body must be a JSON object.');
const noModel = issue('model', 'model_required', 'Choose a model.');
const noContent = issue('content', 'content_required', 'content must be a list with a text item (the prompt).');
const notItem = issue('content[1]', 'content_item', 'content[1] must be an object with a "type".');
const badType = issue('content[1].type', 'content_item', 'content[1].type must be text, image_url, video_url or audio_url.');
const noPrompt = issue('content', 'prompt_required', 'content must include a non-empty text item (prompt is required).');
const noBase = issue('content', 'base_video_required', 'Regeneration needs exactly one video with role "base_video" (the 768P video to re-render).');
const framesAndRefs = issue('content', 'frames_and_references', 'Frames (first/last) and references cannot be used together: choose one.');
const noResolutionH3 = issue('resolution', 'resolution_required', 'Choose a resolution: 768P or 2K.');
const noDurationH3 = issue('duration', 'duration_required', 'Choose a duration of 4–15 s.');
const notWhole = issue('duration', 'field_type', '"duration" must be a whole number of seconds.');
const unknownRatio = issue('ratio', 'ratio_unknown', 'ratio must be one of adaptive, 21:9, 16:9, 4:3, 1:1, 3:4, 9:16.');
const noRatio = issue('ratio', 'ratio_required', 'A text-only video needs a ratio (21:9, 16:9, 4:3, 1:1, 3:4, 9:16), not adaptive.');
const badExtra = issue('extra', 'extra_invalid', 'extra must be {"prompt_expansion_mode": "disabled" | "balanced" | "quality"}.');
const badWatermark = issue('aigc_watermark', 'field_type', '"aigc_watermark" must be true or false.');
const badCallback = issue('callback_url', 'url_invalid', 'callback_url must be an http(s) URL.');
const imageUrl = 'content[1].image_url.url';

describe('each v2 refusal, in full', () => {
  it.each([
    ['a string body', create, 'x', notObject],
    ['a null body', create, null, notObject],
    ['an array body', create, [H3], notObject],
    ['no model', create, { ...H3, model: undefined }, noModel],
    ['a null model', create, { ...H3, model: null }, noModel],
    ['an empty model', create, { ...H3, model: '' }, noModel],
    ['a number model', create, { ...H3, model: 3 }, issue('model', 'field_type', '"model" must be a string.')],
    ['a v1 model', create, { ...H3, model: 'MiniMax-Hailuo-2.3' }, issue('model', 'model_unknown', '"MiniMax-Hailuo-2.3" is not a MiniMax v2 video model; use MiniMax-H3 or MiniMax-H3-Max.')],
    ['a regeneration on H3-Max', regeneration, { ...REGEN, model: 'MiniMax-H3-Max' }, issue('model', 'mode_unsupported', 'Regeneration re-renders MiniMax-H3 videos only, not MiniMax-H3-Max.')],

    ['no content', create, { ...H3, content: undefined }, noContent],
    ['content as a string', create, { ...H3, content: PROMPT }, noContent],
    ['empty content', create, { ...H3, content: [] }, noContent],
    ['a string item', create, withContent('x'), notItem],
    ['a null item', create, withContent(null), notItem],
    ['an array item', create, withContent([image()]), notItem],
    ['a text that is not a string', create, { ...H3, content: [{ type: 'text', text: 5 }] }, issue('content[0].text', 'field_type', 'content[0].text must be a string.')],
    ['two text items', create, withContent(text('more')), issue('content[1]', 'text_repeated', 'Put the whole prompt in one text item.')],
    ['an unknown item type', create, withContent({ type: 'file_url', file_url: { url: URLS.image } }), badType],
    ['an item type that is not a string', create, withContent({ type: 5 }), badType],
    ['an item type in a list', create, withContent({ type: ['image_url'], image_url: { url: URLS.image }, role: 'first_frame' }), badType],
    ['an item with no type', create, withContent({ image_url: { url: URLS.image } }), badType],
    ['an item type named like an object key', create, withContent({ type: 'constructor', role: 'first_frame' }), badType],
    ['an item type named __proto__', create, withContent({ type: '__proto__', role: 'first_frame' }), badType],

    ['an image with no role beside other media', create, withContent(image(), image('reference_image')), issue('content[1].role', 'role_invalid', ONE_OF_IMAGE_ROLES)],
    ['an image with a video role', create, withContent(image('reference_video')), issue('content[1].role', 'role_invalid', ONE_OF_IMAGE_ROLES)],
    ['a role that is not a string', create, withContent(media('image', 1)), issue('content[1].role', 'role_invalid', ONE_OF_IMAGE_ROLES)],
    ['a lone video with no role', create, withContent(media('video')), issue('content[1].role', 'role_invalid', 'content[1].role must be one of reference_video.')],
    ['a video as a first frame', create, withContent(video('first_frame')), issue('content[1].role', 'role_invalid', 'content[1].role must be one of reference_video.')],
    ['an audio with an image role', create, withContent(media('audio', 'reference_image')), issue('content[1].role', 'role_invalid', 'content[1].role must be one of reference_audio.')],
    ['a base_video in a create', create, withContent(video('base_video')), issue('content[1].role', 'role_invalid', 'A base_video is only for regeneration (re-rendering a video at 2K).')],
    ['a base_video in a Context-IR', contextIr, { ...H3, resolution: undefined, content: [text(), video('base_video')] }, issue('content[1].role', 'role_invalid', 'A base_video is only for regeneration (re-rendering a video at 2K).')],

    ['a media holder that is a string', create, withContent({ type: 'image_url', image_url: URLS.image, role: 'first_frame' }), NOT_A_URL(imageUrl)],
    ['a null media holder', create, withContent({ type: 'image_url', image_url: null, role: 'first_frame' }), NOT_A_URL(imageUrl)],
    ['a media holder under another key', create, withContent({ type: 'image_url', video_url: { url: URLS.image }, role: 'first_frame' }), NOT_A_URL(imageUrl)],
    ['a URL that is not a string', create, withContent(media('image', 'first_frame', 5)), NOT_A_URL(imageUrl)],
    ['an ftp URL', create, withContent(image('first_frame', 'ftp://x/a.png')), issue(imageUrl, 'media_url', `${imageUrl} must be a public http(s) URL, an mm_file:// id or a base64 data URI.`)],
    ['a gif data URI', create, withContent(image('first_frame', 'data:image/gif;base64,R0lGODlh')), issue(imageUrl, 'media_format', `${imageUrl} must be a JPG, PNG, WebP or HEIC image (data:image/…;base64).`)],
    ['an image data URI as a video', create, withContent(video('reference_video', 'data:image/png;base64,QUJD')), issue('content[1].video_url.url', 'media_format', 'content[1].video_url.url must be an MP4 or MOV video (data:video/…;base64).')],
    ['an audio/mp4 data URI as a video', create, withContent(video('reference_video', 'data:audio/mp4;base64,QUJD')), issue('content[1].video_url.url', 'media_format', 'content[1].video_url.url must be an MP4 or MOV video (data:video/…;base64).')],
    ['an ogg clip', create, withContent(video(), audio('data:audio/ogg;base64,QUJD')), issue('content[2].audio_url.url', 'media_format', 'content[2].audio_url.url must be a WAV or MP3 clip (data:audio/…;base64).')],
    ['an audio a byte over 15 MB', create, withContent(video(), audio(dataOf('audio/mpeg', 15 * MB + 1))), issue('content[2].audio_url.url', 'media_too_large', 'The audio is 15.0 MB; MiniMax takes at most 15 MB.')],
    ['an audio of 16.2 MB', create, withContent(video(), audio(dataOf('audio/wav', 17_000_001))), issue('content[2].audio_url.url', 'media_too_large', 'The audio is 16.2 MB; MiniMax takes at most 15 MB.')],
    ['an image 255 px high', create, withContent(image('first_frame', pngDataUrl(600, 255))), issue(imageUrl, 'image_pixels', 'The image is 600×255; each side must be 256–5760 px.')],
    ['an image 255 px wide', create, withContent(image('first_frame', pngDataUrl(255, 600))), issue(imageUrl, 'image_pixels', 'The image is 255×600; each side must be 256–5760 px.')],
    ['an image 5761 px wide', create, withContent(image('first_frame', pngDataUrl(5761, 3000))), issue(imageUrl, 'image_pixels', 'The image is 5761×3000; each side must be 256–5760 px.')],
    ['an image 5761 px high', create, withContent(image('first_frame', pngDataUrl(3000, 5761))), issue(imageUrl, 'image_pixels', 'The image is 3000×5761; each side must be 256–5760 px.')],
    ['an image just too tall', create, withContent(image('first_frame', pngDataUrl(256, 641))), issue(imageUrl, 'image_aspect', 'The image is 256×641; width ÷ height must be between 0.4 and 2.5.')],
    ['an image just too wide', create, withContent(image('first_frame', pngDataUrl(641, 256))), issue(imageUrl, 'image_aspect', 'The image is 641×256; width ÷ height must be between 0.4 and 2.5.')],

    ['no text item', create, { ...H3, content: [image()] }, noPrompt],
    ['a blank text item', create, { ...H3, content: [text(' \n ')] }, noPrompt],
    ['7001 characters', create, { ...H3, content: [text('字'.repeat(7001))] }, issue('content', 'prompt_too_long', 'The prompt is 7001 characters; MiniMax takes at most 7000.')],
    ['two first frames', create, withContent(image('first_frame'), image('first_frame')), issue('content', 'too_many_media', 'Use one first frame at most.')],
    ['two last frames', create, withContent(image('first_frame'), image('last_frame'), image('last_frame')), issue('content', 'too_many_media', 'Use one last frame at most.')],
    ['10 reference images', create, withContent(...times(10, image('reference_image'))), issue('content', 'too_many_media', 'Use at most 9 reference images (there are 10).')],
    ['4 reference videos', create, withContent(...times(4, video())), issue('content', 'too_many_media', 'Use at most 3 reference videos (there are 4).')],
    ['4 reference audio clips', create, withContent(image('reference_image'), ...times(4, audio())), issue('content', 'too_many_media', 'Use at most 3 reference audio clips (there are 4).')],
    ['13 references', create, withContent(...times(9, image('reference_image')), ...times(3, video()), audio()), issue('content', 'too_many_media', 'Use at most 12 references in all (there are 13).')],
    ['a first frame and a reference', create, withContent(image('first_frame'), image('reference_image')), framesAndRefs],
    ['both frames and a reference video', create, withContent(image('first_frame'), image('last_frame'), video()), framesAndRefs],
    ['a last frame and reference audio', create, withContent(image('last_frame'), audio()), framesAndRefs],
    ['audio alone', create, withContent(audio()), issue('content', 'audio_alone', 'Reference audio cannot be used alone: add a reference image or video.')],
    ['a last frame alone', create, withContent(image('last_frame')), issue('content', 'last_frame_alone', 'A last frame needs a first frame too.')],
    ['a regeneration with no base_video', regeneration, { ...REGEN, content: [text()] }, noBase],
    ['a regeneration with two base_videos', regeneration, { ...REGEN, content: [text(), video('base_video'), video('base_video')] }, noBase],

    ['a Context-IR with a resolution', contextIr, H3, issue('resolution', 'field_not_for_endpoint', 'Prompt expansion takes no resolution: leave it out.')],
    ['a Context-IR with a null resolution', contextIr, { ...H3, resolution: null }, issue('resolution', 'field_not_for_endpoint', 'Prompt expansion takes no resolution: leave it out.')],
    ['no resolution', create, { ...H3, resolution: undefined }, noResolutionH3],
    ['a null resolution', create, { ...H3, resolution: null }, noResolutionH3],
    ['an empty resolution', create, { ...H3, resolution: '' }, noResolutionH3],
    ['no resolution on H3-Max', create, { ...MAX, resolution: undefined }, issue('resolution', 'resolution_required', 'Choose a resolution: 768P or 480P.')],
    ['a regeneration with no resolution', regeneration, { ...REGEN, resolution: undefined }, noResolutionH3],
    ['a regeneration at 768P', regeneration, { ...REGEN, resolution: '768P' }, issue('resolution', 'resolution_not_allowed', 'Regeneration renders at 2K: set resolution to "2K".')],
    ['480P on H3', create, { ...H3, resolution: '480P' }, issue('resolution', 'resolution_not_allowed', 'MiniMax-H3 renders 768P or 2K, not 480P.')],
    ['2k in lower case', create, { ...H3, resolution: '2k' }, issue('resolution', 'resolution_not_allowed', 'MiniMax-H3 renders 768P or 2K, not 2k.')],
    ['a number resolution', create, { ...H3, resolution: 768 }, issue('resolution', 'resolution_not_allowed', 'MiniMax-H3 renders 768P or 2K, not 768.')],
    ['2K on H3-Max', create, { ...MAX, resolution: '2K' }, issue('resolution', 'resolution_not_allowed', 'MiniMax-H3-Max renders 768P or 480P, not 2K.')],

    ['no duration', create, { ...H3, duration: undefined }, noDurationH3],
    ['a null duration', create, { ...H3, duration: null }, noDurationH3],
    ['no duration on H3-Max', create, { ...MAX, duration: undefined }, issue('duration', 'duration_required', 'Choose a duration of 5–15 s.')],
    ['a Context-IR with no duration', contextIr, { ...H3, resolution: undefined, duration: undefined }, noDurationH3],
    ['a duration as a string', create, { ...H3, duration: '5' }, notWhole],
    ['5.5 s', create, { ...H3, duration: 5.5 }, notWhole],
    ['3 s on H3', create, { ...H3, duration: 3 }, issue('duration', 'duration_not_allowed', 'MiniMax-H3 makes videos of 4–15 s, not 3 s.')],
    ['16 s on H3', create, { ...H3, duration: 16 }, issue('duration', 'duration_not_allowed', 'MiniMax-H3 makes videos of 4–15 s, not 16 s.')],
    ['4 s on H3-Max', create, { ...MAX, duration: 4 }, issue('duration', 'duration_not_allowed', 'MiniMax-H3-Max makes videos of 5–15 s, not 4 s.')],
    ['16 s on H3-Max', create, { ...MAX, duration: 16 }, issue('duration', 'duration_not_allowed', 'MiniMax-H3-Max makes videos of 5–15 s, not 16 s.')],

    ['an unknown ratio', create, { ...H3, ratio: '2:1' }, unknownRatio],
    ['a number ratio', create, { ...H3, ratio: 16 }, unknownRatio],
    ['a null ratio', create, { ...H3, ratio: null }, unknownRatio],
    ['text only with no ratio', create, { ...H3, ratio: undefined }, noRatio],
    ['text only, adaptive', create, { ...H3, ratio: 'adaptive' }, noRatio],

    ['extra on H3', create, { ...H3, extra: { prompt_expansion_mode: 'disabled' } }, issue('extra', 'field_not_for_model', '"extra" is for MiniMax-H3-Max only; MiniMax-H3 takes none.')],
    ['extra as a string', create, { ...MAX, extra: 'quality' }, badExtra],
    ['extra as null', create, { ...MAX, extra: null }, badExtra],
    ['extra as an empty string', create, { ...MAX, extra: '' }, badExtra],
    ['extra as an empty list', create, { ...MAX, extra: [] }, badExtra],
    ['extra as a list', create, { ...MAX, extra: ['prompt_expansion_mode'] }, badExtra],
    ['extra with "balance"', create, { ...MAX, extra: { prompt_expansion_mode: 'balance' } }, badExtra],
    ['extra with a null mode', create, { ...MAX, extra: { prompt_expansion_mode: null } }, badExtra],
    ['extra with another key', create, { ...MAX, extra: { seed: 1 } }, badExtra],
    ['extra with a mode and another key', create, { ...MAX, extra: { prompt_expansion_mode: 'quality', seed: 1 } }, badExtra],

    ['a string watermark', create, { ...H3, aigc_watermark: 'yes' }, badWatermark],
    ['a null watermark', create, { ...H3, aigc_watermark: null }, badWatermark],
    ['a callback that is not a string', create, { ...H3, callback_url: 5 }, badCallback],
    ['a callback URL in a list', create, { ...H3, callback_url: ['https://cb.example/x'] }, badCallback],
    ['a callback that is not a URL', create, { ...H3, callback_url: 'not a url' }, badCallback],
    ['an ftp callback', create, { ...H3, callback_url: 'ftp://x.example/cb' }, badCallback],
    ['an mm_file callback', create, { ...H3, callback_url: 'mm_file://1' }, badCallback],
  ] as [string, Validator, unknown, V2Issue][])('%s', (_name, validate, input, expected) => {
    expect(validate(input)).toEqual({ ok: false, issue: expected });
  });
});

describe('validateV2ListQuery', () => {
  const list = (query: string) => validateV2ListQuery(new URLSearchParams(query));
  const pageRule = (name: string) => issue(name, 'query_invalid', `${name} must be a whole number from 1.`);

  it('keeps what MiniMax reads, in order (repeated ids included), and drops the rest', () => {
    const query = 'page_num=1&x=2&page_size=9999&filter.task_ids=1&filter.task_ids=00000000000000000000000000000002&filter.status=queued' +
      '&filter.model=MiniMax-H3-Max&filter.task_type=h3_context_ir&filter.other=1&page_num=0010';
    const result = list(query);
    expect(result.ok).toBe(true);
    expect(result.ok && result.value.toString()).toBe(
      'page_num=1&page_size=9999&filter.task_ids=1&filter.task_ids=00000000000000000000000000000002&filter.status=queued' +
        '&filter.model=MiniMax-H3-Max&filter.task_type=h3_context_ir&page_num=0010',
    );
  });

  it.each([
    ['filter.status', ['queued', 'running', 'succeeded', 'failed', 'cancelled']],
    ['filter.model', ['MiniMax-H3', 'MiniMax-H3-Max']],
    ['filter.task_type', ['generation', 'h3_context_ir', 'regeneration']],
  ])('keeps each %s MiniMax knows', (name, values) => {
    for (const value of values) expect(list(`${name}=${value}`)).toEqual({ ok: true, value: new URLSearchParams([[name, value]]) });
  });

  it('keeps nothing of an empty query', () => {
    expect(list('')).toEqual({ ok: true, value: new URLSearchParams() });
  });

  it.each([
    ['page_num=0', pageRule('page_num')],
    ['page_num=', pageRule('page_num')],
    ['page_num=a1', pageRule('page_num')],
    ['page_num=1a', pageRule('page_num')],
    ['page_num=-1', pageRule('page_num')],
    ['page_num=1.5', pageRule('page_num')],
    ['page_num=10000', pageRule('page_num')],
    ['page_size=0000', pageRule('page_size')],
    ['filter.task_ids=1%2C2', issue('filter.task_ids', 'query_invalid', 'filter.task_ids must be task ids (digits).')],
    ['filter.task_ids=', issue('filter.task_ids', 'query_invalid', 'filter.task_ids must be task ids (digits).')],
    ['filter.task_ids=x1', issue('filter.task_ids', 'query_invalid', 'filter.task_ids must be task ids (digits).')],
    [`filter.task_ids=${'1'.repeat(33)}`, issue('filter.task_ids', 'query_invalid', 'filter.task_ids must be task ids (digits).')],
    ['filter.status=done', issue('filter.status', 'query_invalid', 'filter.status must be queued, running, succeeded, failed or cancelled.')],
    ['filter.status=', issue('filter.status', 'query_invalid', 'filter.status must be queued, running, succeeded, failed or cancelled.')],
    ['filter.model=MiniMax-Hailuo-2.3', issue('filter.model', 'query_invalid', 'filter.model must be MiniMax-H3 or MiniMax-H3-Max.')],
    ['filter.task_type=video', issue('filter.task_type', 'query_invalid', 'filter.task_type must be generation, h3_context_ir or regeneration.')],
    ['filter.task_type=', issue('filter.task_type', 'query_invalid', 'filter.task_type must be generation, h3_context_ir or regeneration.')],
  ])('refuses %s', (query, expected) => {
    expect(list(`page_size=5&${query}`)).toEqual({ ok: false, issue: expected });
  });

  it('lets an error that is not a refusal through', () => {
    const params = {
      [Symbol.iterator]() {
        throw new RangeError('an iterator failed');
      },
    } as unknown as URLSearchParams;
    expect(() => validateV2ListQuery(params)).toThrow(RangeError);
  });
});
