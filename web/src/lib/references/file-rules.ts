// Each reference file on its own, checked before it is read and once it is (format, size, pixels, aspect,
// duration). Loaded with the references section, not with the first screen.
import { formatAllowed, V2_MEDIA_LIMITS, type MediaKind } from '$contract';
import { MB, roundSeconds, type Refusal, type RefusalRule } from './rules';

/** What the browser read from a picked file. */
export interface FileFacts {
  name: string;
  /** the MIME type the browser reports ('' when it does not know) */
  type: string;
  bytes: number;
  /** false when the file's own bytes or metadata could not be read */
  readable: boolean;
  width?: number;
  height?: number;
  seconds?: number;
}

const BY_EXTENSION: Record<string, string> = {
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  png: 'image/png',
  webp: 'image/webp',
  heic: 'image/heic',
  heif: 'image/heif',
  mp4: 'video/mp4',
  mov: 'video/quicktime',
  wav: 'audio/wav',
  mp3: 'audio/mpeg',
};

/** One spelling per format for the data URI (MiniMax's own CLI sends `audio/mp3` for MP3). */
const CANONICAL: Record<string, string> = { jpg: 'jpeg', 'x-wav': 'wav', wave: 'wav', mpeg: 'mp3' };

export interface FileFormat {
  kind: MediaKind;
  /** the type the data URI declares */
  mime: string;
}

/** The kind and data-URI type of a file MiniMax takes as a reference, or null for any other file. */
export function referenceFormat(type: string, name: string): FileFormat | null {
  const extension = /\.([a-z0-9]+)$/i.exec(name)?.[1]?.toLowerCase() ?? '';
  // own keys only: a file named `clip.constructor` must not find Object's constructor
  const declared = (type || (Object.hasOwn(BY_EXTENSION, extension) ? BY_EXTENSION[extension] : '')).toLowerCase();
  const [top, sub] = declared.split('/');
  if ((top !== 'image' && top !== 'video' && top !== 'audio') || !sub) return null;
  if (!formatAllowed(top, sub)) return null;
  return { kind: top, mime: `${top}/${CANONICAL[sub] ?? sub}` };
}

/** What is known before reading the file: its format and size. */
export function formatRefusal(facts: Pick<FileFacts, 'name' | 'type' | 'bytes'>): Refusal | null {
  const format = referenceFormat(facts.type, facts.name);
  if (!format) return { rule: 'format', name: facts.name, params: { type: facts.type || '?' } };
  const max = V2_MEDIA_LIMITS[format.kind].maxBytes;
  if (facts.bytes > max) return { rule: 'too_large', name: facts.name, params: { kind: format.kind, mb: (facts.bytes / MB).toFixed(1), max: max / MB } };
  return null;
}

/** The first rule a file breaks on its own, or null. */
export function fileRefusal(facts: FileFacts): Refusal | null {
  const early = formatRefusal(facts);
  if (early) return early;
  const refuse = (rule: RefusalRule, params: Refusal['params'] = {}): Refusal => ({ rule, name: facts.name, params });
  const format = referenceFormat(facts.type, facts.name)!;
  if (!facts.readable) return refuse('unreadable', { kind: format.kind });
  if (format.kind !== 'audio' && facts.width && facts.height) {
    const { minSide, maxSide, minAspect, maxAspect } = V2_MEDIA_LIMITS.image; // reference videos share the image limits
    const size = { width: facts.width, height: facts.height };
    if (Math.min(facts.width, facts.height) < minSide || Math.max(facts.width, facts.height) > maxSide) {
      return refuse('pixels', { ...size, min: minSide, max: maxSide });
    }
    const aspect = facts.width / facts.height;
    if (aspect < minAspect || aspect > maxAspect) return refuse('aspect', { ...size, min: minAspect, max: maxAspect });
  }
  if (format.kind === 'video' || format.kind === 'audio') {
    const { minSeconds, maxSeconds } = V2_MEDIA_LIMITS[format.kind];
    const seconds = facts.seconds ?? NaN;
    if (!Number.isFinite(seconds)) return refuse('unreadable', { kind: format.kind });
    if (seconds < minSeconds) return refuse('too_short', { kind: format.kind, seconds: roundSeconds(seconds), min: minSeconds });
    if (seconds > maxSeconds) return refuse('too_long', { kind: format.kind, seconds: roundSeconds(seconds), max: maxSeconds });
  }
  return null;
}
