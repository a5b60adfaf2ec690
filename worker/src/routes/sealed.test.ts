import { describe, expect, it } from 'vitest';
import type { Env } from '../env';
import type { LinkClaims } from '../http/links';
import type { TargetDeps } from '../http/target';
import { streamSealed } from './sealed';

// Two file sources told apart by host and by fetch: the mode sealed into a link decides which one may fetch it.
function setup() {
  const used: string[] = [];
  const answer = (who: string) => async (input: RequestInfo | URL) => {
    used.push(`${who} ${new URL(input instanceof Request ? input.url : input).hostname}`);
    return new Response('video bytes', { status: 200, headers: { 'content-type': 'video/mp4', 'content-length': '11' } });
  };
  const deps: TargetDeps = {
    fetch: answer('live'),
    demo: () => ({ fetch: answer('demo'), key: 'demo-key', base: 'https://api.demo.invalid', fileHosts: ['cdn.demo.invalid'] }),
    timeouts: { timeoutMs: 1000, createTimeoutMs: 1000 },
  };
  const env = { MINIMAX_API_KEY: 'sk-server-key-123456', MINIMAX_FILE_HOSTS: 'cdn.live.invalid' } as Env;
  const open = (claims: LinkClaims) => streamSealed(env, deps, claims, { range: null, filename: 'v.mp4' }, () => Promise.reject(new Error('no refresh')));
  return { used, open };
}

const link = (mode: LinkClaims['mode'], host: string): LinkClaims => ({ url: `https://${host}/v.mp4`, fileId: '42', exp: 2e9, mode });

describe('a sealed link is fetched from the file source of the mode that sealed it', () => {
  it('a demo link from the demo simulator', async () => {
    const { used, open } = setup();
    const res = await open(link('demo', 'cdn.demo.invalid'));
    expect(res.status).toBe(200);
    expect(used).toEqual(['demo cdn.demo.invalid']);
  });

  it('a live link from the configured file hosts', async () => {
    const { used, open } = setup();
    const res = await open(link('live', 'cdn.live.invalid'));
    expect(res.status).toBe(200);
    expect(used).toEqual(['live cdn.live.invalid']);
  });

  it('a live link naming a demo host is refused, and fetches nothing', async () => {
    const { used, open } = setup();
    await expect(open(link('live', 'cdn.demo.invalid'))).rejects.toThrow();
    expect(used).toEqual([]);
  });
});
