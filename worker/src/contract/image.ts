// Image facts read from a data URL's header bytes only, so a 27 MB base64 body costs microseconds, not a decode.

export type ImageFormat = 'jpeg' | 'png' | 'webp';

export interface ImageFacts {
  format: ImageFormat | 'unknown';
  bytes: number;
  width: number;
  height: number;
}

/** MiniMax §2.4: JPG/PNG/WebP, < 20 MB, short side > 300 px, aspect between 2:5 and 5:2. */
export const IMAGE_LIMITS = {
  formats: ['jpeg', 'png', 'webp'] as readonly ImageFormat[],
  maxBytes: 20 * 1024 * 1024,
  minShortSide: 301,
  minAspect: 2 / 5,
  maxAspect: 5 / 2,
};

const DATA_URL = /^data:([a-z0-9.+/-]*)((?:;[a-z0-9=.+-]+)*);base64,/i;

/** Reads bytes [start, end) of a base64 payload without decoding the rest. */
class Base64Window {
  readonly length: number;
  constructor(private readonly b64: string) {
    const padding = b64.endsWith('==') ? 2 : b64.endsWith('=') ? 1 : 0;
    this.length = Math.floor((b64.length * 3) / 4) - padding;
  }
  read(start: number, end: number): Uint8Array {
    end = Math.min(end, this.length);
    if (start >= end) return new Uint8Array(0);
    const from = Math.floor(start / 3) * 4;
    const to = Math.ceil(end / 3) * 4;
    const binary = atob(this.b64.slice(from, to));
    const skip = start - (from / 4) * 3;
    const out = new Uint8Array(end - start);
    for (let i = 0; i < out.length; i++) out[i] = binary.charCodeAt(skip + i);
    return out;
  }
}

interface ByteSource {
  length: number;
  read(start: number, end: number): Uint8Array;
}

export function bytesSource(bytes: Uint8Array): ByteSource {
  return { length: bytes.length, read: (s, e) => bytes.subarray(s, Math.min(e, bytes.length)) };
}

/** Facts of a `data:image/…;base64,` URL, or null when it is not a base64 data URL at all. */
export function imageFactsFromDataUrl(url: string): ImageFacts | null {
  const match = DATA_URL.exec(url);
  if (!match) return null;
  const payload = url.slice(match[0].length);
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(payload) || payload.length % 4 !== 0) {
    return { format: 'unknown', bytes: 0, width: 0, height: 0 };
  }
  return imageFacts(new Base64Window(payload));
}

export function imageFacts(src: ByteSource): ImageFacts {
  const head = src.read(0, 32);
  const facts: ImageFacts = { format: 'unknown', bytes: src.length, width: 0, height: 0 };
  if (isPng(head)) return { ...facts, format: 'png', width: u32be(head, 16), height: u32be(head, 20) };
  if (ascii(head, 0, 4) === 'RIFF' && ascii(head, 8, 12) === 'WEBP') return { ...facts, ...webpSize(head) };
  if (head[0] === 0xff && head[1] === 0xd8) return { ...facts, ...jpegSize(src) };
  return facts;
}

function isPng(b: Uint8Array): boolean {
  return b.length >= 24 && b[0] === 0x89 && ascii(b, 1, 4) === 'PNG' && ascii(b, 12, 16) === 'IHDR';
}

function webpSize(b: Uint8Array): Pick<ImageFacts, 'format' | 'width' | 'height'> {
  const chunk = ascii(b, 12, 16);
  if (chunk === 'VP8X' && b.length >= 30) {
    return { format: 'webp', width: 1 + u24le(b, 24), height: 1 + u24le(b, 27) };
  }
  if (chunk === 'VP8L' && b.length >= 25) {
    const bits = b[21] | (b[22] << 8) | (b[23] << 16) | (b[24] << 24);
    return { format: 'webp', width: 1 + (bits & 0x3fff), height: 1 + ((bits >> 14) & 0x3fff) };
  }
  if (chunk === 'VP8 ' && b.length >= 30) {
    return { format: 'webp', width: (b[26] | (b[27] << 8)) & 0x3fff, height: (b[28] | (b[29] << 8)) & 0x3fff };
  }
  return { format: 'webp', width: 0, height: 0 };
}

/** Walks JPEG segments (reading only their 4-byte headers) to the first SOFn marker. */
function jpegSize(src: ByteSource): Pick<ImageFacts, 'format' | 'width' | 'height'> {
  let offset = 2;
  for (let segments = 0; segments < 1000 && offset + 9 < src.length; segments++) {
    const h = src.read(offset, offset + 9);
    if (h[0] !== 0xff) break;
    const marker = h[1];
    if (marker === 0xff) {
      offset += 1;
      continue;
    }
    const isSof = marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;
    if (isSof) return { format: 'jpeg', height: (h[5] << 8) | h[6], width: (h[7] << 8) | h[8] };
    offset += 2 + ((h[2] << 8) | h[3]);
  }
  return { format: 'jpeg', width: 0, height: 0 };
}

function ascii(b: Uint8Array, from: number, to: number): string {
  return String.fromCharCode(...b.subarray(from, to));
}
function u32be(b: Uint8Array, i: number): number {
  return ((b[i] << 24) | (b[i + 1] << 16) | (b[i + 2] << 8) | b[i + 3]) >>> 0;
}
function u24le(b: Uint8Array, i: number): number {
  return b[i] | (b[i + 1] << 8) | (b[i + 2] << 16);
}
