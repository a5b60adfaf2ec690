// content[] media URLs: a public http(s) URL, mm_file://<file_id>, or a base64 data URI whose facts (format, size,
// pixels, duration) this simulator reads where it can. Every problem is the "<what>" of a 2013 message.

import { imageFactsFromDataUrl, type ImageFacts } from '../../contract/image';
import { mp4Facts, type Mp4Facts } from '../media/facts';

export type MediaKind = 'image' | 'video' | 'audio';

const MB = 1024 * 1024;
export const MAX_BYTES: Record<MediaKind, number> = { image: 30 * MB, video: 50 * MB, audio: 15 * MB };
const MIME: Record<MediaKind, string[]> = {
  image: ['jpg', 'jpeg', 'png', 'webp', 'heic', 'heif'],
  video: ['mp4', 'quicktime'],
  audio: ['wav', 'mp3', 'mpeg'],
};
const FORMAT_NAMES: Record<MediaKind, string> = { image: 'jpg, jpeg, png, webp, heic or heif', video: 'mp4 or mov', audio: 'wav or mp3' };
const READABLE_IMAGES: Record<string, string> = { jpg: 'jpeg', jpeg: 'jpeg', png: 'png', webp: 'webp' };

export interface MediaInput {
  url: string;
  source: 'http' | 'mm_file' | 'data';
  /** mm_file id */
  fileId?: string;
  image?: ImageFacts;
  video?: Mp4Facts;
  /** seconds of a readable audio (WAV) */
  audioSeconds?: number;
}

/** The parsed URL, or the problem with it. `where` names the item, e.g. "content[2]". */
export function readMediaUrl(url: unknown, kind: MediaKind, where: string): MediaInput | string {
  if (typeof url !== 'string' || url === '') return `invalid params, ${where}.${kind}_url.url is required`;
  if (/^https?:\/\//i.test(url)) return isHttpUrl(url) ? { url, source: 'http' } : `invalid params, ${where} url is not a valid URL`;
  const file = /^mm_file:\/\/(\d{1,20})$/.exec(url);
  if (file) return { url, source: 'mm_file', fileId: file[1] };
  if (!url.startsWith('data:')) return `invalid params, ${where} url must be a public http(s) URL, mm_file://<file_id> or a base64 data URI`;
  const comma = url.indexOf(',');
  const header = comma > 0 ? url.slice(5, comma) : '';
  const match = /^(image|video|audio)\/([a-z0-9]+);base64$/.exec(header);
  if (!match || match[1] !== kind || !MIME[kind].includes(match[2])) {
    return `invalid params, ${where} data URI must be data:${kind}/<${FORMAT_NAMES[kind]}>;base64,…`;
  }
  const payload = url.slice(comma + 1);
  if (payload.length % 4 !== 0 || !/^[A-Za-z0-9+/]*={0,2}$/.test(payload)) return `invalid params, ${where} data URI is not valid base64`;
  const bytes = (payload.length / 4) * 3 - (payload.endsWith('==') ? 2 : payload.endsWith('=') ? 1 : 0);
  if (bytes > MAX_BYTES[kind]) return `invalid params, ${where} ${kind} exceeds ${MAX_BYTES[kind] / MB} MB`;
  const input: MediaInput = { url, source: 'data' };
  if (kind === 'image') return checkImage(input, url, match[2], where);
  const decoded = decode(payload);
  if (kind === 'video') {
    const facts = mp4Facts(decoded);
    if (!facts?.video) return `invalid params, ${where} video cannot be decoded`;
    return { ...input, video: facts };
  }
  const seconds = match[2] === 'wav' ? wavSeconds(decoded) : undefined;
  if (match[2] === 'wav' && seconds === undefined) return `invalid params, ${where} audio cannot be decoded`;
  return seconds === undefined ? input : { ...input, audioSeconds: seconds };
}

function checkImage(input: MediaInput, url: string, format: string, where: string): MediaInput | string {
  const readable = READABLE_IMAGES[format];
  if (!readable) return input; // heic/heif: not read here
  const facts = imageFactsFromDataUrl(url);
  if (!facts || facts.format !== readable) return `invalid params, ${where} image cannot be decoded as ${format}`;
  const problem = pixelProblem(facts.width, facts.height, where, 'image');
  return problem ?? { ...input, image: facts };
}

/** 256–5760 px per side, width/height 0.4–2.5 (images and reference videos). */
export function pixelProblem(width: number, height: number, where: string, kind: MediaKind): string | null {
  if (Math.min(width, height) < 256 || Math.max(width, height) > 5760) return `invalid params, ${where} ${kind} sides must be 256–5760 px`;
  const aspect = width / height;
  if (aspect < 0.4 || aspect > 2.5) return `invalid params, ${where} ${kind} aspect ratio (width/height) must be between 0.4 and 2.5`;
  return null;
}

function decode(payload: string): Uint8Array {
  const binary = atob(payload);
  const out = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) out[i] = binary.charCodeAt(i);
  return out;
}

/** Seconds of a RIFF/WAVE file from its fmt byte rate and data size; undefined when it is not one. */
export function wavSeconds(bytes: Uint8Array): number | undefined {
  const text = (at: number) => String.fromCharCode(...bytes.subarray(at, at + 4));
  if (bytes.length < 12 || text(0) !== 'RIFF' || text(8) !== 'WAVE') return undefined;
  const v = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let byteRate = 0;
  for (let at = 12; at + 8 <= bytes.length; ) {
    const size = v.getUint32(at + 4, true);
    if (text(at) === 'fmt ' && at + 16 <= bytes.length) byteRate = v.getUint32(at + 16, true);
    if (text(at) === 'data') return byteRate > 0 ? size / byteRate : undefined;
    at += 8 + size + (size % 2);
  }
  return undefined;
}

export function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== '';
  } catch {
    return false;
  }
}
