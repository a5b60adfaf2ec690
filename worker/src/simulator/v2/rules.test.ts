import { describe, expect, it } from 'vitest';
import { find, parseBoxes, serialize, view } from '../media/boxes';
import { readDemoUnits } from '../media/node-units';
import { DemoMedia } from '../media/library';
import { makeSimulator } from '../test-kit';
import { dataUrl, jpegDataUrl, pngBytes, pngDataUrl, webpDataUrl } from '../test-images';
import { answer, T2V_BODY, v2ErrorBody, v2Post } from './kit';
import { MAX_BYTES, readMediaUrl, wavSeconds } from './media-input';

const media = new DemoMedia(readDemoUnits());
const text = (t = 'A girl grows up') => ({ type: 'text', text: t });
const image = (url: string, role?: string) => ({ type: 'image_url', image_url: { url }, ...(role ? { role } : {}) });
const video = (url: string, role = 'reference_video') => ({ type: 'video_url', video_url: { url }, role });
const audio = (url: string, role = 'reference_audio') => ({ type: 'audio_url', audio_url: { url }, role });
const IMG = 'https://x.example/a.png';
const VID = 'https://x.example/r.mp4';
const AUD = 'https://x.example/v.mp3';
const mp4Url = (bytes: Uint8Array) => dataUrl(bytes, 'video/mp4');

export function wavBytes(seconds: number): Uint8Array {
  const out = new Uint8Array(44);
  const v = new DataView(out.buffer);
  const ascii = (at: number, s: string) => out.set([...s].map((c) => c.charCodeAt(0)), at);
  ascii(0, 'RIFF');
  ascii(8, 'WAVE');
  ascii(12, 'fmt ');
  v.setUint32(16, 16, true);
  v.setUint16(20, 1, true);
  v.setUint16(22, 2, true);
  v.setUint32(24, 32000, true);
  v.setUint32(28, 128000, true);
  v.setUint16(32, 4, true);
  v.setUint16(34, 16, true);
  ascii(36, 'data');
  v.setUint32(40, Math.round(seconds * 128000), true);
  return out;
}
const wav = (seconds: number) => dataUrl(wavBytes(seconds), 'audio/wav');

/** A 6 s 912×512 25 fps demo clip with its tkhd size or its media timescale changed. */
function patchedClip(patch: { width?: number; timescaleFactor?: number }): Uint8Array {
  const boxes = parseBoxes(media.v1(912, 512, 6).slice());
  const trak = find(boxes, 'moov', 'trak')!;
  const tkhd = view(find(trak.children, 'tkhd')!);
  if (patch.width) tkhd.setUint32(tkhd.byteLength - 8, patch.width * 65536);
  if (patch.timescaleFactor) {
    const mdhd = view(find(trak.children, 'mdia', 'mdhd')!);
    const at = mdhd.getUint8(0) === 1 ? 20 : 12;
    mdhd.setUint32(at, mdhd.getUint32(at) * patch.timescaleFactor);
  }
  return serialize(boxes);
}

const body = (content: unknown[], extra: Record<string, unknown> = {}) => ({ model: 'MiniMax-H3', content, resolution: '768P', duration: 5, ...extra });

async function outcome(request: unknown, path = '/v2/video_generation'): Promise<string | number> {
  const kit = makeSimulator();
  const { status, body: out } = await answer(await kit.sim.fetch(v2Post(path, request)));
  if (status === 200) return 200;
  expect(status).toBe(400);
  expect(out).toEqual(v2ErrorBody(400, 'bad_request_error', out.error.message));
  return out.error.message;
}

