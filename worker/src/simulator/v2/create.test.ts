import { describe, expect, it } from 'vitest';
import { DONE_MS, KEY, makeSimulator, OTHER_KEY } from '../test-kit';
import { answer, createV2, T2V_BODY, v2ErrorBody, v2Post, withText } from './kit';

const CREATE = '/v2/video_generation';

describe('POST /v2/video_generation', () => {
  it('answers 200 with only a string task_id, and records what it saw', async () => {
    const kit = makeSimulator();
    const response = await kit.sim.fetch(v2Post(CREATE, T2V_BODY));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(await response.text()).toMatch(/^\{"task_id":"\d{15}"\}$/);
    expect(kit.sim.seen).toHaveLength(1);
    expect(kit.sim.seen[0]).toMatchObject({ method: 'POST', path: CREATE, body: JSON.stringify(T2V_BODY) });
    expect(kit.sim.seen[0].headers.authorization).toBe(`Bearer ${KEY}`);
  });

  it('refuses a request without a Bearer key: 401 authorized_error (1004)', async () => {
    const kit = makeSimulator();
    expect(await answer(await kit.sim.fetch(v2Post(CREATE, T2V_BODY, { key: null })))).toEqual({
      status: 401,
      body: v2ErrorBody(401, 'authorized_error', "login fail: Please carry the API secret key in the 'Authorization' field of the request header (1004)"),
    });
  });

  it('refuses an unknown key: 401 authorized_error "invalid api key (2049)"', async () => {
    const kit = makeSimulator();
    expect(await answer(await kit.sim.fetch(v2Post(CREATE, T2V_BODY, { key: 'sk-nobody' })))).toEqual({
      status: 401,
      body: v2ErrorBody(401, 'authorized_error', 'invalid api key (2049)'),
    });
  });

  it('requires Content-Type application/json', async () => {
    const kit = makeSimulator();
    expect(await answer(await kit.sim.fetch(v2Post(CREATE, T2V_BODY, { contentType: 'text/plain' })))).toEqual({
      status: 400,
      body: v2ErrorBody(400, 'bad_request_error', 'invalid params, Content-Type must be application/json (2013)'),
    });
    expect((await kit.sim.fetch(v2Post(CREATE, T2V_BODY, { contentType: 'application/json; charset=utf-8' }))).status).toBe(200);
  });

  it('answers 413 to a body over 64 MB, and reads one of exactly 64 MB', async () => {
    const kit = makeSimulator();
    const limit = 64 * 1024 * 1024;
    const padded = (bytes: number) => `{"pad":"${'a'.repeat(bytes - 10)}"}`;
    expect(padded(limit).length).toBe(limit);
    expect(await answer(await kit.sim.fetch(v2Post(CREATE, null, { raw: padded(limit + 1) })))).toEqual({
      status: 413,
      body: v2ErrorBody(413, 'request_too_large_error', 'invalid params, request body exceeds 64 MB (2013)'),
    });
    const atLimit = await answer(await kit.sim.fetch(v2Post(CREATE, null, { raw: padded(limit) })));
    expect(atLimit).toEqual({ status: 400, body: v2ErrorBody(400, 'bad_request_error', 'invalid params, model is required (2013)') });
    const multiByte = `{"pad":"${'é'.repeat(limit / 2 - 4)}"}`; // fewer characters than the limit, more bytes
    expect((await kit.sim.fetch(v2Post(CREATE, null, { raw: multiByte }))).status).toBe(413);
  }, 60_000);

  it('refuses a body that is not JSON', async () => {
    const kit = makeSimulator();
    expect(await answer(await kit.sim.fetch(v2Post(CREATE, null, { raw: '{"model":' })))).toEqual({
      status: 400,
      body: v2ErrorBody(400, 'bad_request_error', 'invalid params, request body is not valid JSON (2013)'),
    });
  });

  it('allows v2Rpm creates per key and minute, then 429 rate_limit_error (1002), apart from v1 and other keys', async () => {
    const kit = makeSimulator({ v2Rpm: 2, rpm: 1 });
    await createV2(kit);
    await createV2(kit);
    expect(await answer(await kit.sim.fetch(v2Post(CREATE, T2V_BODY)))).toEqual({
      status: 429,
      body: v2ErrorBody(429, 'rate_limit_error', 'rate limit, please retry later (1002)'),
    });
    await createV2(kit, T2V_BODY, CREATE, OTHER_KEY);
    kit.advance(60_000);
    await createV2(kit);
  });

  it('allows v2InFlight queued or running tasks per key, then 429 until one ends', async () => {
    const kit = makeSimulator({ v2InFlight: 2 });
    await createV2(kit);
    await createV2(kit);
    expect(await answer(await kit.sim.fetch(v2Post(CREATE, T2V_BODY)))).toEqual({
      status: 429,
      body: v2ErrorBody(429, 'rate_limit_error', 'rate limit, too many tasks in progress, please retry later (1002)'),
    });
    await createV2(kit, T2V_BODY, CREATE, OTHER_KEY);
    kit.advance(DONE_MS);
    await createV2(kit);
  });

  it('answers sim:error=CODE with that code’s status and type, after the body passed the rules', async () => {
    const kit = makeSimulator();
    expect(await answer(await kit.sim.fetch(v2Post(CREATE, withText('a cat sim:error=1008'))))).toEqual({
      status: 402,
      body: v2ErrorBody(402, 'insufficient_balance_error', 'insufficient balance (1008)'),
    });
    expect(await answer(await kit.sim.fetch(v2Post(CREATE, withText('sim:error=1026 a cat'))))).toEqual({
      status: 422,
      body: v2ErrorBody(422, 'unprocessable_entity_error', 'video description contains sensitive content (1026)'),
    });
    expect(await answer(await kit.sim.fetch(v2Post(CREATE, withText('a cat sim:error=1000'))))).toEqual({
      status: 500,
      body: v2ErrorBody(500, 'server_error', 'internal error (1000)'),
    });
    const invalid = await answer(await kit.sim.fetch(v2Post(CREATE, { ...withText('sim:error=1008'), duration: 3 })));
    expect(invalid.status).toBe(400);
  });

  it('is a 404 for other methods and paths under /v2/', async () => {
    const kit = makeSimulator();
    const get = await kit.sim.fetch(new Request('https://api.sim.invalid/v2/video_generation', { headers: { authorization: `Bearer ${KEY}` } }));
    expect(get.status).toBe(404);
    expect(await get.text()).toBe('404 page not found');
  });
});
