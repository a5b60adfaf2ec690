import { describe, expect, it, vi } from 'vitest';
import { testConnection, type ConnectionContext } from './connection';

const PAGE = 'https://someone.github.io';
const WORKER = 'https://studio.example.workers.dev';

function context(fetchImpl: typeof fetch, extra: Partial<ConnectionContext> = {}): ConnectionContext {
  return { pageOrigin: PAGE, connectSrc: ["'self'", WORKER], credentials: {}, fetchImpl, ...extra };
}

const health = (mode: string) => new Response(JSON.stringify({ status: 'ok', mode }), { headers: { 'Content-Type': 'application/json' } });

describe('testing the Worker URL before it is saved', () => {
  it('asks the worker’s /api/health, with the access code, and reports its mode', async () => {
    const fetchImpl = vi.fn<typeof fetch>(async () => health('live'));
    const result = await testConnection(`${WORKER}/`, context(fetchImpl, { credentials: { accessCode: 'code-1' } }));
    expect(result).toEqual({ kind: 'connected', origin: WORKER, mode: 'live' });
    expect(fetchImpl).toHaveBeenCalledOnce();
    const [url, init] = fetchImpl.mock.calls[0]!;
    expect(url).toBe(`${WORKER}/api/health`);
    expect(new Headers(init?.headers).get('Authorization')).toBe('Bearer code-1');
  });

  it('sends nothing for a URL that is not a worker origin', async () => {
    const fetchImpl = vi.fn<typeof fetch>();
    expect(await testConnection('not a url', context(fetchImpl))).toEqual({ kind: 'invalid', problem: 'not_a_url' });
    expect(await testConnection('http://studio.example', context(fetchImpl))).toEqual({ kind: 'invalid', problem: 'not_https' });
    expect(fetchImpl).not.toHaveBeenCalled();
  });

  it('sends nothing to an origin this page’s own policy blocks, and says so', async () => {
    const fetchImpl = vi.fn<typeof fetch>();
    const result = await testConnection('https://other.example', context(fetchImpl));
    expect(result).toEqual({ kind: 'blocked_by_page', origin: 'https://other.example' });
    expect(fetchImpl).not.toHaveBeenCalled();
  });

  it('tells a worker that refuses this page’s origin (CORS) from one that is not there', async () => {
    const refusing = vi.fn<typeof fetch>(async (_url, init) => {
      if (init?.mode === 'no-cors') return new Response(null, { status: 200 });
      throw new TypeError('Failed to fetch');
    });
    expect(await testConnection(WORKER, context(refusing))).toEqual({ kind: 'origin_not_allowed', origin: WORKER, pageOrigin: PAGE });
    expect(refusing.mock.calls[1]?.[0]).toBe(`${WORKER}/`);
    expect(refusing.mock.calls[1]?.[1]?.mode).toBe('no-cors');

    const absent = vi.fn<typeof fetch>(async () => {
      throw new TypeError('Failed to fetch');
    });
    expect(await testConnection(WORKER, context(absent))).toEqual({ kind: 'unreachable', origin: WORKER });
    expect(absent).toHaveBeenCalledTimes(2);
  });

  it('reports the worker’s own refusal with its status and sentence', async () => {
    const fetchImpl = vi.fn<typeof fetch>(
      async () => new Response(JSON.stringify({ error: { code: 'unauthorized', message: 'This studio needs an access code.' } }), { status: 401 }),
    );
    const result = await testConnection(WORKER, context(fetchImpl));
    expect(result).toEqual({ kind: 'refused', origin: WORKER, status: 401, code: 'unauthorized', message: 'This studio needs an access code.' });
  });

  it('empty means the page’s own origin, reached without a CORS probe when it fails', async () => {
    const fetchImpl = vi.fn<typeof fetch>(async () => {
      throw new TypeError('Failed to fetch');
    });
    expect(await testConnection('', context(fetchImpl))).toEqual({ kind: 'unreachable', origin: PAGE });
    expect(fetchImpl).toHaveBeenCalledOnce();
    expect(fetchImpl.mock.calls[0]?.[0]).toBe('/api/health');
  });
});
