import { describe, expect, it } from 'vitest';
import { DONE_MS, makeSimulator, OTHER_KEY, STAGES } from '../test-kit';
import { answer, createV2, queryV2, T2V_BODY, v2ErrorBody, v2Get, withText, type Kit } from './kit';

const DAY = 24 * 3600 * 1000;

async function list(kit: Kit, query = '', key?: string) {
  return answer(await kit.sim.fetch(v2Get(`/v2/query/video_generation${query}`, key)));
}

async function remove(kit: Kit, id: string, key?: string) {
  return answer(await kit.sim.fetch(v2Get(`/v2/video_generation/${id}`, key, 'DELETE')));
}

/** Creates `count` tasks one second apart; returns their ids oldest first. */
async function tasks(kit: Kit, count: number, body: Record<string, unknown> = T2V_BODY): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    ids.push(await createV2(kit, body));
    kit.advance(1000);
  }
  return ids;
}

describe('GET /v2/query/video_generation (list)', () => {
  it('lists the caller’s tasks newest first with the total, items without modality', async () => {
    const kit = makeSimulator();
    const ids = await tasks(kit, 3);
    await createV2(kit, T2V_BODY, '/v2/video_generation', OTHER_KEY);
    const { status, body } = await list(kit);
    expect(status).toBe(200);
    expect(Object.keys(body)).toEqual(['items', 'total']);
    expect(body.total).toBe(3);
    expect(body.items.map((t: { id: string }) => t.id)).toEqual([...ids].reverse());
    expect(body.items[0]).not.toHaveProperty('modality');
    expect(body.items[0]).toMatchObject({ model: 'MiniMax-H3', task_type: 'generation', ratio: '16:9' });
  });

  it('pages with page_num from 1 and page_size', async () => {
    const kit = makeSimulator();
    const newestFirst = (await tasks(kit, 5)).reverse();
    const page = async (n: number) => (await list(kit, `?page_num=${n}&page_size=2`)).body;
    expect((await page(1)).items.map((t: { id: string }) => t.id)).toEqual(newestFirst.slice(0, 2));
    expect((await page(3)).items.map((t: { id: string }) => t.id)).toEqual(newestFirst.slice(4));
    expect(await page(4)).toEqual({ items: [], total: 5 });
    expect((await list(kit)).body.items).toHaveLength(5); // default page_size 10
  });

  it.each([
    ['page_num=0', 'invalid params, page_num must be an integer ≥ 1 (2013)'],
    ['page_num=x', 'invalid params, page_num must be an integer ≥ 1 (2013)'],
    ['page_size=0', 'invalid params, page_size must be an integer between 1 and 100 (2013)'],
    ['page_size=101', 'invalid params, page_size must be an integer between 1 and 100 (2013)'],
    ['filter.status=done', 'invalid params, filter.status must be one of queued, running, succeeded, failed, cancelled (2013)'],
    ['filter.task_type=edit', 'invalid params, filter.task_type must be one of generation, h3_context_ir, regeneration (2013)'],
  ])('refuses %s', async (query, message) => {
    const kit = makeSimulator();
    expect(await list(kit, `?${query}`)).toEqual({ status: 400, body: v2ErrorBody(400, 'bad_request_error', message) });
  });

  it('accepts page_size 100', async () => {
    expect((await list(makeSimulator(), '?page_size=100')).status).toBe(200);
  });

  it('filters by status, task_ids (repeatable), model and task_type', async () => {
    const kit = makeSimulator();
    const [a, b] = await tasks(kit, 2);
    kit.advance(DONE_MS);
    const c = await createV2(kit, { ...T2V_BODY, model: 'MiniMax-H3-Max', resolution: '480P' });
    kit.advance(1000);
    const ir = await createV2(kit, { model: 'MiniMax-H3', content: [{ type: 'text', text: 'a dog' }], duration: 5 }, '/v2/h3_context_ir');
    const ids = async (query: string) => (await list(kit, `?${query}`)).body.items.map((t: { id: string }) => t.id);
    expect(await ids('filter.status=succeeded')).toEqual([b, a]);
    expect(await ids('filter.status=queued')).toEqual([ir, c]);
    expect(await ids(`filter.task_ids=${a}&filter.task_ids=${c}`)).toEqual([c, a]);
    expect(await ids('filter.model=MiniMax-H3-Max')).toEqual([c]);
    expect(await ids('filter.task_type=h3_context_ir')).toEqual([ir]);
    expect((await list(kit, '?filter.status=succeeded')).body.total).toBe(2);
  });

  it('lists only the last 7 days', async () => {
    const kit = makeSimulator();
    const [old] = await tasks(kit, 1);
    kit.advance(3 * DAY);
    const [recent] = await tasks(kit, 1);
    kit.advance(4 * DAY - 2001); // the old task is 7 days less 1 ms old
    expect((await list(kit)).body).toMatchObject({ total: 2, items: [{ id: recent }, { id: old }] });
    kit.advance(1);
    expect((await list(kit)).body).toMatchObject({ total: 1, items: [{ id: recent }] });
  });

  it('answers 401 without a key', async () => {
    expect((await list(makeSimulator(), '', null as unknown as string)).status).toBe(401);
  });
});

