// Tiny image headers for tests: just enough bytes for contract/image.ts to read format and size.

export function pngBytes(width: number, height: number, totalBytes = 33): Uint8Array {
  const out = new Uint8Array(Math.max(33, totalBytes));
  out.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);
  const view = new DataView(out.buffer);
  view.setUint32(16, width);
  view.setUint32(20, height);
  out.set([8, 2, 0, 0, 0], 24);
  return out;
}

export function jpegBytes(width: number, height: number): Uint8Array {
  const app0 = [0xff, 0xe0, 0, 16, 0x4a, 0x46, 0x49, 0x46, 0, 1, 1, 0, 0, 1, 0, 1, 0, 0];
  const sof0 = [0xff, 0xc0, 0, 17, 8, height >> 8, height & 0xff, width >> 8, width & 0xff, 3, 1, 0x22, 0, 2, 0x11, 1, 3, 0x11, 1];
  return new Uint8Array([0xff, 0xd8, ...app0, ...sof0, 0xff, 0xd9]);
}

export function webpBytes(kind: 'VP8X' | 'VP8L' | 'VP8 ', width: number, height: number): Uint8Array {
  const out = new Uint8Array(40);
  const ascii = (at: number, text: string) => out.set([...text].map((c) => c.charCodeAt(0)), at);
  ascii(0, 'RIFF');
  ascii(8, 'WEBP');
  ascii(12, kind);
  const view = new DataView(out.buffer);
  view.setUint32(4, 32, true);
  if (kind === 'VP8X') {
    const w = width - 1;
    const h = height - 1;
    out.set([w & 0xff, (w >> 8) & 0xff, (w >> 16) & 0xff, h & 0xff, (h >> 8) & 0xff, (h >> 16) & 0xff], 24);
  } else if (kind === 'VP8L') {
    out[20] = 0x2f;
    const bits = ((width - 1) & 0x3fff) | (((height - 1) & 0x3fff) << 14);
    view.setUint32(21, bits >>> 0, true);
  } else {
    out.set([0x9d, 0x01, 0x2a], 23);
    view.setUint16(26, width & 0x3fff, true);
    view.setUint16(28, height & 0x3fff, true);
  }
  return out;
}

export function gifBytes(width: number, height: number): Uint8Array {
  return new Uint8Array([0x47, 0x49, 0x46, 0x38, 0x39, 0x61, width & 0xff, width >> 8, height & 0xff, height >> 8, 0, 0, 0]);
}

export function dataUrl(bytes: Uint8Array, mime = 'image/png'): string {
  return `data:${mime};base64,${Buffer.from(bytes).toString('base64')}`;
}

export const pngDataUrl = (width: number, height: number, totalBytes?: number) => dataUrl(pngBytes(width, height, totalBytes));
export const jpegDataUrl = (width: number, height: number) => dataUrl(jpegBytes(width, height), 'image/jpeg');
export const webpDataUrl = (kind: 'VP8X' | 'VP8L' | 'VP8 ', width: number, height: number) =>
  dataUrl(webpBytes(kind, width, height), 'image/webp');

/** A valid 1280×720 PNG first frame. */
export const FRAME = pngDataUrl(1280, 720);
