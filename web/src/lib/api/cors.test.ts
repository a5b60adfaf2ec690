// A page on another origin gets an answer only when the worker's preflight allows every header the SPA sends.
import { describe, expect, it, vi } from 'vitest';
import { CORS_ALLOW_HEADERS } from '$contract/cors';
import { createApiClient } from './client';

// What a browser sends without a preflight (Fetch standard, CORS-safelisted request headers).
const SAFELISTED = new Set(['accept', 'accept-language', 'content-language']);

describe('the headers the SPA sends to a worker on another origin', () => {
  it('are each safelisted or allowed by the worker’s preflight answer', async () => {
    const sent = new Set<string>();
    const fetchImpl = vi.fn<typeof fetch>(async (_url, init) => {
      new Headers(init?.headers).forEach((_value, name) => sent.add(name.toLowerCase()));
      return new Response('{}', { status: 500 });
    });
    const api = createApiClient(() => ({ baseUrl: 'https://w.example', accessCode: 'c', byokKey: 'k', byokRegion: 'cn' }), fetchImpl);
    await Promise.allSettled([api.health(), api.createTask({ model: 'MiniMax-Hailuo-02', prompt: 'x' }), api.queryTask('1'), api.videoStream('2')]);
    expect(fetchImpl).toHaveBeenCalledTimes(4);
    const allowed = new Set(CORS_ALLOW_HEADERS.split(',').map((name) => name.trim().toLowerCase()));
    expect([...sent].filter((name) => !SAFELISTED.has(name) && !allowed.has(name))).toEqual([]);
    expect(sent).toEqual(new Set(['accept', 'authorization', 'content-type', 'x-minimax-key', 'x-minimax-region']));
  });
});
