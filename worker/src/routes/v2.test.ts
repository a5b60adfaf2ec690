// The v2 routes against the in-process simulator: what the caller got, and what MiniMax (the simulator) saw.
import { describe, expect, it } from 'vitest';
import { harness, json, SAMPLE_VIDEO, SERVER_KEY, type Harness } from '../testing/harness';

const T2V = { model: 'MiniMax-H3', content: [{ type: 'text', text: 'A boy plays basketball' }], resolution: '2K', duration: 5, ratio: '16:9' };
const PUBLIC = 'https://studio.example.com';
type Task = { id: string; status: string; content?: { url?: string; prompt?: string }; usage?: Record<string, number>; error?: { code: string } };

async function create(h: Harness, body: unknown = T2V, headers: Record<string, string> = {}, origin?: string): Promise<string> {
  const res = await h.request('/api/v2/video_generation', json(body, headers), {}, origin);
  expect(res.status).toBe(200);
  const answer = (await res.json()) as { task_id: unknown };
  expect(typeof answer.task_id).toBe('string');
  return answer.task_id as string;
}

async function query(h: Harness, id: string, headers: Record<string, string> = {}, origin?: string): Promise<{ status: number; task: Task }> {
  const res = await h.request(`/api/v2/query/video_generation/${id}`, { headers }, {}, origin);
  const body = (await res.json()) as { task: Task };
  return { status: res.status, task: body.task };
}

async function bytes(res: Response): Promise<Uint8Array> {
  return new Uint8Array(await res.arrayBuffer());
}

describe('POST /api/v2/video_generation', () => {
  it('forwards a valid H3 body with the server key and answers the task id as a string', async () => {
    const h = harness();
    const id = await create(h);
    expect(id).toMatch(/^\d+$/);
    const [call] = h.outbound;
    expect(call.url.toString()).toBe('https://api.minimax.io/v2/video_generation');
    expect(call.headers.get('authorization')).toBe(`Bearer ${SERVER_KEY}`);
    expect(call.headers.get('content-type')).toBe('application/json');
    expect(JSON.parse(call.body!)).toEqual(T2V);
  });

  it('forwards what MiniMax may accept but we cannot confirm (seed, aigc_watermark) untouched', async () => {
    const h = harness();
    await create(h, { ...T2V, aigc_watermark: true, seed: 7 });
    expect(JSON.parse(h.outbound[0].body!)).toMatchObject({ aigc_watermark: true, seed: 7 });
  });

  it('relays MiniMax’s refusal in its own shape and status, with our code and sentence beside', async () => {
    const h = harness();
    const res = await h.request('/api/v2/video_generation', json({ ...T2V, content: [{ type: 'text', text: 'sim:error=1008' }] }));
    expect(res.status).toBe(402);
    const body = (await res.json()) as { error: Record<string, string> };
    expect(body.error).toMatchObject({ type: 'insufficient_balance_error', http_code: '402', code: 'insufficient_balance' });
    expect(body.error.message).toMatch(/\(1008\)$/);
    expect(body.error.detail).toContain('balance');
  });

  it('never relays an upstream HTML page: 502 in the v2 envelope', async () => {
    const h = harness();
    h.sim.failNext('v2-create', { kind: 'html' });
    const res = await h.request('/api/v2/video_generation', json(T2V));
    expect(res.status).toBe(502);
    const text = await res.text();
    expect(text).not.toContain('<html');
    expect(JSON.parse(text)).toMatchObject({ type: 'error', error: { code: 'upstream_unreadable', http_code: '502' } });
  });

  it('replays an Idempotency-Key without a second v2 create', async () => {
    const h = harness();
    const a = await h.request('/api/v2/video_generation', json(T2V, { 'Idempotency-Key': 'v2-key' }));
    const b = await h.request('/api/v2/video_generation', json(T2V, { 'Idempotency-Key': 'v2-key' }));
    expect(await b.text()).toBe(await a.text());
    expect(h.sim.seen.filter((s) => s.path === '/v2/video_generation')).toHaveLength(1);
  });
});

