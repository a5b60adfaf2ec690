// Catalogue §7: every upstream and CDN fault ends in a clear JSON error — or, mid-stream, in an error the client
// sees (never a silently short file).
import { describe, expect, it } from 'vitest';
import type { Fault, FaultTarget } from '../simulator';
import { harness, json, SAMPLE_VIDEO } from '../testing/harness';

interface ErrorAnswer {
  error: { code: string; message: string; request_id?: string };
}

const faults: [string, Fault, number, string][] = [
  ['HTTP 500', { kind: 'http', status: 500 }, 502, 'upstream_unreadable'],
  ['HTTP 503', { kind: 'http', status: 503 }, 502, 'upstream_unreadable'],
  ['HTTP 429', { kind: 'http', status: 429 }, 429, 'rate_limited'],
  ['an nginx HTML page', { kind: 'html' }, 502, 'upstream_unreadable'],
  ['truncated JSON', { kind: 'broken_json' }, 502, 'upstream_unreadable'],
  ['an empty body', { kind: 'empty' }, 502, 'upstream_unreadable'],
  ['base_resp 1002', { kind: 'code', code: 1002 }, 200, 'rate_limited'],
  ['a hang', { kind: 'hang' }, 504, 'upstream_timeout'],
];

async function call(h: ReturnType<typeof harness>, on: FaultTarget, fileId: string): Promise<Response> {
  if (on === 'create') return h.request('/api/v1/video_generation', json({ model: 'MiniMax-Hailuo-2.3', prompt: 'x' }));
  if (on === 'query') return h.request('/api/v1/query/video_generation?task_id=1');
  return h.request(`/api/v1/files/${on === 'retrieve' ? 'retrieve' : 'content'}?file_id=${fileId}`);
}

describe.each(['create', 'query', 'retrieve'] as const)('MiniMax faults on %s', (on) => {
  it.each(faults)('%s → %i %s, as JSON with nosniff', async (_name, fault, status, code) => {
    const h = harness({ timeoutMs: 150 });
    const { fileId } = on === 'retrieve' ? await h.finishedTask() : { fileId: '1' };
    h.sim.failNext(on, fault);
    const res = await call(h, on, fileId);
    expect(res.status).toBe(status);
    expect(res.headers.get('content-type')).toContain('application/json');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    const answer = (await res.json()) as ErrorAnswer;
    expect(answer.error.code).toBe(code);
    expect(answer.error.message).not.toMatch(/<html|nginx|Bad Gateway/i);
    if (code === 'rate_limited') expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
    h.sim.reset();
  });
});

describe('faults while fetching the video', () => {
  it.each([
    ['a retrieve that hangs', 'retrieve', { kind: 'hang' }, 504],
    ['a retrieve answering HTML', 'retrieve', { kind: 'html' }, 502],
    ['a CDN answering 500', 'cdn', { kind: 'code', code: 500 }, 502],
    ['a CDN refusing the signature (403)', 'cdn', { kind: 'code', code: 403 }, 410],
    ['a CDN that never answers', 'cdn', { kind: 'hang' }, 504],
  ] as [string, FaultTarget, Fault, number][])('%s → %i JSON', async (_name, on, fault, status) => {
    const h = harness({ timeoutMs: 150 });
    const { fileId } = await h.finishedTask();
    h.sim.failNext(on, fault);
    const res = await h.request(`/api/v1/files/content?file_id=${fileId}`);
    expect(res.status).toBe(status);
    expect(res.headers.get('content-type')).toContain('application/json');
    // A hang ends by the worker's own deadline (its TimeoutError), not by anything else giving up.
    if (fault.kind === 'hang') expect((h.outbound.at(-1)!.signal.reason as Error).name).toBe('TimeoutError');
    h.sim.reset();
  });

  it('lets a stream cut mid-way reach the client as an error, with the full Content-Length announced', async () => {
    const h = harness();
    const { fileId } = await h.finishedTask();
    h.sim.failNext('cdn', { kind: 'cut', afterBytes: 10_000 });
    const res = await h.request(`/api/v1/files/content?file_id=${fileId}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-length')).toBe(String(SAMPLE_VIDEO.length));
    const reader = res.body!.getReader();
    let received = 0;
    const outcome = await (async () => {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) return 'ended cleanly';
        received += value.length;
      }
    })().catch(() => 'errored');
    expect(outcome).toBe('errored');
    expect(received).toBeLessThan(SAMPLE_VIDEO.length);
  });

  it('lets a slow but steady stream finish byte-exact (the deadline covers the headers, not the body)', async () => {
    const chunks = 8;
    const size = Math.ceil(SAMPLE_VIDEO.length / chunks);
    const h = harness({
      timeoutMs: 100,
      fetch: async (request) => {
        const url = new URL((request as Request).url);
        if (url.hostname === 'api.minimax.io') {
          return Response.json({ file: { file_id: 1, download_url: 'https://cdn.sim.invalid/v.mp4' }, base_resp: { status_code: 0, status_msg: 'success' } });
        }
        let i = 0;
        const body = new ReadableStream<Uint8Array>({
          async pull(c) {
            await new Promise((ok) => setTimeout(ok, 40)); // 8 × 40 ms: well past the 100 ms header deadline
            if (i >= chunks) return c.close();
            c.enqueue(SAMPLE_VIDEO.slice(i * size, ++i * size));
          },
        });
        return new Response(body, { headers: { 'Content-Length': String(SAMPLE_VIDEO.length) } });
      },
    });
    const res = await h.request('/api/v1/files/content?file_id=1');
    expect(res.status).toBe(200);
    expect(new Uint8Array(await res.arrayBuffer())).toEqual(SAMPLE_VIDEO);
  });

  it('answers 502 when the file host cannot be reached at all', async () => {
    const h = harness({
      fetch: async (request) =>
        new URL((request as Request).url).hostname === 'api.minimax.io'
          ? Response.json({ file: { file_id: 1, download_url: 'https://cdn.sim.invalid/v.mp4' }, base_resp: { status_code: 0, status_msg: 'success' } })
          : Promise.reject(new TypeError('connect ECONNREFUSED')),
    });
    const res = await h.request('/api/v1/files/content?file_id=1');
    expect(res.status).toBe(502);
    expect(((await res.json()) as ErrorAnswer).error.code).toBe('upstream_error');
  });
});
