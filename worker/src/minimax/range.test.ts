import { describe, expect, it } from 'vitest';
import { ApiError } from '../http/errors';
import { parseRange } from './files';

describe('parseRange (what the worker forwards to the file host)', () => {
  it.each(['bytes=0-0', 'bytes=5-5', 'bytes=5-', 'bytes=-5', ' bytes=0-1023 '])('passes one satisfiable-looking range on: %j', (header) => {
    expect(parseRange(header)).toBe(header.trim());
  });

  it('passes nothing when there is no Range', () => {
    expect(parseRange(null)).toBeNull();
  });

  it.each(['bytes=6-5', 'bytes=-', 'bytes=0-1,3-4', 'items=0-1', 'xbytes=0-1', 'bytes=a-b', 'bytes 0-1'])('answers 416 for %j', (header) => {
    expect(() => parseRange(header)).toThrow(ApiError);
    expect(() => parseRange(header)).toThrow(
      expect.objectContaining({ status: 416, code: 'range_not_satisfiable', message: 'The Range header must be one range like "bytes=0-1023".' }),
    );
  });
});
