import { describe, expect, it } from 'vitest';
import { API, createRequest, json, KEY, makeSimulator, T2V } from './test-kit';

const control = (path: string, method = 'GET', body?: unknown) =>
  new Request(`http://127.0.0.1:1/__sim/${path}`, { method, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });

describe('/__sim control routes', () => {
  it('health answers ok', async () => {
    const { sim } = makeSimulator();
    expect(await json(await sim.fetch(control('health')))).toMatchObject({ status: 'ok' });
  });

  it('seen lists API requests (not control ones) and DELETE clears it', async () => {
    const { sim } = makeSimulator();
    await sim.fetch(createRequest(T2V));
    const seen = await json(await sim.fetch(control('seen')));
    expect(seen.map((s: { path: string }) => s.path)).toEqual(['/v1/video_generation']);
    expect((await sim.fetch(control('seen', 'DELETE'))).status).toBe(204);
    expect(await json(await sim.fetch(control('seen')))).toEqual([]);
  });

  it('fail-next installs a fault and rejects a malformed one', async () => {
    const { sim } = makeSimulator();
    expect((await sim.fetch(control('fail-next', 'POST', { on: 'create', fault: { kind: 'http', status: 503 } }))).status).toBe(204);
    expect((await sim.fetch(createRequest(T2V))).status).toBe(503);
    expect((await sim.fetch(control('fail-next', 'POST', { on: 'upload', fault: { kind: 'http', status: 503 } }))).status).toBe(400);
    expect((await sim.fetch(control('fail-next', 'POST', { on: 'create', fault: { kind: 'explode' } }))).status).toBe(400);
  });

  it('clock moves time forward: a task finishes, and a bad value is refused', async () => {
    const { sim } = makeSimulator();
    const { task_id: id } = (await json(await sim.fetch(createRequest(T2V)))) as { task_id: string };
    const status = async () => ((await json(await sim.fetch(new Request(`${API}/v1/query/video_generation?task_id=${id}`, { headers: { authorization: `Bearer ${KEY}` } })))) as { status: string }).status;
    expect(await status()).not.toBe('Success');
    expect((await sim.fetch(control('clock', 'POST', { advanceMs: 3_600_000 }))).status).toBe(204);
    expect(await status()).toBe('Success');
    expect((await sim.fetch(control('clock', 'POST', { advanceMs: -5 }))).status).toBe(400);
  });

  it('reset clears state', async () => {
    const { sim } = makeSimulator();
    await sim.fetch(createRequest(T2V));
    expect((await sim.fetch(control('reset', 'POST'))).status).toBe(204);
    expect(sim.seen).toEqual([]);
  });

  it('answers 404 JSON for unknown control routes', async () => {
    const { sim } = makeSimulator();
    expect((await sim.fetch(control('nope'))).status).toBe(404);
  });
});
