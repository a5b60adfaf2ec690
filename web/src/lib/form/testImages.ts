// Test fixtures: data URLs whose header bytes describe an image of the given size (the body is not pixels).

export function pngBytes(width: number, height: number, total = 64): Uint8Array {
  const bytes = new Uint8Array(Math.max(total, 33));
  bytes.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);
  new DataView(bytes.buffer).setUint32(16, width);
  new DataView(bytes.buffer).setUint32(20, height);
  return bytes;
}

export function pngDataUrl(width: number, height: number): string {
  const bytes = pngBytes(width, height, 66);
  return `data:image/png;base64,${btoa(String.fromCharCode(...bytes))}`;
}
