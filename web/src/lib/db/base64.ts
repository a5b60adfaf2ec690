// Base64 (RFC 4648, with padding) for byte chunks, by table: fast on megabytes, and strict when reading.
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const VALUE = new Int16Array(128).fill(-1);
for (let i = 0; i < ALPHABET.length; i++) VALUE[ALPHABET.charCodeAt(i)] = i;
const CODES = new TextEncoder().encode(ALPHABET);
const PAD = '='.charCodeAt(0);
const ASCII = new TextDecoder();

export function bytesToBase64(bytes: Uint8Array): string {
  const codes = new Uint8Array(Math.ceil(bytes.length / 3) * 4);
  let o = 0;
  for (let i = 0; i < bytes.length; i += 3) {
    const more = bytes.length - i;
    const n = (bytes[i] << 16) | ((more > 1 ? bytes[i + 1] : 0) << 8) | (more > 2 ? bytes[i + 2] : 0);
    codes[o++] = CODES[n >>> 18];
    codes[o++] = CODES[(n >>> 12) & 63];
    codes[o++] = more > 1 ? CODES[(n >>> 6) & 63] : PAD;
    codes[o++] = more > 2 ? CODES[n & 63] : PAD;
  }
  return ASCII.decode(codes); // every code is ASCII
}

/** Throws a SyntaxError on anything that is not canonical padded base64. */
export function base64ToBytes(base64: string): Uint8Array<ArrayBuffer> {
  if (base64.length % 4 !== 0) throw new SyntaxError('base64 of a wrong length');
  const padding = base64.endsWith('==') ? 2 : base64.endsWith('=') ? 1 : 0;
  const bytes = new Uint8Array((base64.length / 4) * 3 - padding);
  let o = 0;
  for (let i = 0; i < base64.length; i += 4) {
    const last = i + 4 === base64.length;
    const a = digit(base64.charCodeAt(i));
    const b = digit(base64.charCodeAt(i + 1));
    const c = last && padding === 2 ? 0 : digit(base64.charCodeAt(i + 2));
    const d = last && padding >= 1 ? 0 : digit(base64.charCodeAt(i + 3));
    const n = (a << 18) | (b << 12) | (c << 6) | d;
    bytes[o++] = n >>> 16;
    if (o < bytes.length) bytes[o++] = (n >>> 8) & 255;
    if (o < bytes.length) bytes[o++] = n & 255;
  }
  return bytes;
}

/** The same from the text's ASCII bytes, with no string made (a big import's chunks). */
export function base64CodesToBytes(codes: Uint8Array): Uint8Array<ArrayBuffer> {
  const length = codes.length;
  if (length % 4 !== 0) throw new SyntaxError('base64 of a wrong length');
  const padding = length > 0 && codes[length - 1] === PAD ? (codes[length - 2] === PAD ? 2 : 1) : 0;
  const bytes = new Uint8Array((length / 4) * 3 - padding);
  let o = 0;
  for (let i = 0; i < length; i += 4) {
    const last = i + 4 === length;
    const a = digit(codes[i]);
    const b = digit(codes[i + 1]);
    const c = last && padding === 2 ? 0 : digit(codes[i + 2]);
    const d = last && padding >= 1 ? 0 : digit(codes[i + 3]);
    const n = (a << 18) | (b << 12) | (c << 6) | d;
    bytes[o++] = n >>> 16;
    if (o < bytes.length) bytes[o++] = (n >>> 8) & 255;
    if (o < bytes.length) bytes[o++] = n & 255;
  }
  return bytes;
}

function digit(code: number): number {
  const value = code < 128 ? VALUE[code] : -1;
  if (value < 0) throw new SyntaxError('not base64');
  return value;
}
