// Catalogue §6: the server key (and a caller's own key, the access codes, the link secret) never appear in an
// answer, a log line or a request to the CDN — on any route, success or error.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Fault, FaultTarget } from '../simulator';
import { harness, json, SERVER_KEY } from '../testing/harness';

const OWN_KEY = 'sk-user-own-key-98765';
const CODE = 'secret-access-code-7f3a';
const LINK_SECRET = 'link-secret-0123456789abcdef';
const SECRETS = [SERVER_KEY, OWN_KEY, CODE, LINK_SECRET];
const env = { ACCESS_CODES: CODE, LINK_SECRET };
const auth = { Authorization: `Bearer ${CODE}` };
const body = { model: 'MiniMax-Hailuo-2.3', prompt: 'A harbour at night' };

let logged: string[] = [];
beforeEach(() => {
  logged = [];
  for (const method of ['log', 'info', 'warn', 'error', 'debug', 'trace'] as const) {
    vi.spyOn(console, method).mockImplementation((...args: unknown[]) => void logged.push(args.map((a) => (a instanceof Error ? `${a.name} ${a.message} ${a.stack}` : String(a))).join(' ')));
  }
});
afterEach(() => vi.restoreAllMocks());

async function answerText(res: Response): Promise<string> {
  return `${res.status} ${[...res.headers].map(([k, v]) => `${k}: ${v}`).join('\n')}\n${await res.text()}`;
}

function expectNoSecret(where: string, text: string): void {
  for (const secret of SECRETS) expect(text.includes(secret), `${secret} in ${where}`).toBe(false);
}

