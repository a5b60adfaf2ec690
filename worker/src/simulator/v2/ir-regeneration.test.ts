import { describe, expect, it } from 'vitest';
import { assemble } from '../media/assemble';
import { mp4Facts } from '../media/facts';
import { DemoMedia } from '../media/library';
import { readDemoUnits } from '../media/node-units';
import { DONE_MS, KEY, makeSimulator, OTHER_KEY, readAll } from '../test-kit';
import { dataUrl } from '../test-images';
import { answer, createV2, queryV2, T2V_BODY, v2ErrorBody, v2Get, v2Post, type Kit } from './kit';

const IR = '/v2/h3_context_ir';
const REGEN = '/v2/video_regeneration';
const units = readDemoUnits();
const media = new DemoMedia(units);
const IR_BODY = { model: 'MiniMax-H3', content: [{ type: 'text', text: 'A girl grows up in a seaside town' }], duration: 8 };

async function refusal(kit: Kit, path: string, body: unknown): Promise<string> {
  const { status, body: out } = await answer(await kit.sim.fetch(v2Post(path, body)));
  expect(out).toEqual(v2ErrorBody(400, 'bad_request_error', out.error?.message));
  expect(status).toBe(400);
  return out.error.message;
}

describe('POST /v2/h3_context_ir', () => {
  it('makes a text task whose result is a longer prompt containing the original, with token usage only', async () => {
    const kit = makeSimulator();
    const id = await createV2(kit, { ...IR_BODY, ratio: '9:16' }, IR);
    expect((await queryV2(kit, id)).body.task).toMatchObject({ status: 'queued', task_type: 'h3_context_ir', modality: 'text', resolution: '', duration: 8, ratio: '9:16', usage: {} });
    kit.advance(DONE_MS);
    const task = (await queryV2(kit, id)).body.task;
    expect(task.status).toBe('succeeded');
    expect(Object.keys(task.content)).toEqual(['prompt']);
    expect(task.content.prompt.startsWith(IR_BODY.content[0].text)).toBe(true);
    expect(task.content.prompt.length).toBeGreaterThan(IR_BODY.content[0].text.length * 3);
    expect(task.content.prompt).toContain('8 s');
    expect(Object.keys(task.usage)).toEqual(['total_tokens', 'prompt_tokens', 'completion_tokens']);
    expect(task.usage.total_tokens).toBe(task.usage.prompt_tokens + task.usage.completion_tokens);
    const again = await createV2(kit, { ...IR_BODY, ratio: '9:16' }, IR);
    kit.advance(DONE_MS);
    expect((await queryV2(kit, again)).body.task.content.prompt).toBe(task.content.prompt);
  });

  it('takes a text-only body without a ratio and reports ratio ""', async () => {
    const kit = makeSimulator();
    const id = await createV2(kit, IR_BODY, IR);
    expect((await queryV2(kit, id)).body.task.ratio).toBe('');
  });

  it('refuses a resolution, a missing duration and content that breaks the content rules', async () => {
    const kit = makeSimulator();
    expect(await refusal(kit, IR, { ...IR_BODY, resolution: '2K' })).toBe('invalid params, resolution is not a field of h3_context_ir (2013)');
    expect(await refusal(kit, IR, { ...IR_BODY, duration: undefined })).toBe('invalid params, duration is required (2013)');
    expect(await refusal(kit, IR, { ...IR_BODY, duration: 16 })).toMatch(/^model MiniMax-H3 does not support duration 16s/);
    expect(await refusal(kit, IR, { ...IR_BODY, content: [] })).toBe('invalid params, content must include a non-empty text item (prompt is required) (2013)');
    expect(await refusal(kit, IR, { ...IR_BODY, content: [...IR_BODY.content, { type: 'audio_url', audio_url: { url: 'https://x.example/a.mp3' }, role: 'reference_audio' }] })).toBe(
      'invalid params, reference_audio cannot be input alone; add a reference_image or reference_video (2013)',
    );
  });
});