const REFUSED: [string, unknown, string][] = [
  ['a body that is not an object', [1], 'invalid params, request body must be a JSON object (2013)'],
  ['no model', { ...T2V_BODY, model: undefined }, 'invalid params, model is required (2013)'],
  ['an unknown model', { ...T2V_BODY, model: 'MiniMax-Hailuo-2.3' }, 'invalid params, model MiniMax-Hailuo-2.3 is not supported (2013)'],
  ['no content', { ...T2V_BODY, content: undefined }, 'invalid params, content is required (2013)'],
  ['content not an array', { ...T2V_BODY, content: 'a cat' }, 'invalid params, content must be an array (2013)'],
  ['no resolution', { ...T2V_BODY, resolution: undefined }, 'invalid params, resolution is required (2013)'],
  ['H3 at 480P', { ...T2V_BODY, resolution: '480P' }, 'invalid params, model MiniMax-H3 does not support resolution 480P, supported resolutions: 768P, 2K (2013)'],
  ['H3-Max at 2K', { ...T2V_BODY, model: 'MiniMax-H3-Max' }, 'invalid params, model MiniMax-H3-Max does not support resolution 2K, supported resolutions: 480P, 768P (2013)'],
  ['no duration', { ...T2V_BODY, duration: undefined }, 'invalid params, duration is required (2013)'],
  ['a fractional duration', { ...T2V_BODY, duration: 5.5 }, 'invalid params, duration must be an integer (2013)'],
  ['a string duration', { ...T2V_BODY, duration: '5' }, 'invalid params, duration must be an integer (2013)'],
  ['H3 for 16 s', { ...T2V_BODY, duration: 16 }, 'model MiniMax-H3 does not support duration 16s, supported durations: 4s, 5s, 6s, 7s, 8s, 9s, 10s, 11s, 12s, 13s, 14s, 15s (2013)'],
  ['H3 for 3 s', { ...T2V_BODY, duration: 3 }, 'model MiniMax-H3 does not support duration 3s, supported durations: 4s, 5s, 6s, 7s, 8s, 9s, 10s, 11s, 12s, 13s, 14s, 15s (2013)'],
  ['H3-Max for 4 s', { ...T2V_BODY, model: 'MiniMax-H3-Max', resolution: '768P', duration: 4 }, 'model MiniMax-H3-Max does not support duration 4s, supported durations: 5s, 6s, 7s, 8s, 9s, 10s, 11s, 12s, 13s, 14s, 15s (2013)'],
  ['an unknown ratio', { ...T2V_BODY, ratio: '2:1' }, 'invalid params, ratio must be one of adaptive, 21:9, 16:9, 4:3, 1:1, 3:4, 9:16 (2013)'],
  ['text only without a ratio', { ...T2V_BODY, ratio: undefined }, "invalid params, ratio is required for t2va (text-only) and cannot be 'adaptive'; allowed: 16:9/4:3/1:1/3:4/9:16/21:9 (2013)"],
  ['text only with adaptive', { ...T2V_BODY, ratio: 'adaptive' }, "invalid params, ratio is required for t2va (text-only) and cannot be 'adaptive'; allowed: 16:9/4:3/1:1/3:4/9:16/21:9 (2013)"],
  ['a callback that is not http(s)', { ...T2V_BODY, callback_url: 'ftp://x.example/cb' }, 'invalid params, callback_url must be an http(s) URL (2013)'],
  ['a string aigc_watermark', { ...T2V_BODY, aigc_watermark: 'yes' }, 'invalid params, aigc_watermark must be a boolean (2013)'],
  ['extra on H3', { ...T2V_BODY, extra: { prompt_expansion_mode: 'quality' } }, 'invalid params, extra is only supported by MiniMax-H3-Max (2013)'],
  ['extra not an object', { ...T2V_BODY, model: 'MiniMax-H3-Max', resolution: '480P', extra: 'quality' }, 'invalid params, extra must be an object (2013)'],
  ['another key in extra', { ...T2V_BODY, model: 'MiniMax-H3-Max', resolution: '480P', extra: { seed: 1 } }, 'invalid params, extra.seed is not a supported field (2013)'],
  ['prompt_expansion_mode "balance"', { ...T2V_BODY, model: 'MiniMax-H3-Max', resolution: '480P', extra: { prompt_expansion_mode: 'balance' } }, 'invalid params, extra.prompt_expansion_mode must be one of disabled, balanced, quality (2013)'],
  ['prompt_expansion_mode true', { ...T2V_BODY, model: 'MiniMax-H3-Max', resolution: '480P', extra: { prompt_expansion_mode: true } }, 'invalid params, extra.prompt_expansion_mode must be one of disabled, balanced, quality (2013)'],
  ['no text item', body([image(IMG, 'first_frame')]), 'invalid params, content must include a non-empty text item (prompt is required) (2013)'],
  ['a blank text item', body([text('   '), image(IMG, 'first_frame')]), 'invalid params, content must include a non-empty text item (prompt is required) (2013)'],
  ['two text items', body([text('a'), text('b'), image(IMG)]), 'invalid params, content must include exactly one text item (2013)'],
  ['text over 7000 characters', body([text('é'.repeat(7001)), image(IMG)]), 'invalid params, text must be at most 7000 characters (2013)'],
  ['a text item whose text is not a string', body([{ type: 'text', text: 5 }]), 'invalid params, content[0].text must be a string (2013)'],
  ['an item that is not an object', body([text(), 'x']), 'invalid params, content[1] must be an object (2013)'],
  ['an unknown item type', body([text(), { type: 'file_url', file_url: { url: IMG } }]), 'invalid params, content[1].type must be one of text, image_url, video_url, audio_url (2013)'],
  ['an image_url without its object', body([text(), { type: 'image_url', url: IMG }]), 'invalid params, content[1].image_url must be an object with a url (2013)'],
  ['an image without a url', body([text(), image('')]), 'invalid params, content[1].image_url.url is required (2013)'],
  ['two role-less images', body([text(), image(IMG), image(IMG)]), 'invalid params, content[1].role is required (2013)'],
  ['an image with a video role', body([text(), image(IMG, 'reference_video')]), 'invalid params, content[1].role reference_video is not valid for image_url, allowed: first_frame, last_frame, reference_image (2013)'],
  ['a video with an image role', body([text(), video(VID, 'reference_image')]), 'invalid params, content[1].role reference_image is not valid for video_url, allowed: reference_video (2013)'],
  ['an audio with another role', body([text(), image(IMG, 'reference_image'), audio(AUD, 'voice')]), 'invalid params, content[2].role voice is not valid for audio_url, allowed: reference_audio (2013)'],
  ['base_video outside regeneration', body([text(), video(VID, 'base_video')]), 'invalid params, content[1].role base_video is only accepted by /v2/video_regeneration (2013)'],
  ['two first frames', body([text(), image(IMG, 'first_frame'), image(IMG, 'first_frame')]), 'invalid params, at most 1 first_frame item is allowed (2013)'],
  ['two last frames', body([text(), image(IMG, 'first_frame'), image(IMG, 'last_frame'), image(IMG, 'last_frame')]), 'invalid params, at most 1 last_frame item is allowed (2013)'],
  ['ten reference images', body([text(), ...Array(10).fill(image(IMG, 'reference_image'))]), 'invalid params, at most 9 reference_image items are allowed (2013)'],
  ['four reference videos', body([text(), ...Array(4).fill(video(VID))]), 'invalid params, at most 3 reference_video items are allowed (2013)'],
  ['four reference audios', body([text(), video(VID), ...Array(4).fill(audio(AUD))]), 'invalid params, at most 3 reference_audio items are allowed (2013)'],
  ['13 references', body([text(), ...Array(9).fill(image(IMG, 'reference_image')), ...Array(3).fill(video(VID)), audio(AUD)]), 'invalid params, at most 12 reference files are allowed in total (2013)'],
  ['a first frame with a reference', body([text(), image(IMG, 'first_frame'), image(IMG, 'reference_image')]), 'invalid params, first_frame/last_frame cannot be combined with reference_image, reference_video or reference_audio (2013)'],
  ['a last frame with a reference audio', body([text(), image(IMG, 'first_frame'), image(IMG, 'last_frame'), audio(AUD)]), 'invalid params, first_frame/last_frame cannot be combined with reference_image, reference_video or reference_audio (2013)'],
  ['audio alone', body([text(), audio(AUD)]), 'invalid params, reference_audio cannot be input alone; add a reference_image or reference_video (2013)'],
  ['a last frame alone', body([text(), image(IMG, 'last_frame')]), 'invalid params, last_frame must be paired with first_frame (2013)'],
  ['a url that is neither http(s), mm_file nor data', body([text(), image('ftp://x.example/a.png')]), 'invalid params, content[1] url must be a public http(s) URL, mm_file://<file_id> or a base64 data URI (2013)'],
  ['an mm_file id that is not digits', body([text(), image('mm_file://abc')]), 'invalid params, content[1] url must be a public http(s) URL, mm_file://<file_id> or a base64 data URI (2013)'],
  ['a gif data URI', body([text(), image('data:image/gif;base64,R0lGODlh')]), 'invalid params, content[1] data URI must be data:image/<jpg, jpeg, png, webp, heic or heif>;base64,… (2013)'],
  ['an upper-case image format', body([text(), image(pngDataUrl(512, 512).replace('image/png', 'image/PNG'))]), 'invalid params, content[1] data URI must be data:image/<jpg, jpeg, png, webp, heic or heif>;base64,… (2013)'],
  ['a video data URI in an image item', body([text(), image('data:video/mp4;base64,AAAA')]), 'invalid params, content[1] data URI must be data:image/<jpg, jpeg, png, webp, heic or heif>;base64,… (2013)'],
  ['a webm video', body([text(), video('data:video/webm;base64,AAAA')]), 'invalid params, content[1] data URI must be data:video/<mp4 or mov>;base64,… (2013)'],
  ['an ogg audio', body([text(), video(VID), audio('data:audio/ogg;base64,AAAA')]), 'invalid params, content[2] data URI must be data:audio/<wav or mp3>;base64,… (2013)'],
  ['broken base64', body([text(), image('data:image/png;base64,iVBO*')]), 'invalid params, content[1] data URI is not valid base64 (2013)'],
  ['a png that is a jpeg', body([text(), image(jpegDataUrl(512, 512).replace('image/jpeg', 'image/png'))]), 'invalid params, content[1] image cannot be decoded as png (2013)'],
  ['an image with a 255 px side', body([text(), image(pngDataUrl(255, 400))]), 'invalid params, content[1] image sides must be 256–5760 px (2013)'],
  ['an image with a 5761 px side', body([text(), image(pngDataUrl(5761, 4000))]), 'invalid params, content[1] image sides must be 256–5760 px (2013)'],
  ['an image wider than 2.5:1', body([text(), image(pngDataUrl(2600, 1000))]), 'invalid params, content[1] image aspect ratio (width/height) must be between 0.4 and 2.5 (2013)'],
  ['an image taller than 1:2.5', body([text(), image(webpDataUrl('VP8X', 399, 1000))]), 'invalid params, content[1] image aspect ratio (width/height) must be between 0.4 and 2.5 (2013)'],
  ['a video that is not an MP4', body([text(), video('data:video/mp4;base64,AAAAAAAA')]), 'invalid params, content[1] video cannot be decoded (2013)'],
  ['a reference video 200 px wide', body([text(), video(mp4Url(patchedClip({ width: 200 })))]), 'invalid params, content[1] video sides must be 256–5760 px (2013)'],
  ['a reference video at 12.5 fps', body([text(), video(mp4Url(patchedClip({ timescaleFactor: 0.5 })))]), 'invalid params, content[1] video frame rate must be 23.976–60 fps (2013)'],
  ['a 1 s reference video', body([text(), video(mp4Url(media.v1(912, 512, 1)))]), 'invalid params, each reference_video must last 2–15 s (2013)'],
  ['reference videos over 15 s together', body([text(), video(mp4Url(media.v1(912, 512, 10))), video(mp4Url(media.v1(912, 512, 6)))]), 'invalid params, reference_video items must last at most 15 s in total (2013)'],
  ['a 16 s reference audio', body([text(), video(VID), audio(wav(16))]), 'invalid params, each reference_audio must last 2–15 s (2013)'],
  ['reference audios over 15 s together', body([text(), video(VID), audio(wav(8)), audio(wav(8))]), 'invalid params, reference_audio items must last at most 15 s in total (2013)'],
  ['a wav that is not one', body([text(), video(VID), audio('data:audio/wav;base64,AAAAAAAA')]), 'invalid params, content[2] audio cannot be decoded (2013)'],
];

