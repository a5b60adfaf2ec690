import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { mp4Facts } from './facts';
import { OUTPUT_SIZE } from '../rules';
import { V2_FRAME_SIZES } from '../v2/sizes';
import { DemoMedia } from './library';
import { readDemoUnits } from './node-units';

const media = new DemoMedia(readDemoUnits());
const dir = mkdtempSync(join(tmpdir(), 'demo-media-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function ffprobe(bytes: Uint8Array): any {
  const file = join(dir, `${Math.random().toString(36).slice(2)}.mp4`);
  writeFileSync(file, bytes);
  const out = execFileSync('ffprobe', ['-v', 'error', '-count_frames', '-show_streams', '-show_format', '-of', 'json', file], { encoding: 'utf8' });
  return JSON.parse(out);
}

describe('demo media', () => {
  it('assembles an H3 clip of 17n+5 frames at 24 fps with 32 kHz stereo audio, durations in the moov', () => {
    const bytes = media.h3(2560, 1440, 124);
    const facts = mp4Facts(bytes)!;
    expect(facts.video).toMatchObject({ width: 2560, height: 1440, frames: 124, fps: 24 });
    expect(facts.audio).toMatchObject({ channels: 2, sampleRate: 32000 });
    expect(facts.video!.seconds).toBeCloseTo(124 / 24, 5);
    expect(facts.audio!.seconds).toBeGreaterThanOrEqual(124 / 24);
    expect(facts.audio!.seconds - 124 / 24).toBeLessThan(1024 / 32000);
    expect(facts.seconds).toBeCloseTo(facts.audio!.seconds, 2);
  });

  it('is what ffprobe sees too', () => {
    const probe = ffprobe(media.h3(768, 1344, 362));
    const video = probe.streams.find((s: any) => s.codec_type === 'video');
    const audio = probe.streams.find((s: any) => s.codec_type === 'audio');
    expect(video).toMatchObject({ codec_name: 'h264', pix_fmt: 'yuv420p', width: 768, height: 1344, r_frame_rate: '24/1', nb_read_frames: '362' });
    expect(audio).toMatchObject({ codec_name: 'aac', channels: 2, sample_rate: '32000' });
    expect(Number(video.duration)).toBeCloseTo(362 / 24, 3);
    expect(Number(probe.format.duration)).toBeGreaterThanOrEqual(362 / 24);
    expect(Number(probe.format.duration)).toBeLessThan(362 / 24 + 0.05);
  });

  it('assembles v1 clips of whole seconds at 25 fps without audio', () => {
    const probe = ffprobe(media.v1(1366, 768, 10));
    expect(probe.streams).toHaveLength(1);
    expect(probe.streams[0]).toMatchObject({ codec_name: 'h264', width: 1366, height: 768, r_frame_rate: '25/1', nb_read_frames: '250' });
    expect(Number(probe.format.duration)).toBeCloseTo(10, 3);
    expect(mp4Facts(media.v1(1920, 1080, 6))!.video).toMatchObject({ width: 1920, height: 1080, frames: 150, seconds: 6 });
  });

  it('has a unit for every H3 and v1 output size, each saying what it is', () => {
    for (const [resolution, sizes] of Object.entries(V2_FRAME_SIZES)) {
      for (const [ratio, { width, height }] of Object.entries(sizes)) {
        const facts = mp4Facts(media.h3(width, height, 107))!;
        expect(facts.video, `${resolution} ${ratio}`).toMatchObject({ width, height, frames: 107 });
        expect(facts.audio).toMatchObject({ channels: 2, sampleRate: 32000 });
        if (resolution === '768P') expect(width * height).toBeLessThanOrEqual(768 * 1344);
      }
    }
    for (const { width, height } of Object.values(OUTPUT_SIZE)) {
      expect(mp4Facts(media.v1(width, height, 6))!.video).toMatchObject({ width, height, frames: 150 });
    }
  });

  it('refuses a frame count the units cannot make', () => {
    expect(() => media.h3(2560, 1440, 120)).toThrow(/5 \+ 17n/);
    expect(() => media.h3(1000, 1000, 124)).toThrow(/no unit/);
  });
});