describe('DELETE /v2/video_generation/{task_id}', () => {
  it('cancels a queued task for free; it stays cancelled and cannot be cancelled again', async () => {
    const kit = makeSimulator();
    const id = await createV2(kit);
    kit.advance(1000);
    expect(await remove(kit, id)).toEqual({ status: 200, body: { task_id: id, action: 'cancelled', status: 'cancelled' } });
    kit.advance(DONE_MS);
    const task = (await queryV2(kit, id)).body.task;
    expect(task).toMatchObject({ status: 'cancelled', usage: {}, updated_at: Math.floor((kit.clock.ms - DONE_MS) / 1000) });
    expect(task.content).toBeUndefined();
    expect(await remove(kit, id)).toEqual({
      status: 400,
      body: v2ErrorBody(400, 'bad_request_error', `invalid params, task ${id} is already cancelled (2013)`),
    });
  });

  it('deletes a succeeded task: it is gone from query, list and the CDN', async () => {
    const kit = makeSimulator();
    const id = await createV2(kit);
    kit.advance(DONE_MS);
    const url = (await queryV2(kit, id)).body.task.content.url;
    expect(await remove(kit, id)).toEqual({ status: 200, body: { task_id: id, action: 'deleted', status: 'succeeded' } });
    expect((await queryV2(kit, id)).body.error.message).toBe('invalid params, invalid task_id (2013)');
    expect((await list(kit)).body).toEqual({ items: [], total: 0 });
    expect((await kit.sim.fetch(new Request(url))).status).toBe(404);
  });

  it('deletes a failed task', async () => {
    const kit = makeSimulator();
    const id = await createV2(kit, withText('sim:fail=1026 x'));
    kit.advance(DONE_MS);
    expect(await remove(kit, id)).toEqual({ status: 200, body: { task_id: id, action: 'deleted', status: 'failed' } });
  });

  it('refuses a running task', async () => {
    const kit = makeSimulator();
    const id = await createV2(kit);
    kit.advance(STAGES.preparing + STAGES.queueing);
    expect(await remove(kit, id)).toEqual({
      status: 400,
      body: v2ErrorBody(400, 'bad_request_error', `invalid params, task ${id} is running: only queued tasks can be cancelled and finished ones deleted (2013)`),
    });
    expect((await queryV2(kit, id)).body.task.status).toBe('running');
  });

  it('answers invalid task_id for another key’s, an unknown or a non-numeric id', async () => {
    const kit = makeSimulator();
    const id = await createV2(kit);
    for (const [target, key] of [[id, OTHER_KEY], ['400000000000001', undefined], ['x1', undefined]] as const) {
      expect(await remove(kit, target, key)).toEqual({ status: 400, body: v2ErrorBody(400, 'bad_request_error', 'invalid params, invalid task_id (2013)') });
    }
    expect((await queryV2(kit, id)).body.task.status).toBe('queued');
  });
});