describe('no secret in any answer or log line', () => {
  it('across every route, success and refusal', async () => {
    const h = harness({ env });
    const { fileId } = await (async () => {
      const created = await h.request('/api/v1/video_generation', json(body, auth));
      const { task_id } = (await created.json()) as { task_id: string };
      h.clock.now += 10_000;
      const q = await h.request(`/api/v1/query/video_generation?task_id=${task_id}`, { headers: auth });
      return { fileId: ((await q.json()) as { file_id: string }).file_id };
    })();
    const retrieved = await h.request(`/api/v1/files/retrieve?file_id=${fileId}`, { headers: auth });
    const retrievedText = await answerText(retrieved.clone());
    const link = new URL((JSON.parse(retrievedText.slice(retrievedText.indexOf('\n{') + 1)) as { file: { download_url: string } }).file.download_url);
    const calls: [string, RequestInit?][] = [
      ['/api/health'],
      ['/api/v1/video_generation', json(body, auth)],
      ['/api/v1/video_generation', json({ ...body, duration: 10, resolution: '1080P' }, auth)],
      ['/api/v1/video_generation', { method: 'POST', headers: { ...auth, 'Content-Type': 'text/plain' }, body: '{}' }],
      ['/api/v1/video_generation', { method: 'POST', headers: { ...auth, 'Content-Type': 'application/json' }, body: '{"model":' }],
      ['/api/v1/video_generation', json(body, { ...auth, 'X-MiniMax-Key': OWN_KEY })],
      ['/api/v1/video_generation', json(body, { ...auth, 'X-MiniMax-Key': OWN_KEY, 'X-MiniMax-Region': 'mars' })],
      ['/api/v1/video_generation', json(body)],
      ['/api/v1/video_generation', json(body, { Authorization: 'Bearer wrong' })],
      ['/api/v1/video_generation', json(body, { ...auth, Origin: 'https://evil.example' })],
      ['/api/v1/video_generation', { method: 'OPTIONS', headers: { Origin: 'https://evil.example' } }],
      ['/api/v1/query/video_generation?task_id=abc', { headers: auth }],
      ['/api/v1/query/video_generation?task_id=99', { headers: auth }],
      [`/api/v1/files/retrieve?file_id=${fileId}`, { headers: auth }],
      [`/api/v1/files/content?file_id=${fileId}`, { headers: auth }],
      [`/api/v1/files/content?file_id=${fileId}`, { headers: { ...auth, Range: 'bytes=0-99' } }],
      [`/api/v1/files/content?file_id=${fileId}`, { headers: { ...auth, Range: 'bytes=9-1' } }],
      [link.pathname + link.search],
      [`/api/v1/files/content?file_id=${fileId}&t=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA`],
      ['/api/v1/nothing', { headers: auth }],
      ['/api/v1/video_generation', { method: 'DELETE', headers: auth }],
      ['/API/v1/video_generation', { headers: auth }],
    ];
    expectNoSecret('retrieve', retrievedText);
    for (const [path, init] of calls) expectNoSecret(path, await answerText(await h.request(path, init)));
    for (let i = 0; i < 12; i++) expectNoSecret('rate limit', await answerText(await h.request('/api/v1/video_generation', json(body, auth))));
    expectNoSecret('logs', logged.join('\n'));
    for (const o of h.outbound.filter((o) => o.url.hostname === 'cdn.sim.invalid')) {
      expectNoSecret('a CDN request', `${o.url} ${[...o.headers].join(' ')}`);
    }
  });

  it.each([
    ['create', { kind: 'html' }],
    ['create', { kind: 'broken_json' }],
    ['create', { kind: 'empty' }],
    ['create', { kind: 'http', status: 500 }],
    ['create', { kind: 'code', code: 1004 }],
    ['create', { kind: 'hang' }],
    ['query', { kind: 'code', code: 2049 }],
    ['retrieve', { kind: 'http', status: 401 }],
    ['cdn', { kind: 'code', code: 500 }],
    ['cdn', { kind: 'hang' }],
  ] as [FaultTarget, Fault][])('on a %s fault %j', async (on, fault) => {
    const h = harness({ env, timeoutMs: 100 });
    const created = await h.request('/api/v1/video_generation', json(body, auth));
    const { task_id } = (await created.json()) as { task_id: string };
    h.clock.now += 10_000;
    const q = await h.request(`/api/v1/query/video_generation?task_id=${task_id}`, { headers: auth });
    const { file_id } = (await q.json()) as { file_id: string };
    h.sim.failNext(on, fault);
    const path =
      on === 'create' ? '/api/v1/video_generation' : on === 'query' ? `/api/v1/query/video_generation?task_id=${task_id}` : `/api/v1/files/content?file_id=${file_id}`;
    const res = await h.request(path, on === 'create' ? json(body, auth) : { headers: auth });
    // a refusal: a real error status, or MiniMax's HTTP 200 with a non-zero base_resp
    if (res.status < 400) expect(((await res.clone().json()) as { base_resp: { status_code: number } }).base_resp.status_code).not.toBe(0);
    expectNoSecret('answer', await answerText(res));
    expectNoSecret('logs', logged.join('\n'));
    h.sim.reset();
  });

  it('blanks a key MiniMax echoes back in its answer (status_msg, any field)', async () => {
    const h = harness({
      env,
      fetch: async (request) => {
        const key = ((request as Request).headers.get('authorization') ?? '').replace('Bearer ', '');
        return Response.json({ task_id: '1', status: `Processing for ${key}`, base_resp: { status_code: 2049, status_msg: `invalid api key: ${key}` } });
      },
    });
    for (const headers of [auth, { ...auth, 'X-MiniMax-Key': OWN_KEY }]) {
      const res = await h.request('/api/v1/video_generation', json({ model: 'MiniMax-Hailuo-2.3', prompt: 'A kite' }, headers));
      const text = await answerText(res);
      expect(text).toContain('[redacted]');
      expectNoSecret('echoed answer', text);
    }
  });

  it('logs no key when the upstream fetch throws with the key in its message', async () => {
    const h = harness({
      env,
      fetch: async (request) => {
        throw new TypeError(`fetch failed: ${(request as Request).headers.get('authorization')}`);
      },
    });
    const res = await h.request('/api/v1/video_generation', json({ model: 'MiniMax-Hailuo-2.3', prompt: 'A kite' }, { ...auth, 'X-MiniMax-Key': OWN_KEY }));
    expect(res.status).toBe(502);
    expectNoSecret('answer', await answerText(res));
    expectNoSecret('logs', logged.join('\n'));
  });

  it('logs only the class of an unexpected error, whose message might quote a key', async () => {
    const binding = {
      limit: async () => {
        throw new Error(`binding failed while sending Authorization: Bearer ${SERVER_KEY} (${CODE})`);
      },
    };
    const h = harness({ env: { ...env, CREATE_LIMITER: binding } });
    const res = await h.request('/api/v1/video_generation', json(body, auth));
    expect(res.status).toBe(500);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('internal_error');
    expect(logged.join('\n')).toContain('unexpected error: Error');
    expectNoSecret('logs', logged.join('\n'));
  });

  it('does not echo a client-written cf-ray as the request id', async () => {
    const h = harness();
    const res = await h.request('/api/v1/nothing', { headers: { 'cf-ray': '<img src=x onerror=alert(1)>' } });
    expect(res.headers.get('x-request-id')).not.toContain('<');
    expect(await res.text()).not.toContain('onerror');
    const real = await h.request('/api/v1/nothing', { headers: { 'cf-ray': '8f3c2b1a0e9d7c6b-AMS' } });
    expect(real.headers.get('x-request-id')).toBe('8f3c2b1a0e9d7c6b-AMS');
  });
});

describe('the SPA source', () => {
  const root = new URL('../../../web/src/', import.meta.url).pathname;
  const files = (dir: string): string[] =>
    readdirSync(dir).flatMap((name) => {
      const path = join(dir, name);
      return statSync(path).isDirectory() ? files(path) : [path];
    });

  it('renders nothing as raw HTML: no {@html} anywhere in web/src', () => {
    for (const file of files(root).filter((f) => f.endsWith('.svelte'))) expect(/\{@html\b/.test(readFileSync(file, 'utf8')), file).toBe(false);
  });

  it('puts no javascript: URL and no bare server-supplied URL into markup', () => {
    for (const file of files(root).filter((f) => f.endsWith('.svelte'))) {
      const text = readFileSync(file, 'utf8');
      expect(/(?:href|src|action|formaction)\s*=\s*["']?\s*javascript:/i.test(text), file).toBe(false);
      // the worker answers its own stream links; a raw download_url must never be bound to an attribute
      expect(/(?:href|src)\s*=\s*\{[^}]*download_url/.test(text), file).toBe(false);
    }
  });
});
