import { Blob as NodeBlob } from 'node:buffer';
import { describe, expect, it, vi } from 'vitest';
import { imageFactsFromDataUrl } from '$contract';
import { pngBytes } from '../form/testImages';
import { imageFileIssue, readImageFacts } from './check';
import { downscalePlan } from './downscale';
import { prepareImage } from './prepare';

function png(width: number, height: number, size = 64): Blob {
  return new Blob([pngBytes(width, height, size) as BlobPart], { type: 'image/png' });
}

/** A file of `size` bytes with a PNG header: Node's Blob, as happy-dom's copies 20 MB slowly. */
function bigPng(width: number, height: number, size: number): Blob {
  const head = pngBytes(width, height);
  return new NodeBlob([head, new Uint8Array(size - head.length)], { type: 'image/png' }) as unknown as Blob;
}

function jpeg(width: number, height: number): Blob {
  // SOI, an APP0 segment, then SOF0 carrying height and width
  const bytes = [0xff, 0xd8, 0xff, 0xe0, 0, 16, ...new Array(14).fill(0), 0xff, 0xc0, 0, 17, 8, height >> 8, height & 255, width >> 8, width & 255, 3, ...new Array(12).fill(0)];
  return new Blob([new Uint8Array(bytes)], { type: 'image/jpeg' });
}

async function issueOf(file: Blob) {
  return imageFileIssue('first_frame_image', file, await readImageFacts(file));
}

describe('image checks (§2.4)', () => {
  it('accepts a PNG and a JPEG of fitting size', async () => {
    expect(await issueOf(png(1280, 720))).toBeNull();
    expect(await issueOf(jpeg(720, 1280))).toBeNull();
  });

  it('rejects formats other than JPG, PNG, WebP', async () => {
    expect((await issueOf(new Blob(['GIF89a........'], { type: 'image/gif' })))?.rule).toBe('image_format');
    expect((await issueOf(new Blob(['not an image at all'], { type: '' })))?.rule).toBe('image_format');
  });

  it('rejects 20 MB and more, without reading the whole file', async () => {
    const big = bigPng(1280, 720, 20 * 1024 * 1024);
    const issue = await issueOf(big);
    expect(issue).toMatchObject({ rule: 'image_too_large', field: 'first_frame_image' });
  });

  it('rejects a short side of 300 px or less', async () => {
    expect((await issueOf(png(1280, 300)))?.rule).toBe('image_too_small');
    expect(await issueOf(png(700, 301))).toBeNull();
  });

  it('rejects aspect ratios outside 2:5..5:2', async () => {
    expect((await issueOf(png(2600, 1000)))?.rule).toBe('image_aspect');
    expect((await issueOf(png(400, 1001)))?.rule).toBe('image_aspect');
    expect(await issueOf(png(2500, 1000))).toBeNull();
  });
});

describe('downscale', () => {
  it('plans a smaller size only when the image is larger than needed', () => {
    expect(downscalePlan({ width: 4096, height: 2048, bytes: 1000 })).toEqual({ width: 2048, height: 1024 });
    expect(downscalePlan({ width: 1000, height: 3000, bytes: 1000 })).toEqual({ width: 683, height: 2048 });
    expect(downscalePlan({ width: 2000, height: 1000, bytes: 5 * 1024 * 1024 })).toEqual({ width: 2000, height: 1000 });
    expect(downscalePlan({ width: 2048, height: 1000, bytes: 4 * 1024 * 1024 })).toBeNull();
  });

  it('re-encodes a large image and sends the smaller result as a data URL', async () => {
    const smaller = png(2048, 1024, 100);
    const reencode = vi.fn(async () => smaller);
    const result = await prepareImage('first_frame_image', png(4096, 2048, 5000), { reencode });
    expect(reencode).toHaveBeenCalledWith(expect.any(Blob), { width: 2048, height: 1024 });
    expect(result.ok && result.downscaled).toBe(true);
    if (result.ok) expect(imageFactsFromDataUrl(result.dataUrl)).toMatchObject({ format: 'png', width: 2048, height: 1024 });
  });

  it('sends a fitting image untouched, and a broken one not at all', async () => {
    const reencode = vi.fn();
    const ok = await prepareImage('first_frame_image', png(1280, 720), { reencode });
    expect(ok).toMatchObject({ ok: true, downscaled: false, width: 1280, height: 720 });
    expect(ok.ok && ok.dataUrl.startsWith('data:image/png;base64,')).toBe(true);
    const bad = await prepareImage('subject_reference', png(100, 100), { reencode });
    expect(bad).toMatchObject({ ok: false, issue: { field: 'subject_reference', rule: 'image_too_small' } });
    expect(reencode).not.toHaveBeenCalled();
  });
});

// files of 20 MB and more: their allocation alone takes seconds on a busy shared machine
describe('an image over 20 MB', { timeout: 20_000 }, () => {
  it('is shrunk like a large one under the limit, not refused', async () => {
    const reencode = vi.fn(async () => png(2048, 1152, 900_000));
    const result = await prepareImage('first_frame_image', bigPng(4000, 2250, 20 * 1024 * 1024), { reencode });
    expect(reencode).toHaveBeenCalledWith(expect.objectContaining({ size: 20 * 1024 * 1024 }), { width: 2048, height: 1152 });
    expect(result).toMatchObject({ ok: true, downscaled: true, width: 2048, height: 1152, bytes: 900_000 });
  });

  it('is refused, saying so, only when the browser cannot make it smaller than 20 MB', async () => {
    const failing = vi.fn(async () => {
      throw new Error('The browser could not encode the image');
    });
    const big = bigPng(4000, 2250, 25 * 1024 * 1024);
    expect(await prepareImage('first_frame_image', big, { reencode: failing })).toMatchObject({
      ok: false,
      couldNotShrink: true,
      issue: { field: 'first_frame_image', rule: 'image_too_large', params: { mb: '25.0' } },
    });
    const stillHuge = vi.fn(async () => bigPng(2048, 1152, 21 * 1024 * 1024));
    expect(await prepareImage('first_frame_image', big, { reencode: stillHuge })).toMatchObject({ ok: false, couldNotShrink: true });
  });

  it('with a broken shape is refused for its shape, without trying to shrink it', async () => {
    const reencode = vi.fn();
    const result = await prepareImage('first_frame_image', bigPng(6000, 1000, 25 * 1024 * 1024), { reencode });
    expect(result).toMatchObject({ ok: false, issue: { rule: 'image_aspect' } });
    expect(result).not.toHaveProperty('couldNotShrink');
    expect(reencode).not.toHaveBeenCalled();
  });
});

describe('the size of a file over 20 MB', { timeout: 20_000 }, () => {
  it('is read from its head even when the JPEG size marker comes after 200 KB of metadata', async () => {
    const app1 = Array.from({ length: 4 }, () => [0xff, 0xe1, 0xff, 0xff, ...new Array(0xfffd).fill(0)]).flat(); // 4 × 64 KB
    const sof = [0xff, 0xc0, 0, 17, 8, 2250 >> 8, 2250 & 255, 4000 >> 8, 4000 & 255, 3, ...new Array(12).fill(0)];
    const head = new Uint8Array([0xff, 0xd8, ...app1, ...sof]);
    const file = new NodeBlob([head, new Uint8Array(20 * 1024 * 1024 - head.length)], { type: 'image/jpeg' }) as unknown as Blob;
    expect(await readImageFacts(file)).toMatchObject({ format: 'jpeg', width: 4000, height: 2250, bytes: file.size });
  });
});
