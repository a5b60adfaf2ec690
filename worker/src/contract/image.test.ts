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

describe('image sniffing at the edges', () => {
  const facts = (bytes: Uint8Array | number[]) => imageFacts(bytesSource(bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes)));
  const changed = (bytes: Uint8Array, at: number, value: number) => {
    const copy = bytes.slice();
    copy[at] = value;
    return copy;
  };

  it('reads a PNG header of exactly 24 bytes, and calls a shorter or altered one unknown', () => {
    const png = pngBytes(640, 480);
    expect(facts(png.subarray(0, 24))).toMatchObject({ format: 'png', width: 640, height: 480 });
    expect(facts(png.subarray(0, 23)).format).toBe('unknown');
    for (const at of [0, 1, 2, 3, 12, 13, 14, 15]) expect(facts(changed(png, at, 0x21)).format, `byte ${at}`).toBe('unknown');
  });

  it('reads WebP only from RIFF…WEBP, each chunk kind from its shortest complete header', () => {
    const vp8x = webpBytes('VP8X', 4000, 3000);
    expect(facts(changed(vp8x, 0, 0x58)).format).toBe('unknown');
    expect(facts(changed(vp8x, 11, 0x58)).format).toBe('unknown');
    expect(facts(vp8x.subarray(0, 30))).toMatchObject({ format: 'webp', width: 4000, height: 3000 });
    expect(facts(vp8x.subarray(0, 29))).toMatchObject({ format: 'webp', width: 0, height: 0 });
    const vp8l = webpBytes('VP8L', 1024, 768);
    expect(facts(vp8l.subarray(0, 25))).toMatchObject({ format: 'webp', width: 1024, height: 768 });
    expect(facts(vp8l.subarray(0, 24))).toMatchObject({ format: 'webp', width: 0, height: 0 });
    const vp8 = webpBytes('VP8 ', 1280, 720);
    expect(facts(vp8.subarray(0, 30))).toMatchObject({ format: 'webp', width: 1280, height: 720 });
    expect(facts(vp8.subarray(0, 29))).toMatchObject({ format: 'webp', width: 0, height: 0 });
    expect(facts(changed(vp8, 15, 0x21))).toMatchObject({ format: 'webp', width: 0, height: 0 });
  });

  it('reads JPEG only from FF D8, skipping fill bytes and the markers that are not SOF', () => {
    const jpeg = jpegBytes(640, 480);
    expect(facts(changed(jpeg, 0, 0xfe)).format).toBe('unknown');
    expect(facts(changed(jpeg, 1, 0xd9)).format).toBe('unknown');
    const withFill = new Uint8Array([0xff, 0xd8, 0xff, ...jpeg.subarray(2)]);
    expect(facts(withFill)).toMatchObject({ format: 'jpeg', width: 640, height: 480 });
    const broken = changed(jpeg, 2, 0x00);
    expect(facts(broken)).toMatchObject({ format: 'jpeg', width: 0, height: 0 });
    for (const marker of [0xc8, 0xcc]) {
      const skipped = new Uint8Array([0xff, 0xd8, 0xff, marker, 0, 4, 0, 0, ...jpeg.subarray(2)]);
      expect(facts(skipped), marker.toString(16)).toMatchObject({ format: 'jpeg', width: 640, height: 480 });
    }
    const sof15 = changed(jpeg, 21, 0xcf);
    expect(facts(sof15)).toMatchObject({ width: 640, height: 480 });
    const notSof = changed(jpeg, 21, 0xd0);
    expect(facts(notSof)).toMatchObject({ width: 0, height: 0 });
  });

  it('gives up on a JPEG after 1000 segments rather than walk a hostile file', () => {
    const empty = Array.from({ length: 999 }, () => [0xff, 0xfe, 0, 2]).flat();
    const jpeg = jpegBytes(640, 480);
    expect(facts([0xff, 0xd8, ...empty.slice(4), ...jpeg.subarray(2)])).toMatchObject({ width: 640, height: 480 });
    expect(facts([0xff, 0xd8, ...empty, ...jpeg.subarray(2)])).toMatchObject({ format: 'jpeg', width: 0, height: 0 });
  });

  it('reads a data URL only from its start, with its parameters, and a payload only of base64', () => {
    const url = dataUrl(pngBytes(640, 480));
    expect(imageFactsFromDataUrl(`x${url}`)).toBeNull();
    expect(imageFactsFromDataUrl(url.replace(';base64,', ';name=cat.png;base64,'))).toMatchObject({ format: 'png', width: 640 });
    expect(imageFactsFromDataUrl(`${url}@@@@`)).toEqual({ format: 'unknown', bytes: 0, width: 0, height: 0 });
    expect(imageFactsFromDataUrl(url.replace(';base64,', ';base64,@@@@'))).toEqual({ format: 'unknown', bytes: 0, width: 0, height: 0 });
  });
});

