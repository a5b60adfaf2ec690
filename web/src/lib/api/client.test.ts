import { describe, expect, test, vi } from 'vitest';
import { createApiClient, type ApiSettings } from './client';
import { ApiError, parseRetryAfter } from './errors';
import { errorResponse, FakeWorker, jsonResponse } from './fake-worker';

function setup(settings: ApiSettings = { baseUrl: '' }) {
  const worker = new FakeWorker(() => 0);
  return { worker, api: createApiClient(() => settings, worker.fetch) };
}

const body = { model: 'MiniMax-Hailuo-2.3', prompt: 'a cat' };

async function failure(promise: Promise<unknown>): Promise<ApiError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ApiError);
  return error as ApiError;
}

describe('api client', () => {
  test('sends the exact MiniMax body and returns the task_id', async () => {
    const { worker, api } = setup();
    const result = await api.createTask(body);
    expect(result.task_id).toMatch(/^\d+$/);
    const [call] = worker.callsTo('create');
    expect(call.method).toBe('POST');
    expect(call.body).toEqual(body);
    expect(call.headers.get('Content-Type')).toBe('application/json');
  });

  test('adds the access code and bring-your-own-key headers only when set', async () => {
    const plain = setup();
    await plain.api.health();
    expect(plain.worker.calls[0].headers.get('Authorization')).toBeNull();
    expect(plain.worker.calls[0].headers.get('X-MiniMax-Key')).toBeNull();

    const byok = setup({ baseUrl: 'https://w.example/', accessCode: 'code1', byokKey: 'sk-1', byokRegion: 'cn' });
    await byok.api.health();
    const h = byok.worker.calls[0].headers;
    expect(h.get('Authorization')).toBe('Bearer code1');
    expect(h.get('X-MiniMax-Key')).toBe('sk-1');
    expect(h.get('X-MiniMax-Region')).toBe('cn');
  });

  test('uses the configured base URL', async () => {
    const seen: string[] = [];
    const api = createApiClient(
      () => ({ baseUrl: 'https://worker.example/' }),
      async (input) => {
        seen.push(String(input));
        return jsonResponse({ status: 'ok', mode: 'live' });
      },
    );
    expect(await api.health()).toEqual({ status: 'ok', mode: 'live' });
    expect(seen).toEqual(['https://worker.example/api/health']);
  });

  test('a validation refusal carries field and rule and never reached MiniMax', async () => {
    const { worker, api } = setup();
    worker.script('create', errorResponse(400, 'invalid_request', 'bad', { field: 'duration', rule: 'duration_not_allowed' }));
    const error = await failure(api.createTask(body));
    expect(error).toMatchObject({ status: 400, code: 'invalid_request', field: 'duration', rule: 'duration_not_allowed', charge: 'not' });
  });

  test.each([
    [401, 'unauthorized', 'not'],
    [413, 'payload_too_large', 'not'],
    [402, 'insufficient_balance', 'not'],
    [422, 'sensitive_input', 'not'],
    [504, 'upstream_timeout', 'maybe'],
  ] as const)('HTTP %i %s → charge %s', async (status, code, charge) => {
    const { worker, api } = setup();
    worker.script('create', errorResponse(status, code));
    expect((await failure(api.createTask(body))).charge).toBe(charge);
  });

  test.each([
    [2013, 'invalid_request'],
    [1004, 'unauthorized'],
    [1002, 'rate_limited'],
    [1008, 'insufficient_balance'],
    [1026, 'sensitive_input'],
  ] as const)('reads base_resp %i first in a MiniMax-shaped HTTP 200 refusal: %s, nothing charged', async (statusCode, code) => {
    const { worker, api } = setup();
    const answer = { base_resp: { status_code: statusCode, status_msg: 'reason' }, error: { code, message: 'Our sentence.', field: 'prompt' } };
    worker.script('create', jsonResponse(answer, 200, { 'Retry-After': '7' }));
    const error = await failure(api.createTask(body));
    expect(error).toMatchObject({ status: 200, code, message: 'Our sentence.', field: 'prompt', charge: 'not', retryAfter: 7 });
    expect(error.baseResp).toEqual(answer.base_resp);
  });

  test('a bare MiniMax refusal (base_resp only) gets our sentence for its code', async () => {
    const { worker, api } = setup();
    worker.script('query', jsonResponse({ base_resp: { status_code: 1026, status_msg: 'input sensitive' } }));
    expect(await failure(api.queryTask('1'))).toMatchObject({ code: 'sensitive_input', baseResp: { status_code: 1026 } });
  });

  test('a failed task is a query result, not a refusal, though its base_resp is not zero', async () => {
    const { worker, api } = setup();
    worker.script('query', jsonResponse({ task_id: '1', status: 'Fail', base_resp: { status_code: 1027, status_msg: 'output sensitive' } }));
    expect(await api.queryTask('1')).toMatchObject({ status: 'Fail', base_resp: { status_code: 1027 } });
  });

  test('a 429 carries Retry-After in seconds', async () => {
    const { worker, api } = setup();
    worker.script('query', errorResponse(429, 'rate_limited', 'slow down', {}, { 'Retry-After': '42' }));
    expect(await failure(api.queryTask('123'))).toMatchObject({ status: 429, code: 'rate_limited', retryAfter: 42 });
  });

  test('an HTML answer is upstream_unreadable', async () => {
    const { worker, api } = setup();
    worker.script('create', new Response('<html>Bad gateway</html>', { status: 502, headers: { 'Content-Type': 'text/html' } }));
    expect(await failure(api.createTask(body))).toMatchObject({ code: 'upstream_unreadable', charge: 'maybe' });
    worker.script('query', new Response('<html>ok?</html>', { status: 200 }));
    expect((await failure(api.queryTask('1'))).code).toBe('upstream_unreadable');
  });

  test('a network failure or timeout of a create may have reached MiniMax', async () => {
    const { worker, api } = setup();
    worker.script('create', new TypeError('Failed to fetch'));
    expect(await failure(api.createTask(body))).toMatchObject({ status: 0, code: 'network_error', charge: 'maybe' });
    worker.script('create', new DOMException('timed out', 'TimeoutError'));
    expect(await failure(api.createTask(body))).toMatchObject({ code: 'client_timeout', charge: 'maybe' });
  });

  test('videoStream returns the body and its announced length', async () => {
    const { worker, api } = setup();
    worker.durationMs = 0;
    worker.videoBytes = 5000;
    const { task_id } = await api.createTask(body);
    const q = await api.queryTask(task_id);
    const { stream, bytes } = await api.videoStream(q.file_id!);
    expect(bytes).toBe(5000);
    expect((await new Response(stream).arrayBuffer()).byteLength).toBe(5000);
  });

  test('Retry-After as an HTTP date', () => {
    expect(parseRetryAfter('Wed, 21 Oct 2015 07:28:30 GMT', Date.parse('Wed, 21 Oct 2015 07:28:00 GMT'))).toBe(30);
    expect(parseRetryAfter('soon')).toBeUndefined();
  });
});

describe('video download guard', () => {
  test('a download whose bytes stop coming errors instead of hanging', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    try {
      const api = createApiClient(
        () => ({ baseUrl: '' }),
        async () =>
          new Response(
            new ReadableStream<Uint8Array>({
              start(controller) {
                controller.enqueue(new Uint8Array(10)); // then nothing, forever
              },
            }),
            { headers: { 'Content-Length': '100' } },
          ),
      );
      const { stream, bytes } = await api.videoStream('1');
      expect(bytes).toBe(100);
      const reader = stream.getReader();
      expect((await reader.read()).value?.length).toBe(10);
      const next = reader.read().catch((e: unknown) => e);
      await vi.advanceTimersByTimeAsync(31_000);
      expect(await next).toMatchObject({ name: 'TimeoutError' });
    } finally {
      vi.useRealTimers();
    }
  });
});