const ACCEPTED: [string, unknown][] = [
  ['the reference T2V example', T2V_BODY],
  ['I2V with a lone role-less image and no ratio', body([text(), image(IMG)])],
  ['first + last frames', body([text(), image(jpegDataUrl(1280, 720), 'first_frame'), image(IMG, 'last_frame')], { resolution: '2K' })],
  ['R2V with video and audio, adaptive', body([text(), video(VID), audio(AUD)], { ratio: 'adaptive' })],
  ['R2V with 9 images, 3 videos (12 references)', body([text(), ...Array(9).fill(image(IMG, 'reference_image')), ...Array(3).fill(video(VID))])],
  ['H3-Max at 480P with extra', { ...T2V_BODY, model: 'MiniMax-H3-Max', resolution: '480P', ratio: '9:16', extra: { prompt_expansion_mode: 'disabled' } }],
  ['H3-Max with references (R2V)', body([text(), image(IMG, 'reference_image'), audio(AUD)], { model: 'MiniMax-H3-Max' })],
  ['text of exactly 7000 characters', body([text('é'.repeat(7000)), image(IMG)])],
  ['every image format by data URI', body([text(), ...['jpg', 'jpeg', 'png', 'webp', 'heic', 'heif'].map((f) => image(`data:image/${f};base64,${f === 'jpg' || f === 'jpeg' ? jpegDataUrl(512, 512).split(',')[1] : f === 'png' ? pngDataUrl(512, 512).split(',')[1] : f === 'webp' ? webpDataUrl('VP8X', 512, 512).split(',')[1] : 'AAAA'}`, 'reference_image'))])],
  ['mm_file inputs', body([text(), image('mm_file://123456', 'reference_image'), video('mm_file://654321')])],
  ['mov, mpeg and mp3 data URIs', body([text(), video(dataUrl(media.v1(912, 512, 2), 'video/quicktime')), audio(dataUrl(new Uint8Array(8), 'audio/mpeg')), audio(dataUrl(new Uint8Array(8), 'audio/mp3')), audio(wav(2))])],
  ['unknown top-level fields (seed) ignored', { ...T2V_BODY, seed: 42 }],
];