describe('GET /api/v2/query/video_generation/{id}', () => {
  it('follows queued → running → succeeded, and replaces the CDN URL with a sealed link of the worker', async () => {
    const h = harness();
    const id = await create(h);
    expect((await query(h, id)).task.status).toBe('queued');
    h.clock.now += 2500;
    expect((await query(h, id)).task.status).toBe('running');
    h.clock.now += 3000;
    const { status, task } = await query(h, id);
    expect(status).toBe(200);
    expect(task).toMatchObject({ id, status: 'succeeded', resolution: '2K', ratio: '16:9' });
    expect(task.usage?.output_seconds).toBe(5);
    const link = new URL(task.content!.url!);
    expect(link.origin).toBe('http://localhost');
    expect(link.pathname).toBe(`/api/v2/video_generation/${id}/content`);
    expect(JSON.stringify(task)).not.toContain('cdn.sim.invalid');
    expect(h.outbound.at(-1)!.url.pathname).toBe(`/v2/query/video_generation/${id}`);
  });

  it('streams the exact bytes through the link, with Range and HEAD, never sending the CDN a key', async () => {
    const h = harness();
    const id = await create(h);
    h.clock.now += 6000;
    const url = new URL((await query(h, id)).task.content!.url!);
    const path = url.pathname + url.search;
    const whole = await h.request(path, {}, { ACCESS_CODES: 'a-code-not-needed-by-a-link' });
    expect(whole.status).toBe(200);
    expect(whole.headers.get('content-type')).toBe('video/mp4');
    expect(whole.headers.get('content-length')).toBe(String(SAMPLE_VIDEO.length));
    expect(whole.headers.get('content-disposition')).toContain(`hailuo_${id}.mp4`);
    expect(await bytes(whole)).toEqual(SAMPLE_VIDEO);
    const part = await h.request(path, { headers: { Range: 'bytes=10-19' } });
    expect(part.status).toBe(206);
    expect(await bytes(part)).toEqual(SAMPLE_VIDEO.slice(10, 20));
    const head = await h.request(path, { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(head.headers.get('content-length')).toBe(String(SAMPLE_VIDEO.length));
    const cdn = h.outbound.filter((o) => o.url.hostname === 'cdn.sim.invalid');
    expect(cdn.length).toBeGreaterThan(0);
    for (const o of cdn) expect(o.headers.has('authorization')).toBe(false);
  });

  it('renews a lapsed CDN link by querying the task again instead of failing', async () => {
    const h = harness();
    const id = await create(h);
    h.clock.now += 6000;
    const url = new URL((await query(h, id)).task.content!.url!);
    h.clock.now += 2 * 3600 * 1000; // past the CDN link's hour, inside the worker link's day
    const before = h.outbound.length;
    const res = await h.request(url.pathname + url.search);
    expect(res.status).toBe(200);
    expect(await bytes(res)).toEqual(SAMPLE_VIDEO);
    const calls = h.outbound.slice(before).map((o) => `${o.url.hostname}${o.url.pathname}`);
    expect(calls).toHaveLength(3);
    expect(calls[0]).toMatch(/^cdn\.sim\.invalid\//); // refused: expired
    expect(calls[1]).toBe(`api.minimax.io/v2/query/video_generation/${id}`);
    expect(calls[2]).toMatch(/^cdn\.sim\.invalid\//);
  });

  it('refuses the worker link itself once its day is over, and a tampered or mismatched one', async () => {
    const h = harness();
    const id = await create(h);
    h.clock.now += 6000;
    const url = new URL((await query(h, id)).task.content!.url!);
    const token = url.searchParams.get('t')!;
    const other = await h.request(`/api/v2/video_generation/1${id}/content?t=${token}`);
    expect(other.status).toBe(410);
    const tampered = await h.request(`${url.pathname}?t=${token.slice(0, -2)}${token.endsWith('A') ? 'BB' : 'AA'}`);
    expect(tampered.status).toBe(410);
    const v1 = await h.request(`/api/v1/files/content?file_id=${id}&t=${token}`);
    expect(v1.status).toBe(410);
    h.clock.now += 24 * 3600 * 1000;
    const before = h.outbound.length;
    const expired = await h.request(url.pathname + url.search);
    expect(expired.status).toBe(410);
    expect(await expired.json()).toMatchObject({ type: 'error', error: { code: 'link_expired' } });
    expect(h.outbound.length).toBe(before);
  });

  it('streams with credentials and no link: a fresh CDN URL from a fresh query', async () => {
    const h = harness();
    const id = await create(h);
    h.clock.now += 6000;
    const res = await h.request(`/api/v2/video_generation/${id}/content`);
    expect(res.status).toBe(200);
    expect(await bytes(res)).toEqual(SAMPLE_VIDEO);
  });

  it('relays a failed task with its string error code', async () => {
    const h = harness();
    const id = await create(h, { ...T2V, content: [{ type: 'text', text: 'A duel sim:fail=1027' }] });
    h.clock.now += 6000;
    const { status, task } = await query(h, id);
    expect(status).toBe(200);
    expect(task.status).toBe('failed');
    expect(task.error?.code).toBe('1027');
  });

  it('relays MiniMax’s 400 "invalid task_id" for a task older than 7 days', async () => {
    const h = harness();
    const id = await create(h);
    h.clock.now += 8 * 24 * 3600 * 1000;
    const res = await h.request(`/api/v2/query/video_generation/${id}`);
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: { type: 'bad_request_error', message: 'invalid params, invalid task_id (2013)', code: 'invalid_params' } });
  });
});

describe('list and delete', () => {
  it('lists tasks with worker links in place of CDN URLs, passing MiniMax’s filters through', async () => {
    const h = harness();
    const id = await create(h);
    h.clock.now += 6000;
    const res = await h.request('/api/v2/query/video_generation?page_num=1&page_size=10&filter.status=succeeded&ignored=x');
    expect(res.status).toBe(200);
    const body = (await res.json()) as { items: Task[]; total: number };
    expect(body.total).toBe(1);
    expect(body.items[0].id).toBe(id);
    expect(new URL(body.items[0].content!.url!).pathname).toBe(`/api/v2/video_generation/${id}/content`);
    const sent = h.outbound.at(-1)!.url;
    expect(sent.pathname).toBe('/v2/query/video_generation');
    expect(sent.searchParams.get('filter.status')).toBe('succeeded');
    expect(sent.searchParams.has('ignored')).toBe(false);
  });

  it('cancels a queued task (free) and deletes a finished one', async () => {
    const h = harness();
    const queued = await create(h);
    const cancel = await h.request(`/api/v2/video_generation/${queued}`, { method: 'DELETE' });
    expect(cancel.status).toBe(200);
    expect(await cancel.json()).toEqual({ task_id: queued, action: 'cancelled', status: 'cancelled' });
    expect(h.outbound.at(-1)!.method).toBe('DELETE');
    expect((await query(h, queued)).task.status).toBe('cancelled');
    const done = await create(h);
    h.clock.now += 6000;
    const del = await h.request(`/api/v2/video_generation/${done}`, { method: 'DELETE' });
    expect(await del.json()).toMatchObject({ task_id: done, action: 'deleted' });
  });

  it('relays MiniMax’s refusal to cancel a running task', async () => {
    const h = harness();
    const id = await create(h);
    h.clock.now += 2500;
    const res = await h.request(`/api/v2/video_generation/${id}`, { method: 'DELETE' });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { message: string } }).error.message).toContain('running');
  });
});

