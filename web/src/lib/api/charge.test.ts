import { describe, expect, test } from 'vitest';
import { failureForStatusCode, MAPPED_STATUS_CODES } from '$contract';
import { chargeOf, v2Code, type Charge, type CreateAnswer } from './charge';

const ok = { status_code: 0, status_msg: 'success' };
const ours = (code: string) => ({ error: { code, message: code } });
const v2 = (status: number, type: string, message: string) => ({
  type: 'error',
  error: { type, message, http_code: String(status) },
  request_id: '0217',
});
const expected = (statusCode: number): Charge => (statusCode === 1001 ? 'maybe' : 'not');

const rows: [string, CreateAnswer, Charge][] = [
  ['2xx v1 with base_resp 0 and a task_id', { status: 200, body: { task_id: '106916112212032', base_resp: ok } }, 'charged'],
  ['2xx v2 (no base_resp) with a task_id', { status: 200, body: { task_id: '424010985738629' } }, 'charged'],
  ['2xx with base_resp 0 but no task_id', { status: 200, body: { base_resp: ok } }, 'maybe'],
  ['2xx with a task_id that is not digits', { status: 200, body: { task_id: 'abc', base_resp: ok } }, 'maybe'],
  ['2xx with no base_resp and no task_id', { status: 200, body: {} }, 'maybe'],
  ['2xx with a task_id sent as a JSON number (its digits may be rounded)', { status: 200, body: { task_id: 106916112212032 } }, 'maybe'],
  ['2xx with a task_id that ends in digits only', { status: 200, body: { task_id: 'task-106916112212032' } }, 'maybe'],
  ['2xx with a task_id that starts with digits only', { status: 200, body: { task_id: '106916112212032-x' } }, 'maybe'],
  ['status 0 (an opaque answer) with a task_id', { status: 0, body: { task_id: '106916112212032' } }, 'maybe'],
  ['300 (a redirect nobody followed) with a task_id', { status: 300, body: { task_id: '106916112212032' } }, 'maybe'],
  ['2xx whose body is not JSON', { status: 200, body: undefined }, 'maybe'],
  ['2xx whose body is JSON null', { status: 200, body: null }, 'maybe'],
  ['2xx with a task_id but a non-zero base_resp', { status: 200, body: { task_id: '1', base_resp: { status_code: 1008 } } }, 'not'],
  ['5xx with base_resp (MiniMax answered 1000)', { status: 502, body: { ...ours('upstream_error'), base_resp: { status_code: 1000 } } }, 'not'],
  ['5xx without base_resp', { status: 502, body: ours('upstream_error') }, 'maybe'],
  ['504 upstream_timeout with base_resp 1001', { status: 504, body: { ...ours('upstream_timeout'), base_resp: { status_code: 1001 } } }, 'maybe'],
  ['504 upstream_timeout with a base_resp that is not 1001', { status: 504, body: { ...ours('upstream_timeout'), base_resp: { status_code: 1000 } } }, 'maybe'],
  ['504 upstream_timeout without base_resp', { status: 504, body: ours('upstream_timeout') }, 'maybe'],
  ['502 upstream_unreadable with base_resp', { status: 502, body: { ...ours('upstream_unreadable'), base_resp: { status_code: 1000 } } }, 'maybe'],
  ['500 internal_error', { status: 500, body: ours('internal_error') }, 'maybe'],
  ['500 internal_error as the worker answers it (base_resp 1000)', { status: 500, body: { ...ours('internal_error'), base_resp: { status_code: 1000 } } }, 'maybe'],
  ['500 with an error code of ours this page does not know', { status: 500, body: ours('upstream_error') }, 'maybe'],
  ['5xx error body with an error.type but no v2 envelope', { status: 502, body: { error: { type: 'server_error', code: 'upstream_error', message: 'x' } } }, 'maybe'],
  ['5xx body saying type "error" with no error object', { status: 502, body: { type: 'error' } }, 'maybe'],
  ['200 upstream_timeout + base_resp 1001 (v1 logical error)', { status: 200, body: { task_id: '', ...ours('upstream_timeout'), base_resp: { status_code: 1001 } } }, 'maybe'],
  ['400 invalid_request (the worker refused)', { status: 400, body: ours('invalid_request') }, 'not'],
  ['200 invalid_request + base_resp 2013 (v1 logical error)', { status: 200, body: { ...ours('invalid_request'), base_resp: { status_code: 2013 } } }, 'not'],
  ['401 unauthorized', { status: 401, body: ours('unauthorized') }, 'not'],
  ['401 no_key', { status: 401, body: ours('no_key') }, 'not'],
  ['503 no_key', { status: 503, body: ours('no_key') }, 'not'],
  ['403 forbidden', { status: 403, body: ours('forbidden') }, 'not'],
  ['404 not_found', { status: 404, body: ours('not_found') }, 'not'],
  ['405 method_not_allowed', { status: 405, body: ours('method_not_allowed') }, 'not'],
  ['413 payload_too_large', { status: 413, body: ours('payload_too_large') }, 'not'],
  ['415 unsupported_media_type', { status: 415, body: ours('unsupported_media_type') }, 'not'],
  ['429 rate_limited from the worker (no base_resp)', { status: 429, body: ours('rate_limited') }, 'not'],
  ['402 insufficient_balance without base_resp', { status: 402, body: ours('insufficient_balance') }, 'not'],
  ['502 HTML from a proxy', { status: 502, body: undefined }, 'maybe'],
  ['404 HTML from a proxy', { status: 404, body: undefined }, 'maybe'],
  ['400 JSON that is no error body', { status: 400, body: { message: 'bad' } }, 'maybe'],
  ['v2 400 bad_request_error (2013)', { status: 400, body: v2(400, 'bad_request_error', 'invalid params (2013)') }, 'not'],
  ['v2 401 authorized_error (1004)', { status: 401, body: v2(401, 'authorized_error', 'login fail: x (1004)') }, 'not'],
  ['v2 429 rate_limit_error (1002)', { status: 429, body: v2(429, 'rate_limit_error', 'rate limit, please retry later (1002)') }, 'not'],
  ['v2 500 server_error (1000)', { status: 500, body: v2(500, 'server_error', 'internal error (1000)') }, 'not'],
  ['v2 529 overloaded_error', { status: 529, body: v2(529, 'overloaded_error', 'overloaded') }, 'not'],
  ['v2 timeout (1001)', { status: 500, body: v2(500, 'server_error', 'request timeout (1001)') }, 'maybe'],
  ['v2 timeout (1001) with a trailing newline', { status: 500, body: v2(500, 'server_error', 'request timeout (1001)\n') }, 'maybe'],
  ['v2 error naming 1001 mid-sentence, its own code last', { status: 500, body: v2(500, 'server_error', 'not a timeout (1001) but (1000)') }, 'not'],
  ['v2 envelope with http_code 504', { status: 504, body: v2(504, 'server_error', 'gateway timeout') }, 'maybe'],
  ['v2 envelope with http_code 408', { status: 408, body: v2(408, 'server_error', 'timeout') }, 'maybe'],
  ['v2 envelope plus our upstream_timeout', { status: 504, body: { ...v2(504, 'server_error', 'x'), error: { type: 'server_error', code: 'upstream_timeout', message: 'x' } } }, 'maybe'],
  ['v2 envelope plus our invalid_request', { status: 400, body: { type: 'error', error: { type: 'bad_request_error', code: 'invalid_request', message: 'x', http_code: '400' } } }, 'not'],
  ['network error', { none: 'network' }, 'maybe'],
  ['our timeout', { none: 'timeout' }, 'maybe'],
  ['an abort', { none: 'abort' }, 'maybe'],
  ['a page closed mid-send', { none: 'interrupted' }, 'maybe'],
];

