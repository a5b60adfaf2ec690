import { describe, expect, it } from 'vitest';
import type { FaultTarget } from '../faults';
import { DONE_MS, makeSimulator, readAll } from '../test-kit';
import { answer, createV2, queryV2, T2V_BODY, v2ErrorBody, v2Get, v2Post, type Kit } from './kit';

const IR_BODY = { model: 'MiniMax-H3', content: [{ type: 'text', text: 'a dog' }], duration: 5 };

async function requestFor(kit: Kit, on: FaultTarget): Promise<() => Request> {
  const id = await createV2(kit);
  switch (on) {
    case 'v2-create':
      return () => v2Post('/v2/video_generation', T2V_BODY);
    case 'v2-context-ir':
      return () => v2Post('/v2/h3_context_ir', IR_BODY);
    case 'v2-regeneration':
      return () => v2Post('/v2/video_regeneration', { model: 'MiniMax-H3', resolution: '2K', content: [{ type: 'text', text: 'x' }, { type: 'video_url', video_url: { url: 'https://x.example/b.mp4' }, role: 'base_video' }] });
    case 'v2-query':
      return () => v2Get(`/v2/query/video_generation/${id}`);
    case 'v2-list':
      return () => v2Get('/v2/query/video_generation');
    default:
      // v2-delete: the queued task is cancelled by the first call that is not faulted
      return () => v2Get(`/v2/video_generation/${id}`, undefined, 'DELETE');
  }
}

const TARGETS = ['v2-create', 'v2-context-ir', 'v2-regeneration', 'v2-query', 'v2-list', 'v2-delete'] as const;

describe('failNext faults on the v2 API', () => {
  it.each(TARGETS)('code: %s answers that code’s v2 error once, then recovers', async (on) => {
    const kit = makeSimulator();
    const request = await requestFor(kit, on);
    kit.sim.failNext(on, { kind: 'code', code: 1000 });
    expect(await answer(await kit.sim.fetch(request()))).toEqual({ status: 500, body: v2ErrorBody(500, 'server_error', 'internal error (1000)') });
    expect((await kit.sim.fetch(request())).status).toBe(200);
  });

  it.each(TARGETS)('html: %s answers an nginx 502 page', async (on) => {
    const kit = makeSimulator();
    const request = await requestFor(kit, on);
    kit.sim.failNext(on, { kind: 'html' });
    const response = await kit.sim.fetch(request());
    expect(response.status).toBe(502);
    expect(await response.text()).toContain('<center>nginx</center>');
  });

  it('http, empty and broken_json on v2-query', async () => {
    const kit = makeSimulator();
    const request = await requestFor(kit, 'v2-query');
    kit.sim.failNext('v2-query', { kind: 'http', status: 503 });
    kit.sim.failNext('v2-query', { kind: 'empty' });
    kit.sim.failNext('v2-query', { kind: 'broken_json' });
    expect((await kit.sim.fetch(request())).status).toBe(503);
    expect(await (await kit.sim.fetch(request())).text()).toBe('');
    const broken = await (await kit.sim.fetch(request())).text();
    expect(() => JSON.parse(broken)).toThrow();
    expect(broken.startsWith('{"task":')).toBe(true);
  });

  it('code with msg on v2-create keeps the code’s status and puts the code in the tail', async () => {
    const kit = makeSimulator();
    kit.sim.failNext('v2-create', { kind: 'code', code: 1002, msg: 'slow down' });
    expect(await answer(await kit.sim.fetch(v2Post('/v2/video_generation', T2V_BODY)))).toEqual({
      status: 429,
      body: v2ErrorBody(429, 'rate_limit_error', 'slow down (1002)'),
    });
  });

  it('hang on v2-list never answers until the request is aborted', async () => {
    const kit = makeSimulator();
    kit.sim.failNext('v2-list', { kind: 'hang' });
    const controller = new AbortController();
    const pending = kit.sim.fetch(new Request('https://api.sim.invalid/v2/query/video_generation', { headers: { authorization: 'Bearer sk-test-key' }, signal: controller.signal }));
    controller.abort();
    await expect(pending).rejects.toThrow();
  });

  it('cut on v2-query ends the body early; cdn faults apply to v2 links too', async () => {
    const kit = makeSimulator();
    const id = await createV2(kit);
    kit.sim.failNext('v2-query', { kind: 'cut', afterBytes: 10 });
    await expect(readAll(await kit.sim.fetch(v2Get(`/v2/query/video_generation/${id}`)))).rejects.toThrow(/cut/);
    kit.advance(DONE_MS);
    const url = (await queryV2(kit, id)).body.task.content.url;
    kit.sim.failNext('cdn', { kind: 'cut', afterBytes: 100 });
    await expect(readAll(await kit.sim.fetch(new Request(url)))).rejects.toThrow(/cut/);
  });

  it('a fault on one v2 target leaves the others alone, and seen records v2 requests', async () => {
    const kit = makeSimulator();
    kit.sim.failNext('v2-delete', { kind: 'http', status: 503 });
    const id = await createV2(kit);
    expect((await queryV2(kit, id)).status).toBe(200);
    expect(kit.sim.seen.map((s) => `${s.method} ${s.path}`)).toEqual(['POST /v2/video_generation', `GET /v2/query/video_generation/${id}`]);
  });

  it('is installed through /__sim/fail-next with a v2 target', async () => {
    const kit = makeSimulator();
    const control = new Request('http://127.0.0.1:1/__sim/fail-next', { method: 'POST', body: JSON.stringify({ on: 'v2-list', fault: { kind: 'http', status: 504 } }) });
    expect((await kit.sim.fetch(control)).status).toBe(204);
    expect((await kit.sim.fetch(v2Get('/v2/query/video_generation'))).status).toBe(504);
  });
});
