import { describe, expect, it } from 'vitest';
import { createRequest, json, KEY, makeSimulator, T2V } from './test-kit';

describe('POST /v1/video_generation', () => {
  it('answers a 15-digit string task_id with base_resp success', async () => {
    const { sim } = makeSimulator();
    const response = await sim.fetch(createRequest(T2V));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    const text = await response.text();
    expect(text).toMatch(/^\{"task_id":"\d{15,16}","base_resp":\{"status_code":0,"status_msg":"success"\}\}$/);
  });

  it('answers 1004 with MiniMax’s login-fail message and an empty task_id when no key is sent', async () => {
    const { sim } = makeSimulator();
    const answer = await json(await sim.fetch(createRequest(T2V, { key: null })));
    expect(answer).toEqual({
      task_id: '',
      base_resp: {
        status_code: 1004,
        status_msg: "login fail: Please carry the API secret key in the 'Authorization' field of the request header",
      },
    });
  });

  it('answers 1004 for a non-Bearer Authorization header', async () => {
    const { sim } = makeSimulator();
    const request = new Request('https://x/v1/video_generation', {
      method: 'POST',
      headers: { authorization: KEY, 'content-type': 'application/json' },
      body: JSON.stringify(T2V),
    });
    expect((await json(await sim.fetch(request))).base_resp.status_code).toBe(1004);
  });

  it('answers 2049 invalid api key for an unknown key', async () => {
    const { sim } = makeSimulator();
    const answer = await json(await sim.fetch(createRequest(T2V, { key: 'sk-nope' })));
    expect(answer).toEqual({ task_id: '', base_resp: { status_code: 2049, status_msg: 'invalid api key' } });
  });

  it('answers 1004 token not match group when a GroupId is sent', async () => {
    const { sim } = makeSimulator();
    const answer = await json(await sim.fetch(createRequest(T2V, { query: '?GroupId=123' })));
    expect(answer.base_resp).toEqual({ status_code: 1004, status_msg: 'token not match group' });
  });

  it('rejects a missing or non-JSON Content-Type as 2013', async () => {
    const { sim } = makeSimulator();
    for (const contentType of [null, 'text/plain', 'application/x-www-form-urlencoded']) {
      const answer = await json(await sim.fetch(createRequest(T2V, { contentType })));
      expect(answer.base_resp.status_code).toBe(2013);
      expect(answer.base_resp.status_msg).toMatch(/^invalid params, Content-Type/);
    }
    const ok = await json(await sim.fetch(createRequest(T2V, { contentType: 'application/json; charset=utf-8' })));
    expect(ok.base_resp.status_code).toBe(0);
  });

  it('rejects malformed JSON as 2013', async () => {
    const { sim } = makeSimulator();
    const answer = await json(await sim.fetch(createRequest(null, { raw: '{"model":' })));
    expect(answer).toEqual({ task_id: '', base_resp: { status_code: 2013, status_msg: 'invalid params, request body is not valid JSON' } });
  });

  it('rejects 1080P with 10 s as 2013 naming the duration', async () => {
    const { sim } = makeSimulator();
    const answer = await json(await sim.fetch(createRequest({ ...T2V, resolution: '1080P', duration: 10 })));
    expect(answer.task_id).toBe('');
    expect(answer.base_resp).toEqual({ status_code: 2013, status_msg: 'invalid params, duration 10 not supported at 1080P' });
  });

  it('rejects 2.3-Fast without a first frame as 2013', async () => {
    const { sim } = makeSimulator();
    const answer = await json(await sim.fetch(createRequest({ model: 'MiniMax-Hailuo-2.3-Fast', prompt: 'a' })));
    expect(answer.base_resp.status_code).toBe(2013);
  });

  it('answers 1002 on the 6th create within a rolling minute at the default 5 RPM, and admits again after it', async () => {
    const { sim, advance } = makeSimulator({ rpm: undefined });
    const codes: number[] = [];
    for (let i = 0; i < 6; i++) {
      codes.push((await json(await sim.fetch(createRequest(T2V)))).base_resp.status_code);
      advance(1000);
    }
    expect(codes).toEqual([0, 0, 0, 0, 0, 1002]);
    advance(54_001); // the first create is now more than 60 s old
    expect((await json(await sim.fetch(createRequest(T2V)))).base_resp.status_code).toBe(0);
    expect((await json(await sim.fetch(createRequest(T2V)))).base_resp.status_code).toBe(1002);
  });

  it('counts the rate per key', async () => {
    const { sim } = makeSimulator({ rpm: 1 });
    expect((await json(await sim.fetch(createRequest(T2V)))).base_resp.status_code).toBe(0);
    expect((await json(await sim.fetch(createRequest(T2V, { key: 'sk-other-key' })))).base_resp.status_code).toBe(0);
    const limited = await json(await sim.fetch(createRequest(T2V)));
    expect(limited).toEqual({ task_id: '', base_resp: { status_code: 1002, status_msg: 'rate limit exceeded(RPM)' } });
  });

  it('records every request in seen with lower-cased headers and the body', async () => {
    const { sim, clock } = makeSimulator();
    await sim.fetch(createRequest(T2V, { key: null }));
    await sim.fetch(createRequest(T2V));
    expect(sim.seen).toHaveLength(2);
    expect(sim.seen[1]).toEqual({
      method: 'POST',
      url: 'https://api.sim.invalid/v1/video_generation',
      path: '/v1/video_generation',
      headers: { authorization: `Bearer ${KEY}`, 'content-type': 'application/json' },
      body: JSON.stringify(T2V),
      at: clock.ms,
    });
  });

  it('answers 404 text for unknown paths and wrong methods', async () => {
    const { sim } = makeSimulator();
    expect((await sim.fetch(new Request('https://x/v1/nope'))).status).toBe(404);
    expect((await sim.fetch(new Request('https://x/v1/video_generation'))).status).toBe(404);
  });
});
