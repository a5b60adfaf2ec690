// The model the user last chose, so a returning user starts where they left off (a new one on MiniMax-H3).
const KEY = 'hailuo-studio.lastModel';

export function lastModel(): string | undefined {
  try {
    return globalThis.localStorage?.getItem(KEY) ?? undefined;
  } catch {
    return undefined; // storage blocked: start on the default
  }
}

export function rememberModel(model: string): void {
  try {
    globalThis.localStorage?.setItem(KEY, model);
  } catch {
    // storage blocked: nothing to remember
  }
}
