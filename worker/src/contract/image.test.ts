import { describe, expect, it, vi } from 'vitest';
import { dataUrl, gifBytes, jpegBytes, pngBytes, webpBytes } from '../simulator/test-images';
import { bytesSource, IMAGE_LIMITS, imageFacts, imageFactsFromDataUrl } from './image';

describe('imageFactsFromDataUrl', () => {
  it('reads PNG width and height from IHDR', () =>
    expect(imageFactsFromDataUrl(dataUrl(pngBytes(1280, 720)))).toEqual({ format: 'png', bytes: 33, width: 1280, height: 720 }));
  it('reads JPEG size from the SOF segment after APP0', () =>
    expect(imageFactsFromDataUrl(dataUrl(jpegBytes(640, 480), 'image/jpeg'))).toMatchObject({ format: 'jpeg', width: 640, height: 480 }));
  it('reads a progressive JPEG (SOF2) too', () => {
    const bytes = jpegBytes(800, 600);
    bytes[21] = 0xc2;
    expect(imageFacts(bytesSource(bytes))).toMatchObject({ format: 'jpeg', width: 800, height: 600 });
  });
  it('skips a DHT segment (0xC4), which is not a SOF', () => {
    const dht = [0xff, 0xc4, 0, 4, 0, 0];
    const jpeg = jpegBytes(320, 640);
    const bytes = new Uint8Array([...jpeg.subarray(0, 2), ...dht, ...jpeg.subarray(2)]);
    expect(imageFacts(bytesSource(bytes))).toMatchObject({ format: 'jpeg', width: 320, height: 640 });
  });
  it.each([
    ['VP8X', 4000, 3000],
    ['VP8L', 1024, 768],
    ['VP8 ', 1280, 720],
  ] as const)('reads WebP %s sizes', (kind, width, height) =>
    expect(imageFactsFromDataUrl(dataUrl(webpBytes(kind, width, height), 'image/webp'))).toMatchObject({ format: 'webp', width, height }));
  it('calls GIF unknown', () => expect(imageFactsFromDataUrl(dataUrl(gifBytes(10, 10), 'image/gif'))?.format).toBe('unknown'));
  it('sniffs the bytes, not the declared MIME type', () =>
    expect(imageFactsFromDataUrl(dataUrl(pngBytes(500, 500), 'image/jpeg'))?.format).toBe('png'));
  it('counts decoded bytes, minus base64 padding', () => {
    for (const size of [33, 34, 35, 36]) expect(imageFactsFromDataUrl(dataUrl(pngBytes(400, 400, size)))?.bytes).toBe(size);
  });
  it('answers null for anything but a base64 data URL', () => {
    expect(imageFactsFromDataUrl('https://example.com/a.png')).toBeNull();
    expect(imageFactsFromDataUrl('data:image/png,raw')).toBeNull();
  });
  it('answers unknown for a malformed base64 payload', () => {
    expect(imageFactsFromDataUrl('data:image/png;base64,abc')).toEqual({ format: 'unknown', bytes: 0, width: 0, height: 0 });
    expect(imageFactsFromDataUrl('data:image/png;base64,ab cd')?.format).toBe('unknown');
  });
  it('reads a 27 MB data URL by decoding only its header bytes', () => {
    const url = dataUrl(pngBytes(1920, 1080, 20 * 1024 * 1024));
    const atob = vi.spyOn(globalThis, 'atob');
    expect(imageFactsFromDataUrl(url)).toMatchObject({ format: 'png', width: 1920, height: 1080, bytes: 20 * 1024 * 1024 });
    const decoded = atob.mock.calls.reduce((n, [text]) => n + String(text).length, 0);
    atob.mockRestore();
    expect(decoded).toBeGreaterThan(0);
    expect(decoded).toBeLessThan(1024);
  });
});

describe('IMAGE_LIMITS (§2.4)', () => {
  it('encodes < 20 MB, short side > 300 px and 2:5 … 5:2', () =>
    expect(IMAGE_LIMITS).toEqual({ formats: ['jpeg', 'png', 'webp'], maxBytes: 20 * 1024 * 1024, minShortSide: 301, minAspect: 0.4, maxAspect: 2.5 }));
});