describe('v2 create rules (the simulator’s own reading)', () => {
  it.each(REFUSED)('refuses %s', async (_, request, message) => {
    expect(await outcome(request)).toBe(message);
  });

  it.each(ACCEPTED)('accepts %s', async (_, request) => {
    expect(await outcome(request)).toBe(200);
  });

  it('accepts 4 s and 15 s for H3, 5 s and 15 s for H3-Max', async () => {
    for (const duration of [4, 15]) expect(await outcome({ ...T2V_BODY, duration })).toBe(200);
    for (const duration of [5, 15]) expect(await outcome({ ...T2V_BODY, model: 'MiniMax-H3-Max', resolution: '768P', duration })).toBe(200);
  });
});

describe('media URL limits', () => {
  const sized = (kind: 'image' | 'video' | 'audio', mime: string, bytes: number) => {
    const head = kind === 'image' ? Buffer.from(pngBytes(512, 512, 36)).toString('base64') : '';
    const chars = Math.ceil(bytes / 3) * 4 - head.length;
    return `data:${mime};base64,${head}${'A'.repeat(chars)}`;
  };

  it.each([
    ['image', 'image/png', MAX_BYTES.image, 30],
    ['video', 'video/mp4', MAX_BYTES.video, 50],
    ['audio', 'audio/mp3', MAX_BYTES.audio, 15],
  ] as const)('refuses a %s over its limit, counted from the base64 length', (kind, mime, max, mb) => {
    const limit = max - (max % 3);
    expect(readMediaUrl(sized(kind, mime, limit + 3), kind, 'content[1]')).toBe(`invalid params, content[1] ${kind} exceeds ${mb} MB`);
    const atLimit = readMediaUrl(sized(kind, mime, limit), kind, 'content[1]');
    expect(typeof atLimit === 'string' ? atLimit : 'read').not.toMatch(/exceeds/);
  }, 60_000);

  it('reads a WAV’s seconds from its header', () => {
    expect(wavSeconds(wavBytes(7.5))).toBe(7.5);
    expect(wavSeconds(new Uint8Array(44))).toBeUndefined();
  });
});