describe('chargeOf: whether a create cost money', () => {
  test.each(rows)('%s → %s', (_name, answer, charge) => {
    expect(chargeOf(answer)).toBe(charge);
  });

  test.each(MAPPED_STATUS_CODES)('MiniMax code %i, in each shape the worker may answer it', (statusCode) => {
    const failure = failureForStatusCode(statusCode);
    const body = { error: { code: failure.code, message: failure.message }, base_resp: { status_code: statusCode, status_msg: 'x' } };
    expect(chargeOf({ status: failure.status, body })).toBe(expected(statusCode));
    expect(chargeOf({ status: 200, body: { task_id: '', ...body } })).toBe(expected(statusCode));
    expect(chargeOf({ status: 200, body: { base_resp: body.base_resp } })).toBe(expected(statusCode));
    expect(chargeOf({ status: failure.status, body: v2(failure.status, 'some_error', `x (${statusCode})`) })).toBe(expected(statusCode));
  });
});

describe('v2Code: MiniMax\'s numeric code at the end of a v2 error message', () => {
  test('reads the four digits in parentheses that end the message', () => {
    expect(v2Code({ error: { message: 'rate limit, please retry later (1002)' } })).toBe(1002);
    expect(v2Code({ error: { message: 'request timeout (1001)  ' } })).toBe(1001);
  });

  test('finds none in a body without an error, a message that is no string, or a code not at the end', () => {
    expect(v2Code(undefined)).toBeUndefined();
    expect(v2Code({})).toBeUndefined();
    expect(v2Code({ error: { message: ['request timeout (1001)'] } })).toBeUndefined();
    expect(v2Code({ error: { message: 'request timeout (1001), retried' } })).toBeUndefined();
  });
});
