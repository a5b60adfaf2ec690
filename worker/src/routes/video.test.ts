import { describe, expect, it } from 'vitest';
import { harness, json, SERVER_KEY, v1Refusal } from '../testing/harness';

const valid = { model: 'MiniMax-Hailuo-2.3', prompt: '[Push in] A cat on a windowsill at dusk', duration: 6, resolution: '1080P' };

describe('POST /api/v1/video_generation', () => {
  it('forwards a valid body with the server key and answers the task id as a string', async () => {
    const h = harness();
    const res = await h.request('/api/v1/video_generation', json(valid));
    expect(res.status).toBe(200);
    const body = (await res.json()) as { task_id: string; base_resp: { status_code: number } };
    expect(body.task_id).toMatch(/^\d{15,16}$/);
    expect(body.base_resp.status_code).toBe(0);
    expect(h.outbound).toHaveLength(1);
    const [call] = h.outbound;
    expect(call.url.toString()).toBe('https://api.minimax.io/v1/video_generation');
    expect(call.headers.get('authorization')).toBe(`Bearer ${SERVER_KEY}`);
    expect(call.headers.get('content-type')).toBe('application/json');
    expect(JSON.parse(call.body!)).toEqual(valid);
    expect(call.url.searchParams.has('GroupId')).toBe(false);
  });

  it('rejects 1080P with 10 s before calling MiniMax, as MiniMax would (HTTP 200, 2013) naming the field and rule', async () => {
    const h = harness();
    const res = await h.request('/api/v1/video_generation', json({ ...valid, duration: 10 }));
    const refusal = await v1Refusal(res);
    expect([refusal.http, refusal.code]).toEqual([200, 2013]);
    expect(refusal.msg).toBe(`invalid params, ${refusal.error.message}`);
    expect(refusal.error).toMatchObject({ code: 'invalid_request', field: 'duration', rule: 'duration_not_allowed' });
    expect(refusal.error.message).toContain('1080P');
    expect(h.outbound).toHaveLength(0);
  });

  it.each([
    ['2.3-Fast without a first frame', { model: 'MiniMax-Hailuo-2.3-Fast', prompt: 'x' }, 'first_frame_image'],
    ['a prompt of 2001 characters', { model: 'MiniMax-Hailuo-2.3', prompt: 'a'.repeat(2001) }, 'prompt'],
    ['a last frame on 2.3', { model: 'MiniMax-Hailuo-2.3', prompt: 'x', first_frame_image: 'https://e.com/a.png', last_frame_image: 'https://e.com/b.png' }, 'last_frame_image'],
    ['a known model at a resolution it does not make', { model: 'MiniMax-Hailuo-2.3', prompt: 'x', resolution: '512p' }, 'resolution'],
    ['a known model for a duration it does not make', { model: 'MiniMax-Hailuo-2.3', prompt: 'x', duration: '8' }, 'duration'],
    ['an unknown model without a prompt', { model: 'video-01' }, 'prompt'],
    ['S2V-01 with a first frame', { model: 'S2V-01', prompt: 'x', first_frame_image: 'https://e.com/a.png' }, 'first_frame_image'],
  ])('never sends %s upstream', async (_name, body, field) => {
    const h = harness();
    const res = await h.request('/api/v1/video_generation', json(body));
    const refusal = await v1Refusal(res);
    expect(refusal.code).toBe(2013);
    expect(refusal.error.field).toBe(field);
    expect(h.outbound).toHaveLength(0);
  });

  it('is as tolerant as MiniMax: unknown fields dropped (and named), null absent, "6" a number, 1080p is 1080P', async () => {
    const h = harness();
    const sent = { ...valid, resolution: '1080p', duration: '6', aspect_ratio: '16:9', 'seed\n': 1, callback_url: null };
    const res = await h.request('/api/v1/video_generation?GroupId=1234567', json(sent));
    expect(((await res.json()) as { base_resp: { status_code: number } }).base_resp.status_code).toBe(0);
    expect(res.headers.get('x-dropped-fields')).toBe('aspect_ratio, seed%0A');
    expect(JSON.parse(h.outbound[0].body!)).toEqual(valid);
    // MiniMax's legacy GroupId query parameter is accepted and never forwarded
    expect(h.outbound[0].url.search).toBe('');
  });

  it('forwards a model id the contract does not know for MiniMax to judge, and relays its answer', async () => {
    const h = harness();
    const res = await h.request('/api/v1/video_generation', json({ model: 'video-01', prompt: 'x', duration: 6 }));
    expect(JSON.parse(h.outbound[0].body!)).toEqual({ model: 'video-01', prompt: 'x', duration: 6 });
    const refusal = await v1Refusal(res);
    // the simulator, as strict as MiniMax, refuses it: the reason is MiniMax's own
    expect([refusal.http, refusal.code, refusal.error.code]).toEqual([200, 2013, 'invalid_params']);
  });

  it('drops the fixed 720P / 6 s of an 01-series model before forwarding', async () => {
    const h = harness();
    const res = await h.request('/api/v1/video_generation', json({ model: 'T2V-01', prompt: 'x', resolution: '720P', duration: 6 }));
    expect(res.status).toBe(200);
    expect(JSON.parse(h.outbound[0].body!)).toEqual({ model: 'T2V-01', prompt: 'x' });
  });

  it('reads JSON sent by a script as text/plain or with no type; refuses a form body and broken JSON with 2013', async () => {
    const h = harness();
    for (const type of ['text/plain', undefined]) {
      const res = await h.request('/api/v1/video_generation', { method: 'POST', headers: type ? { 'Content-Type': type } : {}, body: JSON.stringify(valid) });
      expect(((await res.json()) as { task_id?: string }).task_id, type).toMatch(/^\d+$/);
    }
    expect(h.outbound).toHaveLength(2);
    const form = await h.request('/api/v1/video_generation', { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: '{}' });
    expect((await v1Refusal(form)).error.code).toBe('unsupported_media_type');
    const broken = await h.request('/api/v1/video_generation', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{"model":' });
    expect((await v1Refusal(broken)).code).toBe(2013);
    expect(h.outbound).toHaveLength(2);
  });

  it('answers 502 when MiniMax says success but sends no task id', async () => {
    const h = harness({ fetch: async () => Response.json({ base_resp: { status_code: 0, status_msg: 'success' } }) });
    const res = await h.request('/api/v1/video_generation', json(valid));
    expect(res.status).toBe(502);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('upstream_unreadable');
  });
});

describe('GET /api/v1/query/video_generation', () => {
  it('follows Preparing → Queueing → Processing → Success with file_id as a string', async () => {
    const h = harness();
    const created = (await (await h.request('/api/v1/video_generation', json(valid))).json()) as { task_id: string };
    const statuses: string[] = [];
    let last: Record<string, unknown> = {};
    for (let i = 0; i < 6; i++) {
      const res = await h.request(`/api/v1/query/video_generation?task_id=${created.task_id}`);
      expect(res.status).toBe(200);
      last = (await res.json()) as Record<string, unknown>;
      statuses.push(String(last.status));
      h.clock.now += 1000;
    }
    expect([...new Set(statuses)]).toEqual(['Preparing', 'Queueing', 'Processing', 'Success']);
    expect(typeof last.file_id).toBe('string');
    expect(last).toMatchObject({ video_width: 1920, video_height: 1080 });
    const query = h.outbound.at(-1)!;
    expect(query.url.pathname).toBe('/v1/query/video_generation');
    expect(query.url.searchParams.get('task_id')).toBe(created.task_id);
    expect(query.headers.get('authorization')).toBe(`Bearer ${SERVER_KEY}`);
  });

  it('passes a failed task through as status Fail with its reason, not as an error', async () => {
    const h = harness();
    const created = (await (await h.request('/api/v1/video_generation', json({ ...valid, prompt: 'x sim:fail=1027' }))).json()) as { task_id: string };
    h.clock.now += 10_000;
    const res = await h.request(`/api/v1/query/video_generation?task_id=${created.task_id}`);
    expect(res.status).toBe(200);
    const body = (await res.json()) as { status: string; base_resp: { status_code: number } };
    expect(body.status).toBe('Fail');
    expect(body.base_resp.status_code).toBe(1027);
  });

  it.each(['', 'abc', '1/../2', '12?x=1', '12#3', '12%2F3', '-5', '1 2'])('rejects task_id %j before calling MiniMax', async (id) => {
    const h = harness();
    const res = await h.request(`/api/v1/query/video_generation?task_id=${encodeURIComponent(id)}`);
    const refusal = await v1Refusal(res);
    expect([refusal.http, refusal.code, refusal.error.field]).toEqual([200, 2013, 'task_id']);
    expect(h.outbound).toHaveLength(0);
  });
});
