// The two error shapes every non-2xx answer takes: v1 (base_resp beside our error) and v2 (MiniMax's envelope).
import { describe, expect, it } from 'vitest';
import type { ErrorCode } from '../contract';
import { ApiError } from './errors';

interface V2Body {
  type: string;
  error: { type: string; message: string; http_code: string; code: string; detail: string; field?: string; rule?: string };
  request_id: string;
}
interface V1Body {
  error: { code: string; message: string; field?: string; rule?: string; request_id?: string };
  base_resp: { status_code: number; status_msg?: string };
}

async function v2(error: ApiError): Promise<{ status: number; body: V2Body; headers: Headers }> {
  const res = error.toV2Response('req-1');
  return { status: res.status, body: (await res.json()) as V2Body, headers: res.headers };
}

async function v1(error: ApiError, requestId?: string, realStatus?: boolean): Promise<{ status: number; body: V1Body }> {
  const res = error.toResponse(requestId, realStatus);
  return { status: res.status, body: (await res.json()) as V1Body };
}

describe('the v2 error envelope', () => {
  it('is MiniMax’s shape at the real status, our code, sentence, field and rule inside error', async () => {
    const { status, body } = await v2(new ApiError(400, 'invalid_request', 'The prompt is too long.', { field: 'prompt', rule: 'max_length' }));
    expect(status).toBe(400);
    expect(body).toEqual({
      type: 'error',
      error: {
        type: 'bad_request_error',
        message: 'invalid params, The prompt is too long. (2013)',
        http_code: '400',
        code: 'invalid_request',
        detail: 'The prompt is too long.',
        field: 'prompt',
        rule: 'max_length',
      },
      request_id: 'req-1',
    });
  });

  it('adds no field or rule keys when the error has none, and no "invalid params" prefix to other codes', async () => {
    const { body } = await v2(new ApiError(401, 'unauthorized', 'An access code is needed.'));
    expect(body.error).toEqual({
      type: 'authorized_error',
      message: 'An access code is needed. (1004)',
      http_code: '401',
      code: 'unauthorized',
      detail: 'An access code is needed.',
    });
  });

  it.each([
    [400, 'bad_request_error'],
    [401, 'authorized_error'],
    [402, 'insufficient_balance_error'],
    [403, 'authorized_error'],
    [404, 'not_found_error'],
    [405, 'bad_request_error'],
    [410, 'not_found_error'],
    [413, 'bad_request_error'],
    [415, 'bad_request_error'],
    [416, 'bad_request_error'],
    [422, 'unprocessable_entity_error'],
    [429, 'rate_limit_error'],
    [500, 'server_error'],
    [529, 'overloaded_error'],
    [502, 'server_error'],
    [504, 'server_error'],
    [409, 'bad_request_error'],
    [418, 'bad_request_error'],
  ])('names HTTP %i as MiniMax’s %s', async (httpStatus, type) => {
    const { status, body } = await v2(new ApiError(httpStatus, 'upstream_error', 'x'));
    expect(status).toBe(httpStatus);
    expect(body.error.type).toBe(type);
    expect(body.error.http_code).toBe(String(httpStatus));
  });

  it('relays MiniMax’s own v2 type and message as they came', async () => {
    const upstreamV2 = { type: 'rate_limit_error', message: 'rate limit exceeded (1002)' };
    const { status, body } = await v2(new ApiError(429, 'rate_limited', 'Wait a minute.', { upstreamV2, retryAfter: 60 }));
    expect(status).toBe(429);
    expect([body.error.type, body.error.message, body.error.detail]).toEqual(['rate_limit_error', 'rate limit exceeded (1002)', 'Wait a minute.']);
  });

  it('ends its message in MiniMax’s own code when MiniMax sent one, else ours in its numbering, else 1000', async () => {
    const relayed = await v2(new ApiError(402, 'insufficient_balance', 'Top up.', { baseResp: { status_code: 1008, status_msg: 'insufficient balance' } }));
    expect(relayed.body.error.message).toBe('Top up. (1008)');
    const ours = await v2(new ApiError(504, 'upstream_timeout', 'Timed out.'));
    expect(ours.body.error.message).toBe('Timed out. (1001)');
    const unmapped = await v2(new ApiError(404, 'not_found', 'No such route.'));
    expect(unmapped.body.error.message).toBe('No such route. (1000)');
  });
});

