import { describe, expect, test } from 'vitest';
import { base64ToBytes, bytesToBase64 } from './base64';
import { bytesOf } from './test-kit';

const standard = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');

describe('base64', () => {
  test.each([0, 1, 2, 3, 4, 5, 6, 100_003])('%i bytes: same text as the standard, and back', (length) => {
    const bytes = bytesOf(length, length + 1);
    const text = bytesToBase64(bytes);
    expect(text).toBe(standard(bytes));
    expect(base64ToBytes(text)).toEqual(bytes);
  });

  test.each(['abc', 'ab=c', '%%%%', 'ab==cd==', 'YQ=\u00e9', 'Y Q==', '===='])('refuses %j', (text) => {
    expect(() => base64ToBytes(text)).toThrow(SyntaxError);
  });
});