describe('callers kept apart on v2', () => {
  const env = { ACCESS_CODES: 'code-alice,code-bob' };
  const alice = { Authorization: 'Bearer code-alice' };
  const bob = { Authorization: 'Bearer code-bob' };

  it('shows each code only its own tasks: list, query, delete and content answer another’s as unknown', async () => {
    const h = harness({ env });
    const mine = await create(h, T2V, alice, PUBLIC);
    const theirs = await create(h, T2V, bob, PUBLIC);
    h.clock.now += 6000;
    const list = await h.request('/api/v2/query/video_generation', { headers: alice }, {}, PUBLIC);
    const { items } = (await list.json()) as { items: Task[] };
    expect(items.map((i) => i.id)).toEqual([mine]);
    expect(h.outbound.at(-1)!.url.searchParams.getAll('filter.task_ids')).toEqual([mine]);
    const unknown = await h.request('/api/v2/query/video_generation/123456789012345', { headers: alice }, {}, PUBLIC);
    const unknownBody = await unknown.json();
    const before = h.outbound.length;
    for (const [path, method] of [
      [`/api/v2/query/video_generation/${theirs}`, 'GET'],
      [`/api/v2/video_generation/${theirs}`, 'DELETE'],
      [`/api/v2/video_generation/${theirs}/content`, 'GET'],
    ]) {
      const res = await h.request(path, { method, headers: alice }, {}, PUBLIC);
      expect(res.status, path).toBe(400);
      const body = (await res.json()) as { request_id?: string };
      expect({ ...body, request_id: 'x' }).toEqual({ ...(unknownBody as object), request_id: 'x' });
    }
    expect(h.outbound.length).toBe(before);
    const filtered = await h.request(`/api/v2/query/video_generation?filter.task_ids=${theirs}`, { headers: alice }, {}, PUBLIC);
    expect(await filtered.json()).toEqual({ items: [], total: 0 });
  });
});

describe('Context-IR and regeneration', () => {
  it('expands a prompt: the task’s content.prompt comes back as MiniMax wrote it', async () => {
    const h = harness();
    const res = await h.request('/api/v2/h3_context_ir', json({ model: 'MiniMax-H3', content: [{ type: 'text', text: 'A fox in snow' }], duration: 6, ratio: '16:9' }));
    expect(res.status).toBe(200);
    const { task_id: id } = (await res.json()) as { task_id: string };
    h.clock.now += 60_000;
    const { task } = await query(h, id);
    expect(task.status).toBe('succeeded');
    expect(task.content?.prompt).toContain('A fox in snow');
    expect(task.content?.url).toBeUndefined();
  });

  it('remasters its own 768P video at 2K: the studio link is swapped for MiniMax’s fresh CDN URL', async () => {
    const h = harness();
    const source = await create(h, { ...T2V, resolution: '768P', duration: 6 });
    h.clock.now += 6000;
    const link = (await query(h, source)).task.content!.url!;
    const res = await h.request('/api/v2/video_regeneration', json({
      model: 'MiniMax-H3',
      resolution: '2K',
      content: [{ type: 'text', text: 'A boy plays basketball' }, { type: 'video_url', video_url: { url: link }, role: 'base_video' }],
    }));
    const text = await res.text();
    expect(res.status, text).toBe(200);
    const sent = JSON.parse(h.sim.seen.filter((s) => s.path === '/v2/video_regeneration')[0].body!) as { content: { video_url?: { url: string } }[] };
    const base = sent.content[1].video_url!.url;
    expect(new URL(base).hostname).toBe('cdn.sim.invalid');
    expect(base).not.toContain('/api/v2/');
  });
});
