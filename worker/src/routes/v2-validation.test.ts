// Every v2 rule refuses before any money is spent: MiniMax's v2 envelope, our field and rule, nothing upstream.
import { describe, expect, it } from 'vitest';
import { harness, json } from '../testing/harness';

const PNG_1x1 =
  'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==';
const text = (t = 'A boy plays basketball') => ({ type: 'text', text: t });
const image = (role?: string, url = 'https://example.com/a.png') => ({ type: 'image_url', image_url: { url }, ...(role ? { role } : {}) });
const video = (role = 'reference_video', url = 'https://example.com/r.mp4') => ({ type: 'video_url', video_url: { url }, role });
const audio = (url = 'https://example.com/v.mp3') => ({ type: 'audio_url', audio_url: { url }, role: 'reference_audio' });
const t2v = { model: 'MiniMax-H3', content: [text()], resolution: '2K', duration: 5, ratio: '16:9' };
const dataOf = (mime: string, bytes: number) => `data:${mime};base64,${'A'.repeat(Math.ceil(bytes / 3) * 4)}`;

type Case = [string, string, unknown, string, string];
const CREATE_CASES: Case[] = [
  ['a body that is not an object', '/api/v2/video_generation', [t2v], 'body', 'body_not_object'],
  ['no model', '/api/v2/video_generation', { ...t2v, model: undefined }, 'model', 'model_required'],
  ['a v1 model', '/api/v2/video_generation', { ...t2v, model: 'MiniMax-Hailuo-2.3' }, 'model', 'model_unknown'],
  ['no content', '/api/v2/video_generation', { ...t2v, content: [] }, 'content', 'content_required'],
  ['no text item', '/api/v2/video_generation', { ...t2v, content: [image('first_frame')] }, 'content', 'prompt_required'],
  ['a blank text item', '/api/v2/video_generation', { ...t2v, content: [text('   ')] }, 'content', 'prompt_required'],
  ['two text items', '/api/v2/video_generation', { ...t2v, content: [text(), text('more')] }, 'content[1]', 'text_repeated'],
  ['7001 characters', '/api/v2/video_generation', { ...t2v, content: [text('字'.repeat(7001))] }, 'content', 'prompt_too_long'],
  ['an unknown item type', '/api/v2/video_generation', { ...t2v, content: [text(), { type: 'file_url' }] }, 'content[1].type', 'content_item'],
  ['an image with a video role', '/api/v2/video_generation', { ...t2v, content: [text(), image('reference_video'), image('reference_image')] }, 'content[1].role', 'role_invalid'],
  ['base_video outside regeneration', '/api/v2/video_generation', { ...t2v, content: [text(), video('base_video')] }, 'content[1].role', 'role_invalid'],
  ['2K on H3-Max', '/api/v2/video_generation', { ...t2v, model: 'MiniMax-H3-Max' }, 'resolution', 'resolution_not_allowed'],
  ['480P on H3', '/api/v2/video_generation', { ...t2v, resolution: '480P' }, 'resolution', 'resolution_not_allowed'],
  ['no resolution', '/api/v2/video_generation', { ...t2v, resolution: undefined }, 'resolution', 'resolution_required'],
  ['16 s on H3', '/api/v2/video_generation', { ...t2v, duration: 16 }, 'duration', 'duration_not_allowed'],
  ['3 s on H3', '/api/v2/video_generation', { ...t2v, duration: 3 }, 'duration', 'duration_not_allowed'],
  ['4 s on H3-Max', '/api/v2/video_generation', { ...t2v, model: 'MiniMax-H3-Max', resolution: '768P', duration: 4 }, 'duration', 'duration_not_allowed'],
  ['5.5 s', '/api/v2/video_generation', { ...t2v, duration: 5.5 }, 'duration', 'field_type'],
  ['no duration', '/api/v2/video_generation', { ...t2v, duration: undefined }, 'duration', 'duration_required'],
  ['text-only with no ratio', '/api/v2/video_generation', { ...t2v, ratio: undefined }, 'ratio', 'ratio_required'],
  ['text-only with adaptive', '/api/v2/video_generation', { ...t2v, ratio: 'adaptive' }, 'ratio', 'ratio_required'],
  ['an unknown ratio', '/api/v2/video_generation', { ...t2v, ratio: '2:1' }, 'ratio', 'ratio_unknown'],
  ['two first frames', '/api/v2/video_generation', { ...t2v, content: [text(), image('first_frame'), image('first_frame')] }, 'content', 'too_many_media'],
  ['10 reference images', '/api/v2/video_generation', { ...t2v, content: [text(), ...Array(10).fill(image('reference_image'))] }, 'content', 'too_many_media'],
  ['4 reference videos', '/api/v2/video_generation', { ...t2v, content: [text(), ...Array(4).fill(video())] }, 'content', 'too_many_media'],
  ['4 reference audios', '/api/v2/video_generation', { ...t2v, content: [text(), image('reference_image'), ...Array(4).fill(audio())] }, 'content', 'too_many_media'],
  ['13 references', '/api/v2/video_generation', { ...t2v, content: [text(), ...Array(9).fill(image('reference_image')), ...Array(3).fill(video()), audio()] }, 'content', 'too_many_media'],
  ['frames with references', '/api/v2/video_generation', { ...t2v, content: [text(), image('first_frame'), image('reference_image')] }, 'content', 'frames_and_references'],
  ['audio alone', '/api/v2/video_generation', { ...t2v, content: [text(), audio()] }, 'content', 'audio_alone'],
  ['a last frame alone', '/api/v2/video_generation', { ...t2v, content: [text(), image('last_frame')] }, 'content', 'last_frame_alone'],
  ['a URL that is not one', '/api/v2/video_generation', { ...t2v, content: [text(), image('first_frame', 'ftp://x/a.png')] }, 'content[1].image_url.url', 'media_url'],
  ['a gif data URI', '/api/v2/video_generation', { ...t2v, content: [text(), image('first_frame', 'data:image/gif;base64,R0lGODlh')] }, 'content[1].image_url.url', 'media_format'],
  ['an image data URI as a video', '/api/v2/video_generation', { ...t2v, content: [text(), video('reference_video', PNG_1x1)] }, 'content[1].video_url.url', 'media_format'],
  ['an audio over 15 MB', '/api/v2/video_generation', { ...t2v, content: [text(), image('reference_image'), audio(dataOf('audio/mpeg', 15 * 1024 * 1024 + 3))] }, 'content[2].audio_url.url', 'media_too_large'],
  ['an image of 1×1 px', '/api/v2/video_generation', { ...t2v, content: [text(), image('first_frame', PNG_1x1)] }, 'content[1].image_url.url', 'image_pixels'],
  ['extra on H3', '/api/v2/video_generation', { ...t2v, extra: { prompt_expansion_mode: 'disabled' } }, 'extra', 'field_not_for_model'],
  ['extra with "balance"', '/api/v2/video_generation', { ...t2v, model: 'MiniMax-H3-Max', resolution: '768P', extra: { prompt_expansion_mode: 'balance' } }, 'extra', 'extra_invalid'],
  ['extra with another key', '/api/v2/video_generation', { ...t2v, model: 'MiniMax-H3-Max', resolution: '768P', extra: { seed: 1 } }, 'extra', 'extra_invalid'],
  ['a non-boolean watermark', '/api/v2/video_generation', { ...t2v, aigc_watermark: 'yes' }, 'aigc_watermark', 'field_type'],
  ['a callback that is not a URL', '/api/v2/video_generation', { ...t2v, callback_url: 'not a url' }, 'callback_url', 'url_invalid'],
  ['Context-IR with a resolution', '/api/v2/h3_context_ir', { ...t2v }, 'resolution', 'field_not_for_endpoint'],
  ['Context-IR with no duration', '/api/v2/h3_context_ir', { ...t2v, resolution: undefined, duration: undefined }, 'duration', 'duration_required'],
  ['regeneration on H3-Max', '/api/v2/video_regeneration', { model: 'MiniMax-H3-Max', content: [text(), video('base_video')], resolution: '2K' }, 'model', 'mode_unsupported'],
  ['regeneration at 768P', '/api/v2/video_regeneration', { model: 'MiniMax-H3', content: [text(), video('base_video')], resolution: '768P' }, 'resolution', 'resolution_not_allowed'],
  ['regeneration with no base_video', '/api/v2/video_regeneration', { model: 'MiniMax-H3', content: [text()], resolution: '2K' }, 'content', 'base_video_required'],
  ['regeneration with two base_videos', '/api/v2/video_regeneration', { model: 'MiniMax-H3', content: [text(), video('base_video'), video('base_video')], resolution: '2K' }, 'content', 'base_video_required'],
];

