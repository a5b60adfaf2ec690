// Idempotent creates (Idempotency-Key): one paid create per key and caller, whatever the client does.
import { describe, expect, it } from 'vitest';
import { harness, json, type Harness } from '../testing/harness';

const body = { model: 'MiniMax-Hailuo-2.3', prompt: 'A paper boat on a pond', duration: 6, resolution: '768P' };
const PUBLIC = 'https://studio.example.com';
const creates = (h: Harness) => h.sim.seen.filter((s) => s.path === '/v1/video_generation').length;

/** A harness whose upstream creates wait until `open()` is called. */
function gatedHarness(env: Record<string, string> = {}) {
  let open!: () => void;
  let arrived!: () => void;
  const gate = new Promise<void>((resolve) => (open = resolve));
  /** the create has reached the (held) upstream */
  const reached = new Promise<void>((resolve) => (arrived = resolve));
  const box: { h?: Harness } = {};
  box.h = harness({
    env,
    fetch: async (request) => {
      if (new URL((request as Request).url).pathname === '/v1/video_generation') {
        arrived();
        await gate;
      }
      return box.h!.sim.fetch(request as Request);
    },
  });
  return { h: box.h, open, reached };
}

describe('Idempotency-Key on creates', () => {
  it('answers a repeated key with the stored answer and no new upstream call', async () => {
    const h = harness();
    const first = await h.request('/api/v1/video_generation', json(body, { 'Idempotency-Key': 'key-1' }));
    const again = await h.request('/api/v1/video_generation', json(body, { 'Idempotency-Key': 'key-1' }));
    expect(first.status).toBe(200);
    expect(again.status).toBe(200);
    expect(await again.text()).toBe(await first.text());
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(first.headers.has('idempotent-replayed')).toBe(false);
    expect(creates(h)).toBe(1);
  });

  it('sends a new key as a new create', async () => {
    const h = harness();
    const a = (await (await h.request('/api/v1/video_generation', json(body, { 'Idempotency-Key': 'a' }))).json()) as { task_id: string };
    const b = (await (await h.request('/api/v1/video_generation', json(body, { 'Idempotency-Key': 'b' }))).json()) as { task_id: string };
    expect(a.task_id).not.toBe(b.task_id);
    expect(creates(h)).toBe(2);
  });

  it('makes concurrent duplicates wait for the first and share its answer: one create', async () => {
    const { h, open, reached } = gatedHarness();
    const pending = [1, 2, 3].map(() => h.request('/api/v1/video_generation', json(body, { 'Idempotency-Key': 'same' })));
    await reached;
    open();
    const answers = await Promise.all(pending.map(async (p) => (await p).text()));
    expect(new Set(answers).size).toBe(1);
    expect(JSON.parse(answers[0])).toMatchObject({ task_id: expect.stringMatching(/^\d+$/) });
    expect(creates(h)).toBe(1);
  });

  it('refuses the same key with another body (422), creating nothing', async () => {
    const h = harness();
    await h.request('/api/v1/video_generation', json(body, { 'Idempotency-Key': 'k' }));
    const other = await h.request('/api/v1/video_generation', json({ ...body, prompt: 'Another prompt' }, { 'Idempotency-Key': 'k' }));
    expect(other.status).toBe(422);
    expect(await other.json()).toMatchObject({ error: { code: 'idempotency_mismatch', field: 'Idempotency-Key' } });
    expect(creates(h)).toBe(1);
  });

  it('finishes and stores a create whose client went away, so the resend finds it', async () => {
    const { h, open, reached } = gatedHarness();
    const client = new AbortController();
    const gone = h.request('/api/v1/video_generation', { ...json(body, { 'Idempotency-Key': 'reload' }), signal: client.signal });
    await reached;
    client.abort();
    // The upstream create is not tied to the client's connection.
    expect(h.outbound[0].signal.aborted).toBe(false);
    open();
    const firstAnswer = await (await gone).text();
    const resend = await h.request('/api/v1/video_generation', json(body, { 'Idempotency-Key': 'reload' }));
    expect(await resend.text()).toBe(firstAnswer);
    expect(resend.headers.get('idempotent-replayed')).toBe('true');
    expect(creates(h)).toBe(1);
  });

  it('ties an unkeyed create to its client: leaving aborts the upstream call', async () => {
    const { h, open, reached } = gatedHarness();
    const client = new AbortController();
    const pending = h.request('/api/v1/video_generation', { ...json(body), signal: client.signal }).catch(() => null);
    await reached;
    client.abort();
    expect(h.outbound[0].signal.aborted).toBe(true);
    open();
    await pending;
  });

  it('frees the key when MiniMax refuses, so a corrected retry is a fresh attempt', async () => {
    const h = harness();
    const refused = await h.request('/api/v1/video_generation', json({ ...body, prompt: 'sim:error=1008' }, { 'Idempotency-Key': 'r' }));
    expect(((await refused.json()) as { base_resp: { status_code: number } }).base_resp.status_code).toBe(1008);
    const retried = await h.request('/api/v1/video_generation', json({ ...body, prompt: 'sim:error=1008' }, { 'Idempotency-Key': 'r' }));
    expect(retried.headers.has('idempotent-replayed')).toBe(false);
    expect(creates(h)).toBe(2);
  });

  it('keeps keys per caller: the same key from two access codes makes two tasks, never the other’s', async () => {
    const h = harness({ env: { ACCESS_CODES: 'code-aaaa,code-bbbb' } });
    const send = (code: string) => h.request('/api/v1/video_generation', json(body, { 'Idempotency-Key': 'shared', Authorization: `Bearer ${code}` }), {}, PUBLIC);
    const a = (await (await send('code-aaaa')).json()) as { task_id: string };
    const b = (await (await send('code-bbbb')).json()) as { task_id: string };
    expect(a.task_id).not.toBe(b.task_id);
    expect(creates(h)).toBe(2);
  });

  it('refuses a malformed key before anything is sent', async () => {
    const h = harness();
    for (const key of ['', 'has space', 'x'.repeat(256), 'ünïcode']) {
      const res = await h.request('/api/v1/video_generation', json(body, { 'Idempotency-Key': key }));
      expect(((await res.json()) as { base_resp: { status_code: number } }).base_resp.status_code, key).toBe(2013);
    }
    expect(h.outbound).toHaveLength(0);
  });

  it('replays without counting against the create limit', async () => {
    const h = harness();
    for (let i = 0; i < 15; i++) {
      const res = await h.request('/api/v1/video_generation', json(body, { 'Idempotency-Key': 'one' }));
      expect(((await res.json()) as { base_resp: { status_code: number } }).base_resp.status_code).toBe(0);
    }
    expect(creates(h)).toBe(1);
  });
});
