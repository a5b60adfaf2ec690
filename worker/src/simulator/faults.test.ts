import { describe, expect, it } from 'vitest';
import type { Fault, FaultTarget } from './faults';
import { createRequest, createTask, finishedFile, json, makeSimulator, queryRequest, readAll, retrieveRequest, SAMPLE_MP4, T2V } from './test-kit';

type Kit = ReturnType<typeof makeSimulator>;

async function requestFor(kit: Kit, on: FaultTarget): Promise<() => Request> {
  if (on === 'create') return () => createRequest(T2V);
  if (on === 'query') {
    const taskId = await createTask(kit);
    return () => queryRequest(taskId);
  }
  const { fileId, url } = await finishedFile(kit);
  return on === 'retrieve' ? () => retrieveRequest(fileId) : () => new Request(url);
}

describe('failNext faults on the API', () => {
  it.each(['create', 'query', 'retrieve'] as const)('code: %s answers that base_resp once, then recovers', async (on) => {
    const kit = makeSimulator();
    const request = await requestFor(kit, on);
    kit.sim.failNext(on, { kind: 'code', code: 1033, msg: 'system error' });
    const faulty = await json(await kit.sim.fetch(request()));
    expect(faulty.base_resp).toEqual({ status_code: 1033, status_msg: 'system error' });
    expect((await json(await kit.sim.fetch(request()))).base_resp.status_code).toBe(0);
  });

  it('code on create without msg uses MiniMax’s wording and an empty task_id', async () => {
    const kit = makeSimulator();
    kit.sim.failNext('create', { kind: 'code', code: 1002 });
    expect(await json(await kit.sim.fetch(createRequest(T2V)))).toEqual({
      task_id: '',
      base_resp: { status_code: 1002, status_msg: 'rate limit exceeded(RPM)' },
    });
  });

  it.each(['create', 'query', 'retrieve', 'cdn'] as const)('html: %s answers an nginx 502 page', async (on) => {
    const kit = makeSimulator();
    const request = await requestFor(kit, on);
    kit.sim.failNext(on, { kind: 'html' });
    const response = await kit.sim.fetch(request());
    expect(response.status).toBe(502);
    expect(response.headers.get('content-type')).toBe('text/html');
    expect(await response.text()).toContain('<center>nginx</center>');
  });

  it.each(['create', 'query', 'retrieve'] as const)('broken_json: %s answers 200 JSON that does not parse', async (on) => {
    const kit = makeSimulator();
    const request = await requestFor(kit, on);
    kit.sim.failNext(on, { kind: 'broken_json' });
    const response = await kit.sim.fetch(request());
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    const text = await response.text();
    expect(() => JSON.parse(text)).toThrow();
  });

  it.each([
    ['create', 429],
    ['query', 503],
    ['retrieve', 500],
    ['cdn', 503],
  ] as const)('http: %s answers HTTP %i with an empty body', async (on, status) => {
    const kit = makeSimulator();
    const request = await requestFor(kit, on);
    kit.sim.failNext(on, { kind: 'http', status });
    const response = await kit.sim.fetch(request());
    expect(response.status).toBe(status);
    expect(await response.text()).toBe('');
  });

  it.each(['create', 'query', 'retrieve'] as const)('empty: %s answers 200 with an empty body', async (on) => {
    const kit = makeSimulator();
    const request = await requestFor(kit, on);
    kit.sim.failNext(on, { kind: 'empty' });
    const response = await kit.sim.fetch(request());
    expect(response.status).toBe(200);
    expect(await response.text()).toBe('');
  });

  it('queues several faults in order', async () => {
    const kit = makeSimulator();
    kit.sim.failNext('create', { kind: 'http', status: 500 });
    kit.sim.failNext('create', { kind: 'code', code: 1000 });
    expect((await kit.sim.fetch(createRequest(T2V))).status).toBe(500);
    expect((await json(await kit.sim.fetch(createRequest(T2V)))).base_resp.status_code).toBe(1000);
    expect((await json(await kit.sim.fetch(createRequest(T2V)))).base_resp.status_code).toBe(0);
  });

  it('still records the faulted request in seen', async () => {
    const kit = makeSimulator();
    kit.sim.failNext('create', { kind: 'empty' });
    await kit.sim.fetch(createRequest(T2V));
    expect(kit.sim.seen.map((s) => s.path)).toEqual(['/v1/video_generation']);
  });
});

describe('hang', () => {
  it.each(['create', 'query', 'retrieve', 'cdn'] as const)('%s never answers until the caller aborts', async (on) => {
    const kit = makeSimulator();
    const request = await requestFor(kit, on);
    kit.sim.failNext(on, { kind: 'hang' });
    const controller = new AbortController();
    const pending = kit.sim.fetch(new Request(request(), { signal: controller.signal }));
    const raced = await Promise.race([pending.then(() => 'answered', () => 'rejected'), new Promise((r) => setTimeout(() => r('still waiting'), 30))]);
    expect(raced).toBe('still waiting');
    controller.abort();
    await expect(pending).rejects.toMatchObject({ name: 'AbortError' });
  });

  it('ends on AbortSignal.timeout', async () => {
    const kit = makeSimulator();
    kit.sim.failNext('create', { kind: 'hang' });
    await expect(kit.sim.fetch(new Request(createRequest(T2V), { signal: AbortSignal.timeout(20) }))).rejects.toMatchObject({ name: 'TimeoutError' });
  });

  it('ends on reset()', async () => {
    const kit = makeSimulator();
    kit.sim.failNext('query', { kind: 'hang' });
    const pending = kit.sim.fetch(queryRequest('123456789012345'));
    await new Promise((r) => setTimeout(r, 5));
    kit.sim.reset();
    await expect(pending).rejects.toThrow(/reset/);
  });
});

describe('CDN faults', () => {
  it('cut: the body errors after N bytes, like a dropped connection', async () => {
    const kit = makeSimulator();
    const { url } = await finishedFile(kit);
    kit.sim.failNext('cdn', { kind: 'cut', afterBytes: 1000 });
    const response = await kit.sim.fetch(new Request(url));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-length')).toBe(String(SAMPLE_MP4.length));
    const reader = response.body!.getReader();
    let received = 0;
    const failure = await (async () => {
      try {
        for (;;) {
          const { done, value } = await reader.read();
          if (done) return 'completed';
          received += value.length;
        }
      } catch (e) {
        return (e as Error).message;
      }
    })();
    expect(failure).toMatch(/connection reset/);
    expect(received).toBe(1000);
    expect((await readAll(await kit.sim.fetch(new Request(url)))).bytes.length).toBe(SAMPLE_MP4.length);
  });

  it('cut on the API truncates the JSON stream', async () => {
    const kit = makeSimulator();
    kit.sim.failNext('create', { kind: 'cut', afterBytes: 10 });
    const response = await kit.sim.fetch(createRequest(T2V));
    await expect(response.text()).rejects.toThrow();
  });

  it('code on the CDN answers an OSS XML error with that HTTP status', async () => {
    const kit = makeSimulator();
    const { url } = await finishedFile(kit);
    kit.sim.failNext('cdn', { kind: 'code', code: 503 } satisfies Fault);
    const response = await kit.sim.fetch(new Request(url));
    expect(response.status).toBe(503);
    expect(await response.text()).toContain('<Error>');
  });
});
