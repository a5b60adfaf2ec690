import { describe, expect, it } from 'vitest';
import { countPrompt } from './prompt-count';

describe('countPrompt', () => {
  it('counts the whole prompt in code points', () => {
    expect(countPrompt('😀 a\nb', false, 2000)).toEqual({ chars: 5, max: 2000, perLine: false, overLines: [] });
  });

  it('one prompt per line: the longest trimmed line, and the lines over the limit numbered as shown', () => {
    const prompt = ['short', '', 'x'.repeat(2001), '  ' + 'y'.repeat(1999) + '  ', 'z'.repeat(2500)].join('\n');
    expect(countPrompt(prompt, true, 2000)).toEqual({ chars: 2500, max: 2000, perLine: true, overLines: [3, 5] });
    expect(countPrompt('a\r\nbb', true, 2000)).toEqual({ chars: 2, max: 2000, perLine: true, overLines: [] });
    expect(countPrompt('', true, 7000).chars).toBe(0);
  });
});
