// The request id: Cloudflare's Ray ID only when it has exactly a Ray ID's shape, else a fresh UUID.
import { describe, expect, it } from 'vitest';
import { harness } from '../testing/harness';

describe('X-Request-Id', () => {
  it.each(['8f3c2b1a0e9d7c6b', '8f3c2b1a0e9d7c6b-AMS'])('echoes a Ray ID of the right shape: %s', async (ray) => {
    const res = await harness().request('/api/health', { headers: { 'cf-ray': ray } });
    expect(res.headers.get('x-request-id')).toBe(ray);
  });

  it.each(['x8f3c2b1a0e9d7c6b', '8f3c2b1a0e9d7c6b-AMSX', '8f3c2b1a0e9d7c6', '8F3C2B1A0E9D7C6B', '8f3c2b1a0e9d7c6b-ams', '8f3c2b1a0e9d7c6b\nSet-Cookie: x'])(
    'answers a fresh id instead of a cf-ray shaped otherwise: %j',
    async (ray) => {
      const res = await harness().request('/api/health', { headers: { 'cf-ray': ray.replace('\n', ' ') } });
      expect(res.headers.get('x-request-id')).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    },
  );

  it('is the same id in the header and in an error body', async () => {
    const res = await harness().request('/api/v1/nothing');
    const body = (await res.json()) as { error: { request_id: string } };
    expect(body.error.request_id).toBe(res.headers.get('x-request-id'));
  });
});
