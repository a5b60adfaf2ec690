import { describe, expect, it } from 'vitest';
import { harness, json, SERVER_KEY } from '../testing/harness';

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

  it('rejects 1080P with 10 s before calling MiniMax, naming the field and rule', async () => {
    const h = harness();
    const res = await h.request('/api/v1/video_generation', json({ ...valid, duration: 10 }));
    expect(res.status).toBe(400);
    const body = (await res.json()) as { error: { code: string; field: string; rule: string; message: string } };
    expect(body.error).toMatchObject({ code: 'invalid_request', field: 'duration', rule: 'duration_not_allowed' });
    expect(body.error.message).toContain('1080P');
    expect(h.outbound).toHaveLength(0);
  });

  it.each([
    ['2.3-Fast without a first frame', { model: 'MiniMax-Hailuo-2.3-Fast', prompt: 'x' }, 'first_frame_image'],
    ['a prompt of 2001 characters', { model: 'MiniMax-Hailuo-2.3', prompt: 'a'.repeat(2001) }, 'prompt'],
    ['a last frame on 2.3', { model: 'MiniMax-Hailuo-2.3', prompt: 'x', first_frame_image: 'https://e.com/a.png', last_frame_image: 'https://e.com/b.png' }, 'last_frame_image'],
    ['an unknown model', { model: 'video-01', prompt: 'x' }, 'model'],
    ['an aspect_ratio field', { ...valid, aspect_ratio: '16:9' }, 'aspect_ratio'],
    ['S2V-01 with a first frame', { model: 'S2V-01', prompt: 'x', first_frame_image: 'https://e.com/a.png' }, 'first_frame_image'],
  ])('never sends %s upstream', async (_name, body, field) => {
    const h = harness();
    const res = await h.request('/api/v1/video_generation', json(body));
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { field: string } }).error.field).toBe(field);
    expect(h.outbound).toHaveLength(0);
  });

  it('drops the fixed 720P / 6 s of an 01-series model before forwarding', async () => {
    const h = harness();
    const res = await h.request('/api/v1/video_generation', json({ model: 'T2V-01', prompt: 'x', resolution: '720P', duration: 6 }));
    expect(res.status).toBe(200);
    expect(JSON.parse(h.outbound[0].body!)).toEqual({ model: 'T2V-01', prompt: 'x' });
  });

  it('answers 415 for a body that is not JSON, and 400 for broken JSON, without calling MiniMax', async () => {
    const h = harness();
    const form = await h.request('/api/v1/video_generation', { method: 'POST', headers: { 'Content-Type': 'text/plain' }, body: '{}' });
    expect(form.status).toBe(415);
    const broken = await h.request('/api/v1/video_generation', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{"model":' });
    expect(broken.status).toBe(400);
    expect(h.outbound).toHaveLength(0);
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
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { field: string } }).error.field).toBe('task_id');
    expect(h.outbound).toHaveLength(0);
  });
});
