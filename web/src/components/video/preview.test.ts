import { describe, expect, test } from 'vitest';
import { autoplayInView, toggleSound, type PreviewEnv, type PreviewPlayer } from './preview';

function player(): PreviewPlayer & { plays: number } {
  return {
    muted: true,
    paused: true,
    plays: 0,
    async play() {
      this.plays++;
      this.paused = false;
    },
    pause() {
      this.paused = true;
    },
  };
}

function env(reduced = false) {
  let report: ((inView: boolean) => void) | null = null;
  let disconnected = false;
  const fake: PreviewEnv = {
    reducedMotion: () => reduced,
    observe: (_element, onChange) => {
      report = onChange;
      return () => void (disconnected = true);
    },
  };
  return { fake, scroll: (inView: boolean) => report?.(inView), observing: () => report !== null, disconnected: () => disconnected };
}

const element = {} as Element;

describe('gallery previews', () => {
  test('play muted while in view and pause off-screen; the cleanup stops watching', () => {
    const video = player();
    const e = env();
    const stop = autoplayInView(element, video, e.fake);
    expect(video.paused).toBe(true);
    e.scroll(true);
    expect({ paused: video.paused, muted: video.muted }).toEqual({ paused: false, muted: true });
    e.scroll(false);
    expect(video.paused).toBe(true);
    stop();
    expect(e.disconnected()).toBe(true);
  });

  test('nothing plays by itself under prefers-reduced-motion', () => {
    const video = player();
    const e = env(true);
    autoplayInView(element, video, e.fake);
    expect(e.observing()).toBe(false);
    expect(video.plays).toBe(0);
  });

  test('one click unmutes (and plays a paused one); the next mutes again', () => {
    const video = player();
    toggleSound(video);
    expect({ muted: video.muted, paused: video.paused }).toEqual({ muted: false, paused: false });
    toggleSound(video);
    expect({ muted: video.muted, paused: video.paused }).toEqual({ muted: true, paused: false });
  });

  test('a video the user unmuted is paused off-screen and does not start again with sound by itself', () => {
    const video = player();
    const e = env();
    autoplayInView(element, video, e.fake);
    e.scroll(true);
    toggleSound(video);
    e.scroll(false);
    expect(video.paused).toBe(true);
    e.scroll(true);
    expect(video.paused).toBe(true);
    expect(video.plays).toBe(1);
  });
});
