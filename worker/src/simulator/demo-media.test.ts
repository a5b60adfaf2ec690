import { describe, expect, it } from 'vitest';
import { createSimulator } from './index';
import { mp4Facts } from './media/facts';
import { DemoMedia } from './media/library';
import { readDemoUnits } from './media/node-units';
import { finishedFile, json, makeSimulator, readAll, retrieveRequest } from './test-kit';

const media = new DemoMedia(readDemoUnits());

describe('v1 demo videos (media instead of one file)', () => {
  it.each([
    ['MiniMax-Hailuo-2.3', '1080P', 6, 1920, 1080],
    ['MiniMax-Hailuo-2.3', '768P', 10, 1366, 768],
    ['MiniMax-Hailuo-02', '512P', 6, 912, 512],
    ['T2V-01', undefined, undefined, 1280, 720],
  ] as const)('%s %s %ss: the asked size and length at 25 fps, and retrieve says its bytes', async (model, resolution, duration, width, height) => {
    const kit = makeSimulator({ video: undefined, media });
    const body = {
      model,
      prompt: 'A lighthouse at dawn',
      ...(resolution ? { resolution } : {}),
      ...(duration ? { duration } : {}),
      ...(resolution === '512P' ? { first_frame_image: 'https://x.example/f.png' } : {}),
    };
    const { fileId, url } = await finishedFile(kit, body);
    const bytes = (await readAll(await kit.sim.fetch(new Request(url)))).bytes;
    const seconds = duration ?? 6;
    expect(mp4Facts(bytes)!.video).toMatchObject({ width, height, frames: seconds * 25, seconds });
    expect(mp4Facts(bytes)!.audio).toBeUndefined();
    expect((await json(await kit.sim.fetch(retrieveRequest(fileId)))).file.bytes).toBe(bytes.length);
  });

  it('needs a fixed video or the demo media', () => {
    expect(() => createSimulator({ keys: ['k'], downloadOrigin: 'https://cdn.sim.invalid' })).toThrow('give `video` or `media`');
  });
});
