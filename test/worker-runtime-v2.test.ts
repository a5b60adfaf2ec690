// The real worker in workerd (as `npm start` runs it, with its Durable Object) making MiniMax-H3 videos against the
// simulator over HTTP: what the caller got, what MiniMax (the simulator) saw, and the bytes with their sound.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mp4Facts } from '../worker/src/simulator/media/facts';
import { pngDataUrl } from '../worker/src/simulator/test-images';
import { startSimulatorServer, type SimulatorServer } from './support/simulator-server';
import { liveVarsFor, SIM_KEY, startStudio, type StudioServer } from './support/studio';

type Task = { id: string; status: string; resolution: string; ratio: string; content?: { url: string } };

/** A WAV of silence, `seconds` long (8 kHz, 8-bit mono). */
function wavDataUrl(seconds: number): string {
  const samples = Math.round(8000 * seconds);
  const bytes = new Uint8Array(44 + samples).fill(128);
  const v = new DataView(bytes.buffer);
  const ascii = (at: number, s: string) => [...s].forEach((c, i) => (bytes[at + i] = c.charCodeAt(0)));
  ascii(0, 'RIFF');
  v.setUint32(4, 36 + samples, true);
  ascii(8, 'WAVEfmt ');
  v.setUint32(16, 16, true);
  v.setUint16(20, 1, true);
  v.setUint16(22, 1, true);
  v.setUint32(24, 8000, true);
  v.setUint32(28, 8000, true);
  v.setUint16(32, 1, true);
  v.setUint16(34, 8, true);
  ascii(36, 'data');
  v.setUint32(40, samples, true);
  return `data:audio/wav;base64,${Buffer.from(bytes).toString('base64')}`;
}

