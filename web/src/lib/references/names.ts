// How a prompt names a reference. MiniMax's reference shows "reference audio 1" (each kind numbered from 1 in the
// order its items are sent), so images and videos are "reference image N" and "reference video N".
import type { MediaKind } from '$contract';
import { inSendingOrder, type FormReference } from './rules';

export function promptName(kind: MediaKind, n: number): string {
  return `reference ${kind} ${n}`;
}

/** Each reference's prompt name (by id), numbered per kind in sending order. */
export function promptNames(references: readonly FormReference[]): Map<string, string> {
  const seen: Record<MediaKind, number> = { image: 0, video: 0, audio: 0 };
  return new Map(inSendingOrder(references.filter((r) => !r.refusal)).map((r) => [r.id, promptName(r.kind, ++seen[r.kind])]));
}

/** Inserts `name` at `cursor`, with a space either side where a word would touch it. */
export function insertAt(text: string, cursor: number, name: string): { text: string; cursor: number } {
  const at = Math.max(0, Math.min(cursor, text.length));
  const before = text.slice(0, at);
  const after = text.slice(at);
  const head = before + (before && !/\s$/.test(before) ? ' ' : '') + name;
  return { text: head + (after && !/^[\s,.;:!?，。；：！？]/.test(after) ? ' ' : '') + after, cursor: head.length };
}

const MENTION = /\breference (image|video|audio) (\d+)\b/g;

/**
 * The prompt with its "reference <kind> N" names following a reorder: `before` and `after` are the ids in sending
 * order. A name whose reference is gone is left as written.
 */
export function renumber(prompt: string, before: readonly FormReference[], after: readonly FormReference[]): string {
  const old = promptNames(before);
  const now = promptNames(after);
  const byOldName = new Map([...old].map(([id, name]) => [name, now.get(id)]));
  return prompt.replace(MENTION, (mention) => byOldName.get(mention) ?? mention);
}

/** The "reference <kind> N" names the prompt uses that no reference answers to, once each, in order of appearance. */
export function danglingNames(prompt: string, references: readonly FormReference[]): string[] {
  const known = new Set(promptNames(references).values());
  return [...new Set(Array.from(prompt.matchAll(MENTION), (m) => m[0]))].filter((name) => !known.has(name));
}
