// The v1 prompt's limit, counted as MiniMax counts it (contract/README.md, "v1"). Its own module: the form shows the
// count on the first screen, long before it needs the validators.

export const PROMPT_MAX_CHARS = 2000;

/** Counts characters as a person does (code points), not UTF-16 units. */
export function promptLength(prompt: string): number {
  let n = 0;
  for (const _ of prompt) n++;
  return n;
}