describe('v2 bodies MiniMax is known to refuse', () => {
  it.each(CREATE_CASES)('refuses %s before calling MiniMax', async (_name, path, body, field, rule) => {
    const h = harness();
    const res = await h.request(path, json(body));
    expect(res.status).toBe(400);
    const answer = (await res.json()) as { type: string; error: Record<string, string>; request_id: string };
    expect(answer.type).toBe('error');
    expect(answer.error).toMatchObject({ type: 'bad_request_error', http_code: '400', code: 'invalid_request', field, rule });
    expect(answer.error.message).toMatch(/^invalid params, .+ \(2013\)$/);
    expect(answer.error.detail.length).toBeGreaterThan(10);
    expect(answer.request_id).toBe(res.headers.get('x-request-id'));
    expect(h.outbound).toHaveLength(0);
  });

  it('refuses a body over 64 MB with 413 in the v2 envelope, before reading it all', async () => {
    const h = harness();
    const res = await h.request('/api/v2/video_generation', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'Content-Length': String(64 * 1024 * 1024 + 1) },
      body: '{}',
    });
    expect(res.status).toBe(413);
    expect(await res.json()).toMatchObject({ type: 'error', error: { http_code: '413', code: 'payload_too_large' } });
    expect(h.outbound).toHaveLength(0);
  });

  it.each([
    ['/api/v2/query/video_generation/12a4', 'GET'],
    ['/api/v2/query/video_generation/-1', 'GET'],
    ['/api/v2/video_generation/1.5', 'DELETE'],
    ['/api/v2/video_generation/abc/content', 'GET'],
    ['/api/v2/query/video_generation?page_size=0', 'GET'],
    ['/api/v2/query/video_generation?filter.status=done', 'GET'],
    ['/api/v2/query/video_generation?filter.task_ids=1%2C2', 'GET'],
  ])('refuses %s (%s) with 400 before any upstream call', async (path, method) => {
    const h = harness();
    const res = await h.request(path, { method });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ type: 'error', error: { type: 'bad_request_error', http_code: '400' } });
    expect(h.outbound).toHaveLength(0);
  });

  it('refuses an mm_file:// id from a caller who must stay apart (it could name another caller’s file)', async () => {
    const h = harness({ env: { ACCESS_CODES: 'code-a,code-b' } });
    const body = { ...t2v, content: [text(), image('first_frame', 'mm_file://123456')] };
    const res = await h.request('/api/v2/video_generation', json(body, { Authorization: 'Bearer code-a' }), {}, 'https://studio.example.com');
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: { field: 'content[1].image_url.url', rule: 'media_url' } });
    expect(h.outbound).toHaveLength(0);
  });

  it('answers a missing access code on /api/v2 with 401 in the v2 envelope, code 1004', async () => {
    const h = harness({ env: { ACCESS_CODES: 'code-a' } });
    const res = await h.request('/api/v2/video_generation', json(t2v), {}, 'https://studio.example.com');
    expect(res.status).toBe(401);
    const answer = (await res.json()) as { error: { type: string; message: string } };
    expect(answer.error.type).toBe('authorized_error');
    expect(answer.error.message).toMatch(/\(1004\)$/);
    expect(h.outbound).toHaveLength(0);
  });
});
