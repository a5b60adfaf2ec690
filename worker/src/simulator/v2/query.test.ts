import { describe, expect, it } from 'vitest';
import { DemoMedia } from '../media/library';
import { mp4Facts } from '../media/facts';
import { readDemoUnits } from '../media/node-units';
import { DONE_MS, makeSimulator, OTHER_KEY, readAll, SAMPLE_MP4, STAGES } from '../test-kit';
import { jpegDataUrl } from '../test-images';
import { createV2, queryV2, T2V_BODY, v2ErrorBody, withText } from './kit';

const QUEUED_MS = STAGES.preparing + STAGES.queueing;
const DAY = 24 * 3600 * 1000;

describe('GET /v2/query/video_generation/{task_id}', () => {
  it('walks queued → running → succeeded with the clock, updated_at following each change', async () => {
    const kit = makeSimulator();
    const start = kit.clock.ms;
    const id = await createV2(kit);
    const at = async (ms: number) => {
      kit.clock.ms = start + ms;
      return (await queryV2(kit, id)).body.task;
    };
    const created = Math.floor(start / 1000);
    expect(await at(0)).toEqual({
      id,
      model: 'MiniMax-H3',
      status: 'queued',
      created_at: created,
      updated_at: created,
      resolution: '2K',
      duration: 5,
      usage: {},
      ratio: '16:9',
      task_type: 'generation',
      modality: 'video',
    });
    expect((await at(QUEUED_MS - 1)).status).toBe('queued');
    expect(await at(QUEUED_MS)).toMatchObject({ status: 'running', updated_at: Math.floor((start + QUEUED_MS) / 1000), usage: {} });
    expect((await at(DONE_MS - 1)).status).toBe('running');
    const done = await at(DONE_MS);
    expect(Object.keys(done)).toEqual(['id', 'model', 'status', 'created_at', 'updated_at', 'content', 'resolution', 'duration', 'usage', 'ratio', 'task_type', 'modality']);
    expect(done).toMatchObject({ status: 'succeeded', updated_at: Math.floor((start + DONE_MS) / 1000) });
  });

  it('gives a signed, expiring CDN link on success that serves the file with Range', async () => {
    const kit = makeSimulator({ linkTtlSeconds: 600 });
    const id = await createV2(kit);
    kit.advance(DONE_MS);
    const url = new URL((await queryV2(kit, id)).body.task.content.url);
    expect(url.origin).toBe('https://cdn.sim.invalid');
    expect(url.pathname).toMatch(/^\/cdn\/inference_output\/\d{15}\/output\.mp4$/);
    expect(Number(url.searchParams.get('Expires'))).toBe(Math.floor(kit.clock.ms / 1000) + 600);
    expect(url.searchParams.get('OSSAccessKeyId')).toBe('sim');
    const whole = await kit.sim.fetch(new Request(url));
    expect(whole.status).toBe(200);
    expect(whole.headers.get('content-length')).toBe(String(SAMPLE_MP4.length));
    expect((await readAll(whole)).bytes).toEqual(SAMPLE_MP4);
    const part = await kit.sim.fetch(new Request(url, { headers: { range: 'bytes=10-19' } }));
    expect(part.status).toBe(206);
    expect((await readAll(part)).bytes).toEqual(SAMPLE_MP4.slice(10, 20));
    const forged = new URL(url);
    forged.searchParams.set('Expires', String(Number(url.searchParams.get('Expires')) + 1));
    expect((await kit.sim.fetch(new Request(forged))).status).toBe(403);
    kit.advance(601_000);
    expect((await kit.sim.fetch(new Request(url))).status).toBe(403);
  });

  it('reports usage on success: seconds, images, audio seconds and tokens', async () => {
    const kit = makeSimulator();
    const t2v = await createV2(kit);
    const r2v = await createV2(kit, {
      model: 'MiniMax-H3',
      resolution: '768P',
      duration: 6,
      content: [
        { type: 'text', text: 'She speaks' },
        { type: 'image_url', image_url: { url: 'https://x.example/a.png' }, role: 'reference_image' },
        { type: 'image_url', image_url: { url: 'https://x.example/b.png' }, role: 'reference_image' },
        { type: 'video_url', video_url: { url: 'https://x.example/r.mp4' }, role: 'reference_video' },
        { type: 'audio_url', audio_url: { url: 'https://x.example/v.mp3' }, role: 'reference_audio' },
      ],
    });
    kit.advance(DONE_MS);
    const plain = (await queryV2(kit, t2v)).body.task.usage;
    expect(Object.keys(plain)).toEqual(['total_seconds', 'input_seconds', 'output_seconds', 'input_image_count', 'total_tokens', 'prompt_tokens', 'completion_tokens']);
    expect(plain).toMatchObject({ total_seconds: 5, input_seconds: 0, output_seconds: 5, input_image_count: 0 });
    expect(plain.total_tokens).toBe(plain.prompt_tokens + plain.completion_tokens);
    const rich = (await queryV2(kit, r2v)).body.task.usage;
    // URLs cannot be read: a reference video or audio counts as 5 s
    expect(rich).toMatchObject({ total_seconds: 11, input_seconds: 5, output_seconds: 6, input_image_count: 2, input_audio_seconds: 5 });
  });

  it('reports the ratio used: the asked one for T2V, the image’s for I2V', async () => {
    const kit = makeSimulator();
    const portrait = await createV2(kit, {
      ...T2V_BODY,
      ratio: '16:9',
      content: [{ type: 'text', text: 'a tower' }, { type: 'image_url', image_url: { url: jpegDataUrl(720, 1280) } }],
    });
    const unread = await createV2(kit, { ...T2V_BODY, ratio: undefined, content: [{ type: 'text', text: 'a tower' }, { type: 'image_url', image_url: { url: 'https://x.example/a.png' } }] });
    const square = await createV2(kit, { ...T2V_BODY, ratio: '1:1' });
    expect((await queryV2(kit, portrait)).body.task.ratio).toBe('9:16');
    expect((await queryV2(kit, unread)).body.task.ratio).toBe('16:9');
    expect((await queryV2(kit, square)).body.task.ratio).toBe('1:1');
  });

  it('ends in failed with error {code: string, message} for sim:fail=CODE, usage {}', async () => {
    const kit = makeSimulator();
    const id = await createV2(kit, withText('a storm sim:fail=1027'));
    kit.advance(DONE_MS);
    const task = (await queryV2(kit, id)).body.task;
    expect(task).toMatchObject({ status: 'failed', error: { code: '1027', message: 'generated video contains sensitive content' }, usage: {} });
    expect(task.content).toBeUndefined();
    expect(Object.keys(task).slice(0, 4)).toEqual(['id', 'model', 'status', 'error']);
  });

  it('runs ten times longer with sim:slow', async () => {
    const kit = makeSimulator();
    const id = await createV2(kit, withText('sim:slow a snail'));
    kit.advance(DONE_MS);
    expect((await queryV2(kit, id)).body.task.status).toBe('running');
    kit.advance(STAGES.processing * 9);
    expect((await queryV2(kit, id)).body.task.status).toBe('succeeded');
  });

  it('serves sim:bytes=N pseudo-random bytes instead of the video', async () => {
    const kit = makeSimulator();
    const id = await createV2(kit, withText('sim:bytes=1000 noise'));
    kit.advance(DONE_MS);
    const response = await kit.sim.fetch(new Request((await queryV2(kit, id)).body.task.content.url));
    expect(response.headers.get('content-length')).toBe('1000');
  });

  it.each([
    ['an unknown id', () => '400000000000001'],
    ['an id that is not digits', () => 'abc'],
    ['an id with a path in it', () => '1%2F2'],
  ])('answers 400 invalid task_id (2013) to %s', async (_, id) => {
    const kit = makeSimulator();
    expect(await queryV2(kit, id())).toEqual({ status: 400, body: v2ErrorBody(400, 'bad_request_error', 'invalid params, invalid task_id (2013)') });
  });

  it('answers invalid task_id for another key’s task', async () => {
    const kit = makeSimulator();
    const id = await createV2(kit);
    expect((await queryV2(kit, id, OTHER_KEY)).body.error.message).toBe('invalid params, invalid task_id (2013)');
  });

  it('keeps a task for 7 days, then answers invalid task_id', async () => {
    const kit = makeSimulator();
    const id = await createV2(kit);
    kit.advance(7 * DAY - 1);
    expect((await queryV2(kit, id)).body.task.status).toBe('succeeded');
    kit.advance(1);
    expect(await queryV2(kit, id)).toEqual({ status: 400, body: v2ErrorBody(400, 'bad_request_error', 'invalid params, invalid task_id (2013)') });
  });

  it('answers 401 without a key', async () => {
    const kit = makeSimulator();
    const id = await createV2(kit);
    expect((await queryV2(kit, id, null as unknown as string)).status).toBe(401);
  });
});