/** A finished H3 generation of this key; returns its id and content.url. */
async function output(kit: Kit, body: Record<string, unknown>, key = KEY): Promise<{ id: string; url: string; fileId: string }> {
  const id = await createV2(kit, body, '/v2/video_generation', key);
  kit.advance(DONE_MS);
  const url = (await queryV2(kit, id, key)).body.task.content.url;
  return { id, url, fileId: /inference_output\/(\d+)\//.exec(url)![1] };
}

const H3_768 = { ...T2V_BODY, resolution: '768P', ratio: '9:16', duration: 10 };
const regen = (base: string, extra: Record<string, unknown> = {}) => ({
  model: 'MiniMax-H3',
  resolution: '2K',
  content: [{ type: 'text', text: 'A boy plays basketball' }, { type: 'video_url', video_url: { url: base }, role: 'base_video' }],
  ...extra,
});

describe('POST /v2/video_regeneration', () => {
  it('regenerates this key’s 768P H3 output at 2K: same ratio and length, task_type regeneration, ratio ""', async () => {
    const kit = makeSimulator({ video: undefined, media });
    const base = await output(kit, H3_768);
    for (const url of [`mm_file://${base.fileId}`, base.url]) {
      const id = await createV2(kit, regen(url), REGEN);
      kit.advance(DONE_MS);
      const task = (await queryV2(kit, id)).body.task;
      expect(task).toMatchObject({ status: 'succeeded', model: 'MiniMax-H3', task_type: 'regeneration', modality: 'video', ratio: '', resolution: '2K', duration: 10 });
      const bytes = (await readAll(await kit.sim.fetch(new Request(task.content.url)))).bytes;
      expect(mp4Facts(bytes)!.video).toMatchObject({ width: 1440, height: 2560, frames: 243, fps: 24 });
    }
  });

  it.each([
    ['another key’s output', async (kit: Kit) => `mm_file://${(await output(kit, H3_768, OTHER_KEY)).fileId}`],
    ['a 2K output', async (kit: Kit) => `mm_file://${(await output(kit, T2V_BODY)).fileId}`],
    ['an H3-Max 768P output', async (kit: Kit) => (await output(kit, { ...H3_768, model: 'MiniMax-H3-Max' })).url],
    ['an unknown file', async () => 'mm_file://400000000000001'],
    ['a task still running (its link read from the future)', async (kit: Kit) => {
      const { url } = await output(kit, H3_768);
      kit.advance(-1);
      return url;
    }],
    ['a deleted output', async (kit: Kit) => {
      const base = await output(kit, H3_768);
      await kit.sim.fetch(v2Get(`/v2/video_generation/${base.id}`, KEY, 'DELETE'));
      return base.url;
    }],
  ])('refuses %s as base_video', async (_, base) => {
    const kit = makeSimulator();
    const url = await base(kit);
    expect(await refusal(kit, REGEN, regen(url))).toBe('invalid params, base_video must be a succeeded 768P MiniMax-H3 output of this account (2013)');
  });

  it.each([
    ['no audio', () => media.v1(1920, 1080, 6), 'invalid params, base_video must carry audio (2013)'],
    ['25 fps', () => assemble(units['v1-1280x720'], units.audio, 5), 'invalid params, base_video must be 24 fps (2013)'],
    ['sides not multiples of 32', () => media.h3(848, 480, 107), 'invalid params, base_video width and height must be multiples of 32 (2013)'],
    ['an area over 768×1344 (2K)', () => media.h3(2560, 1440, 107), 'invalid params, base_video area must be at most 768×1344 (2013)'],
    ['90 frames', () => media.h3(768, 768, 90), 'invalid params, base_video must have 107–362 frames in steps of 17 (2013)'],
  ])('reads a data-URI base_video and refuses %s', async (_, bytes, message) => {
    expect(await refusal(makeSimulator(), REGEN, regen(dataUrl(bytes(), 'video/mp4')))).toBe(message);
  });

  it('accepts a readable data-URI base_video that meets every rule, and an unreadable URL as 5 s 16:9', async () => {
    const kit = makeSimulator();
    const fromData = await createV2(kit, regen(dataUrl(media.h3(768, 1344, 107), 'video/mp4')), REGEN);
    const fromUrl = await createV2(kit, regen('https://x.example/base.mp4'), REGEN);
    expect((await queryV2(kit, fromData)).body.task).toMatchObject({ duration: 4, ratio: '', resolution: '2K' });
    expect((await queryV2(kit, fromUrl)).body.task).toMatchObject({ duration: 5 });
  });

  it('refuses another model, a resolution other than 2K, and zero or two base videos', async () => {
    const kit = makeSimulator();
    const base = 'https://x.example/base.mp4';
    expect(await refusal(kit, REGEN, regen(base, { model: 'MiniMax-H3-Max' }))).toBe(
      'invalid params, model MiniMax-H3-Max does not support video regeneration, supported models: MiniMax-H3 (2013)',
    );
    expect(await refusal(kit, REGEN, regen(base, { resolution: undefined }))).toBe('invalid params, resolution is required (2013)');
    expect(await refusal(kit, REGEN, regen(base, { resolution: '768P' }))).toBe('invalid params, resolution must be 2K for video regeneration (2013)');
    const one = regen(base);
    const none = { ...one, content: one.content.slice(0, 1) };
    const two = { ...one, content: [...one.content, one.content[1]] };
    for (const body of [none, two]) {
      expect(await refusal(kit, REGEN, body)).toBe('invalid params, content must include exactly one video_url item with role base_video (2013)');
    }
  });
});
