// What the prompt counter shows: the whole prompt's length, or, with one prompt per line, the longest line's
// and which lines (numbered as the textarea shows them, blank ones included) are over the limit.
import { promptLength } from '$contract';

export interface PromptCount {
  chars: number;
  max: number;
  perLine: boolean;
  /** 1-based line numbers over `max` (per-line mode only) */
  overLines: number[];
}

export function countPrompt(prompt: string, perLine: boolean, max: number): PromptCount {
  if (!perLine) return { chars: promptLength(prompt), max, perLine, overLines: [] };
  const lengths = prompt.split(/\r?\n/).map((line) => promptLength(line.trim()));
  const overLines = lengths.flatMap((n, i) => (n > max ? [i + 1] : []));
  return { chars: Math.max(0, ...lengths), max, perLine, overLines };
}
