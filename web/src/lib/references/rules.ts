// The references of a MiniMax-H3 video, checked in the browser against the shared contract's limits before anything
// is sent: the set (counts, totals, the body, audio never alone) here; each file on its own in file-rules.ts.
// Every refusal names the file and the rule.
import { V2_BODY_MAX_BYTES, V2_MEDIA_LIMITS, type MediaKind } from '$contract';

export interface FormReference {
  id: string;
  kind: MediaKind;
  /** the file's name as the user knows it */
  name: string;
  /** `data:<type>;base64,…`; empty when the file was refused */
  dataUrl: string;
  bytes: number;
  width?: number;
  height?: number;
  /** read from the file itself (media element metadata) */
  seconds?: number;
  /** a small JPEG of a video's first moments */
  poster?: string;
  /** an audio clip's loudness, 0–1, left to right */
  peaks?: number[];
  refusal?: Refusal;
}

export type RefusalRule =
  | 'format'
  | 'too_large'
  | 'unreadable'
  | 'pixels'
  | 'aspect'
  | 'too_short'
  | 'too_long'
  | 'count'
  | 'total_count'
  | 'total_seconds'
  | 'body_too_large'
  | 'audio_alone';

export interface Refusal {
  rule: RefusalRule;
  /** the file (or files, for audio alone) the rule refuses */
  name: string;
  /** the reference that crosses a limit of the set */
  id?: string;
  params: Record<string, string | number>;
}

export const MB = 1024 * 1024;

export function roundSeconds(seconds: number): number {
  return Math.round(seconds * 10) / 10;
}

/** JSON around each media item and the text item, generously counted. */
const ITEM_OVERHEAD = 128;
const BODY_OVERHEAD = 512;

/** The bytes a create carrying these references and this prompt would have (data URIs are ASCII). */
export function bodyBytes(references: readonly FormReference[], prompt: string): number {
  const text = new TextEncoder().encode(JSON.stringify(prompt)).length;
  return references.reduce((sum, r) => sum + r.dataUrl.length + ITEM_OVERHEAD, BODY_OVERHEAD + text);
}

/** The rules the set breaks, each naming the file that crosses the line (checked in the order they are sent). */
export function setRefusals(references: readonly FormReference[], prompt: string): Refusal[] {
  const out: Refusal[] = [];
  const counts: Record<MediaKind, number> = { image: 0, video: 0, audio: 0 };
  const seconds: Record<MediaKind, number> = { image: 0, video: 0, audio: 0 };
  let all = 0;
  let bytes = BODY_OVERHEAD + new TextEncoder().encode(JSON.stringify(prompt)).length;
  for (const reference of inSendingOrder(references.filter((r) => !r.refusal))) {
    const { kind, name, id } = reference;
    const limits = V2_MEDIA_LIMITS[kind];
    counts[kind]++;
    all++;
    bytes += reference.dataUrl.length + ITEM_OVERHEAD;
    if (counts[kind] > limits.maxReferences) out.push({ rule: 'count', name, id, params: { kind, max: limits.maxReferences } });
    else if (all > V2_MEDIA_LIMITS.maxReferences) out.push({ rule: 'total_count', name, id, params: { max: V2_MEDIA_LIMITS.maxReferences } });
    if (kind !== 'image' && reference.seconds !== undefined) {
      const before = seconds[kind];
      seconds[kind] += reference.seconds;
      const max = V2_MEDIA_LIMITS[kind].totalSeconds;
      if (seconds[kind] > max && before <= max) out.push({ rule: 'total_seconds', name, id, params: { kind, total: roundSeconds(seconds[kind]), max } });
    }
    if (bytes > V2_BODY_MAX_BYTES && bytes - reference.dataUrl.length - ITEM_OVERHEAD <= V2_BODY_MAX_BYTES) {
      out.push({ rule: 'body_too_large', name, id, params: { mb: (bytes / MB).toFixed(1), max: V2_BODY_MAX_BYTES / MB } });
    }
  }
  if (counts.audio > 0 && counts.image + counts.video === 0) {
    const names = references.filter((r) => r.kind === 'audio' && !r.refusal).map((r) => r.name);
    out.push({ rule: 'audio_alone', name: names.join(', '), params: {} });
  }
  return out;
}

/** Every refusal standing: each refused file's own, then the set's. */
export function referenceRefusals(references: readonly FormReference[], prompt: string): Refusal[] {
  const own = references.flatMap((r) => (r.refusal ? [r.refusal] : []));
  return [...own, ...setRefusals(references, prompt)];
}

const KIND_ORDER: Record<MediaKind, number> = { image: 0, video: 1, audio: 2 };

/** Images, then videos, then audio; each kind in the user's order (its numbers in the prompt follow it). */
export function inSendingOrder<T extends Pick<FormReference, 'kind'>>(references: readonly T[]): T[] {
  return [...references].sort((a, b) => KIND_ORDER[a.kind] - KIND_ORDER[b.kind]);
}
