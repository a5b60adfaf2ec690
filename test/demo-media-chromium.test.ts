// The simulator's assembled demo videos in Debian's Chromium: the duration it reports, the frame size, and that
// it decodes both the picture and the H3 clips' sound (played muted, as the studio's players start).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { DemoMedia } from '../worker/src/simulator/media/library';
import { readDemoUnits } from '../worker/src/simulator/media/node-units';
import { launchChromium } from './support/chromium.mjs';

const media = new DemoMedia(readDemoUnits());
let browser: Browser;

beforeAll(async () => {
  browser = (await launchChromium()) as Browser;
});
afterAll(() => browser?.close());

async function playInChromium(bytes: Uint8Array) {
  const page = await browser.newPage();
  try {
    await page.setContent('<video></video>');
    return await page.evaluate(async (base64) => {
      const data = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
      const video = document.querySelector('video')!;
      video.muted = true;
      video.src = URL.createObjectURL(new Blob([data], { type: 'video/mp4' }));
      await new Promise((resolve, reject) => {
        video.onloadedmetadata = resolve;
        video.onerror = () => reject(new Error(`media error ${video.error?.code}`));
      });
      await video.play();
      while (video.currentTime < 1) await new Promise((r) => setTimeout(r, 50));
      video.pause();
      const v = video as HTMLVideoElement & { webkitAudioDecodedByteCount: number; webkitVideoDecodedByteCount: number };
      return { duration: v.duration, width: v.videoWidth, height: v.videoHeight, audioBytes: v.webkitAudioDecodedByteCount, videoBytes: v.webkitVideoDecodedByteCount };
    }, Buffer.from(bytes).toString('base64'));
  } finally {
    await page.close();
  }
}

describe('demo videos in Chromium', () => {
  it('plays an H3 2K 16:9 5 s clip: 2560×1440, 5.17 s, with sound decoded', async () => {
    const played = await playInChromium(media.h3(2560, 1440, 124));
    expect(played).toMatchObject({ width: 2560, height: 1440 });
    expect(played.duration).toBeGreaterThanOrEqual(124 / 24);
    expect(played.duration).toBeLessThan(124 / 24 + 0.05);
    expect(played.audioBytes).toBeGreaterThan(0);
    expect(played.videoBytes).toBeGreaterThan(0);
  });

  it('plays a v1 1080P 10 s clip: 1920×1080, 10 s, no sound', async () => {
    const played = await playInChromium(media.v1(1920, 1080, 10));
    expect(played).toMatchObject({ width: 1920, height: 1080, audioBytes: 0 });
    expect(played.duration).toBeCloseTo(10, 2);
  });
});
