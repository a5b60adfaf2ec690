import { describe, expect, it } from 'vitest';
import { failureForStatusCode, isErrorBody, MAPPED_STATUS_CODES } from './errors';

// MiniMax's documented status codes and what the worker answers for each: HTTP status, our code, Retry-After.
const EXPECTED: [number, number, string, number | undefined][] = [
  [1000, 502, 'upstream_error', undefined],
  [1001, 504, 'upstream_timeout', undefined],
  [1002, 429, 'rate_limited', 60],
  [1004, 502, 'key_rejected', undefined],
  [1008, 402, 'insufficient_balance', undefined],
  [1024, 502, 'upstream_error', undefined],
  [1026, 422, 'sensitive_input', undefined],
  [1027, 422, 'sensitive_output', undefined],
  [1028, 429, 'quota_exhausted', 3600],
  [1030, 429, 'quota_exhausted', 3600],
  [1033, 502, 'upstream_error', undefined],
  [1039, 429, 'rate_limited', 60],
  [1041, 429, 'rate_limited', 30],
  [1042, 422, 'invalid_params', undefined],
  [2013, 422, 'invalid_params', undefined],
  [2038, 403, 'account_unverified', undefined],
  [2045, 429, 'rate_limited', 60],
  [2049, 502, 'key_rejected', undefined],
  [2056, 429, 'quota_exhausted', 3600],
  [2061, 403, 'model_unavailable', undefined],
];

describe('MiniMax status codes the worker maps', () => {
  it('maps exactly the documented codes', () => {
    expect([...MAPPED_STATUS_CODES].sort()).toEqual(EXPECTED.map(([code]) => code).sort());
  });

  it.each(EXPECTED)('code %i → HTTP %i %s, Retry-After %s', (statusCode, status, code, retryAfter) => {
    const failure = failureForStatusCode(statusCode);
    expect({ status: failure.status, code: failure.code, retryAfter: failure.retryAfter }).toEqual({ status, code, retryAfter });
    expect(failure.message).toMatch(/^[A-Z].+\.$/);
    expect(failure.message).not.toMatch(/\bcode \d+/);
  });

  it('says MiniMax’s code for one it does not know', () => {
    expect(failureForStatusCode(1234)).toEqual({ status: 502, code: 'upstream_error', message: 'MiniMax refused the request (code 1234).' });
  });
});

describe('isErrorBody', () => {
  it('knows our error body by an error object with a string code and message', () => {
    expect(isErrorBody({ error: { code: 'rate_limited', message: 'Wait.' } })).toBe(true);
    expect(isErrorBody({ error: { code: 'rate_limited', message: 'Wait.' }, base_resp: { status_code: 1002 } })).toBe(true);
  });

  it.each([
    ['null', null],
    ['undefined', undefined],
    ['a string', 'error'],
    ['no error', { base_resp: { status_code: 1002 } }],
    ['error null', { error: null }],
    ['error a string', { error: 'rate_limited' }],
    ['a code that is not a string', { error: { code: 1002, message: 'Wait.' } }],
    ['no message', { error: { code: 'rate_limited' } }],
    ['no code', { error: { message: 'Wait.' } }],
    ['a message that is not a string', { error: { code: 'rate_limited', message: 5 } }],
  ])('does not take %s for one', (_name, value) => {
    expect(isErrorBody(value)).toBe(false);
  });
});
