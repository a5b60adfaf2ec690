// The demo videos: assembled on demand from the units in worker/assets/demo (make-demo-media.sh), kept in a small
// cache. v1 (Hailuo): 25 fps, no audio, whole seconds. H3: 24 fps, 17n+5 frames, stereo 32 kHz AAC.

import { assemble, unitFrames } from './assemble';

const CACHED = 8;

export type DemoUnits = Record<string, Uint8Array>;

export class DemoMedia {
  private readonly cache = new Map<string, Uint8Array>();

  constructor(private readonly units: DemoUnits) {}

  /** A Hailuo (v1) demo video of `seconds` at width×height. */
  v1(width: number, height: number, seconds: number): Uint8Array {
    const unit = this.unit(`v1-${width}x${height}`);
    return this.cached(`v1-${width}x${height}-${seconds}`, () => assemble(unit, undefined, Math.ceil((seconds * 25) / unitFrames(unit).body)));
  }

  /** An H3 demo video of `frames` (17n+5) frames at width×height, with its audio. */
  h3(width: number, height: number, frames: number): Uint8Array {
    const unit = this.unit(`h3-${width}x${height}`);
    const { head, body } = unitFrames(unit);
    if (frames < head || (frames - head) % body !== 0) throw new Error(`demo media: ${frames} frames is not ${head} + ${body}n`);
    return this.cached(`h3-${width}x${height}-${frames}`, () => assemble(unit, this.unit('audio'), (frames - head) / body));
  }

  private unit(name: string): Uint8Array {
    const unit = this.units[name];
    if (!unit) throw new Error(`demo media: no unit ${name}`);
    return unit;
  }

  private cached(key: string, make: () => Uint8Array): Uint8Array {
    let bytes = this.cache.get(key);
    if (!bytes) {
      bytes = make();
      if (this.cache.size >= CACHED) this.cache.delete(this.cache.keys().next().value!);
      this.cache.set(key, bytes);
    }
    return bytes;
  }
}