describe('v2 demo videos (media instead of one file)', () => {
  const media = new DemoMedia(readDemoUnits());

  it.each([
    ['H3 2K 16:9 5 s', { ...T2V_BODY }, { width: 2560, height: 1440, frames: 124 }],
    ['H3 768P 9:16 15 s', { ...T2V_BODY, resolution: '768P', ratio: '9:16', duration: 15 }, { width: 768, height: 1344, frames: 362 }],
    ['H3-Max 480P 21:9 6 s', { ...T2V_BODY, model: 'MiniMax-H3-Max', resolution: '480P', ratio: '21:9', duration: 6 }, { width: 1120, height: 480, frames: 158 }],
  ])('serves %s at its frame size and length, with stereo audio', async (_, body, expected) => {
    const kit = makeSimulator({ video: undefined, media });
    const id = await createV2(kit, body);
    kit.advance(DONE_MS);
    const response = await kit.sim.fetch(new Request((await queryV2(kit, id)).body.task.content.url));
    const bytes = (await readAll(response)).bytes;
    expect(response.headers.get('content-length')).toBe(String(bytes.length));
    const facts = mp4Facts(bytes)!;
    expect(facts.video).toMatchObject({ ...expected, fps: 24 });
    expect(facts.audio).toMatchObject({ channels: 2, sampleRate: 32000 });
    expect(facts.video!.seconds).toBeGreaterThanOrEqual(body.duration);
    expect(facts.video!.seconds - body.duration).toBeLessThan(17 / 24);
  });
});