describe('MiniMax-H3 through the worker in workerd, live against the simulator over HTTP', () => {
  let sim: SimulatorServer;
  let studio: StudioServer;
  const api = () => `${studio.url}/api`;

  async function create(body: unknown, headers: Record<string, string> = {}): Promise<Response> {
    return fetch(`${api()}/v2/video_generation`, { method: 'POST', headers: { 'Content-Type': 'application/json', ...headers }, body: JSON.stringify(body) });
  }

  async function finished(id: string): Promise<Task> {
    await sim.advanceClock(60_000);
    const res = await fetch(`${api()}/v2/query/video_generation/${id}`);
    expect(res.status).toBe(200);
    return ((await res.json()) as { task: Task }).task;
  }

  /** The bytes the simulator serves for a task, fetched from it directly with the key. */
  async function servedBySimulator(id: string): Promise<Uint8Array> {
    const answer = (await (await fetch(`${sim.url}/v2/query/video_generation/${id}`, { headers: { Authorization: `Bearer ${SIM_KEY}` } })).json()) as { task: Task };
    return new Uint8Array(await (await fetch(answer.task.content!.url)).arrayBuffer());
  }

  beforeAll(async () => {
    sim = await startSimulatorServer({ keys: [SIM_KEY], stagesMs: { preparing: 500, queueing: 500, processing: 1000 }, media: 'demo' });
    studio = await startStudio(liveVarsFor(sim.url));
  });
  afterAll(async () => {
    await studio?.stop();
    await sim?.stop();
  });

  it('makes an H3 text-to-video 16:9 at 2K: the same bytes as served, with the stereo sound track intact', async () => {
    await sim.clearSeen();
    const res = await create({ model: 'MiniMax-H3', content: [{ type: 'text', text: 'A lighthouse at dawn, waves below' }], resolution: '2K', duration: 5, ratio: '16:9' });
    expect(res.status).toBe(200);
    const { task_id: id } = (await res.json()) as { task_id: string };
    const task = await finished(id);
    expect(task).toMatchObject({ status: 'succeeded', resolution: '2K', ratio: '16:9' });
    const link = new URL(task.content!.url);
    expect(link.pathname).toBe(`/api/v2/video_generation/${id}/content`);
    const video = await fetch(link);
    expect(video.status).toBe(200);
    expect(video.headers.get('content-type')).toBe('video/mp4');
    const bytes = new Uint8Array(await video.arrayBuffer());
    expect(video.headers.get('content-length')).toBe(String(bytes.length));
    expect(bytes).toEqual(await servedBySimulator(id));
    const facts = mp4Facts(bytes)!;
    expect(facts.video).toMatchObject({ width: 2560, height: 1440, fps: 24 });
    expect(facts.audio).toMatchObject({ channels: 2, sampleRate: 32000 });
    expect(facts.seconds).toBeGreaterThanOrEqual(5);
    const part = await fetch(link, { headers: { Range: 'bytes=0-99' } });
    expect(part.status).toBe(206);
    expect(new Uint8Array(await part.arrayBuffer())).toEqual(bytes.slice(0, 100));

    const seen = await sim.seen();
    const createCall = seen.find((s) => s.path === '/v2/video_generation')!;
    expect(createCall.headers.authorization).toBe(`Bearer ${SIM_KEY}`);
    const cdn = seen.filter((s) => s.path.startsWith('/cdn/'));
    expect(cdn.length).toBeGreaterThan(0);
    for (const call of cdn) expect(JSON.stringify(call.headers)).not.toContain(SIM_KEY);
  });

  it('makes a first + last frame video at 768P', async () => {
    const res = await create({
      model: 'MiniMax-H3',
      content: [
        { type: 'text', text: 'The lamp turns on' },
        { type: 'image_url', image_url: { url: pngDataUrl(1280, 720) }, role: 'first_frame' },
        { type: 'image_url', image_url: { url: pngDataUrl(1280, 720) }, role: 'last_frame' },
      ],
      resolution: '768P',
      duration: 6,
    });
    expect(res.status).toBe(200);
    const task = await finished(((await res.json()) as { task_id: string }).task_id);
    expect(task).toMatchObject({ status: 'succeeded', resolution: '768P' });
  });

  it('makes a reference video from an image and an audio clip, and refuses audio alone before MiniMax sees it', async () => {
    await sim.clearSeen();
    const refs = [
      { type: 'image_url', image_url: { url: pngDataUrl(800, 800) }, role: 'reference_image' },
      { type: 'audio_url', audio_url: { url: wavDataUrl(3) }, role: 'reference_audio' },
    ];
    const ok = await create({ model: 'MiniMax-H3', content: [{ type: 'text', text: 'She sings; voice = <Audio 1>' }, ...refs], resolution: '768P', duration: 5 });
    expect(ok.status).toBe(200);
    expect((await finished(((await ok.json()) as { task_id: string }).task_id)).status).toBe('succeeded');
    const alone = await create({ model: 'MiniMax-H3', content: [{ type: 'text', text: 'Voice only' }, refs[1]], resolution: '768P', duration: 5 });
    expect(alone.status).toBe(400);
    expect(await alone.json()).toMatchObject({ type: 'error', error: { type: 'bad_request_error', rule: 'audio_alone', field: 'content' } });
    expect((await sim.seen()).filter((s) => s.path === '/v2/video_generation')).toHaveLength(1);
  });

  it('cancels a queued task, free, and relays MiniMax’s refusal to cancel it twice', async () => {
    const res = await create({ model: 'MiniMax-H3', content: [{ type: 'text', text: 'A slow one sim:slow' }], resolution: '768P', duration: 4, ratio: '1:1' });
    const { task_id: id } = (await res.json()) as { task_id: string };
    const cancel = await fetch(`${api()}/v2/video_generation/${id}`, { method: 'DELETE' });
    expect(cancel.status).toBe(200);
    expect(await cancel.json()).toEqual({ task_id: id, action: 'cancelled', status: 'cancelled' });
    const again = await fetch(`${api()}/v2/video_generation/${id}`, { method: 'DELETE' });
    expect(again.status).toBe(400);
    expect(((await again.json()) as { error: { message: string } }).error.message).toContain('cancelled');
  });

  it('answers a task past MiniMax’s 7-day window as MiniMax does: 400 invalid task_id', async () => {
    const res = await create({ model: 'MiniMax-H3', content: [{ type: 'text', text: 'An old one' }], resolution: '768P', duration: 4, ratio: '9:16' });
    const { task_id: id } = (await res.json()) as { task_id: string };
    await sim.advanceClock(8 * 24 * 3600 * 1000);
    const old = await fetch(`${api()}/v2/query/video_generation/${id}`);
    expect(old.status).toBe(400);
    expect(await old.json()).toMatchObject({ type: 'error', error: { message: 'invalid params, invalid task_id (2013)', http_code: '400' } });
  });

  it('keeps an Idempotency-Key in the Durable Object: the resend gets the same task, MiniMax one create', async () => {
    await sim.clearSeen();
    const body = { model: 'MiniMax-H3', content: [{ type: 'text', text: 'Once only' }], resolution: '768P', duration: 4, ratio: '4:3' };
    const key = crypto.randomUUID();
    const [a, b] = await Promise.all([create(body, { 'Idempotency-Key': key }), create(body, { 'Idempotency-Key': key })]);
    const c = await create(body, { 'Idempotency-Key': key });
    const ids = await Promise.all([a, b, c].map(async (r) => ((await r.json()) as { task_id: string }).task_id));
    expect(new Set(ids).size).toBe(1);
    expect(c.headers.get('idempotent-replayed')).toBe('true');
    const mismatch = await create({ ...body, duration: 5 }, { 'Idempotency-Key': key });
    expect(mismatch.status).toBe(422);
    expect((await sim.seen()).filter((s) => s.path === '/v2/video_generation')).toHaveLength(1);
  });
});