describe('the MiniMax code of each of our refusals', () => {
  it.each<[ErrorCode, number]>([
    ['invalid_request', 2013],
    ['invalid_params', 2013],
    ['payload_too_large', 2013],
    ['unsupported_media_type', 2013],
    ['unauthorized', 1004],
    ['forbidden', 1004],
    ['no_key', 1004],
    ['key_rejected', 1004],
    ['rate_limited', 1002],
    ['upstream_timeout', 1001],
    ['insufficient_balance', 1008],
    ['sensitive_input', 1026],
    ['sensitive_output', 1027],
    ['not_found', 1000],
    ['internal_error', 1000],
    ['link_expired', 1000],
  ])('%s is %i', (code, minimax) => {
    expect(new ApiError(400, code, 'x').minimaxCode).toBe(minimax);
  });
});

describe('the v1 error body', () => {
  it.each<[ErrorCode, number, number, string]>([
    ['invalid_request', 400, 200, 'invalid params, Bad.'],
    ['invalid_params', 400, 200, 'invalid params, Bad.'],
    ['unsupported_media_type', 415, 200, 'invalid params, Bad.'],
    ['unauthorized', 401, 200, 'login fail: Bad.'],
    ['no_key', 401, 200, 'login fail: Bad.'],
    ['rate_limited', 429, 200, 'rate limit exceeded, Bad.'],
    ['forbidden', 403, 403, 'login fail: Bad.'],
    ['payload_too_large', 413, 413, 'invalid params, Bad.'],
    ['not_found', 404, 404, 'Bad.'],
    ['upstream_timeout', 504, 504, 'Bad.'],
    ['internal_error', 500, 500, 'Bad.'],
  ])('answers %s (HTTP %i) at %i with base_resp "%s"', async (code, status, answered, msg) => {
    const res = await v1(new ApiError(status, code, 'Bad.'));
    expect(res.status).toBe(answered);
    expect(res.body.base_resp).toEqual({ status_code: new ApiError(status, code, '').minimaxCode, status_msg: msg });
    expect(res.body.error).toEqual({ code, message: 'Bad.' });
  });

  it('relays MiniMax’s own base_resp at 200, and MiniMax’s own status when it answered so (gateway)', async () => {
    const baseResp = { status_code: 1026, status_msg: 'input new_sensitive' };
    const own = await v1(new ApiError(422, 'sensitive_input', 'Flagged.', { baseResp }));
    expect([own.status, own.body.base_resp]).toEqual([200, baseResp]);
    const gateway = await v1(new ApiError(429, 'rate_limited', 'Slow down.', { gateway: true, baseResp: { status_code: 1002 } }));
    expect(gateway.status).toBe(429);
  });

  it('keeps the real status when asked, carries field, rule and request id only when there are some', async () => {
    const real = await v1(new ApiError(400, 'invalid_request', 'Bad.', { field: 'model', rule: 'enum' }), 'req-9', true);
    expect(real.status).toBe(400);
    expect(real.body.error).toEqual({ code: 'invalid_request', message: 'Bad.', field: 'model', rule: 'enum', request_id: 'req-9' });
    const bare = await v1(new ApiError(400, 'invalid_request', 'Bad.'), '');
    expect(bare.body.error).toEqual({ code: 'invalid_request', message: 'Bad.' });
  });
});

describe('every error answer', () => {
  it('is JSON that is never cached, sniffed or rendered, with Retry-After only when there is one and extra headers kept', async () => {
    for (const res of [
      new ApiError(429, 'rate_limited', 'Wait.', { retryAfter: 0, headers: { 'WWW-Authenticate': 'Bearer' } }).toResponse(),
      new ApiError(429, 'rate_limited', 'Wait.', { retryAfter: 0, headers: { 'WWW-Authenticate': 'Bearer' } }).toV2Response('r'),
    ]) {
      expect(res.headers.get('content-type')).toBe('application/json; charset=utf-8');
      expect(res.headers.get('cache-control')).toBe('no-store');
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(res.headers.get('content-security-policy')).toBe("default-src 'none'; frame-ancestors 'none'; sandbox");
      expect(res.headers.get('retry-after')).toBe('0');
      expect(res.headers.get('www-authenticate')).toBe('Bearer');
    }
    expect(new ApiError(500, 'internal_error', 'Oops.').toResponse().headers.has('retry-after')).toBe(false);
  });
});
