// Gallery previews: a video plays muted while it is on screen and pauses when it leaves; nothing plays by itself
// for a reader who asked for reduced motion. Sound is the user's choice (one click), never automatic.

export interface PreviewPlayer {
  muted: boolean;
  paused: boolean;
  play(): Promise<void>;
  pause(): void;
}

export interface PreviewEnv {
  reducedMotion(): boolean;
  /** calls back with whether the element is (mostly) in view; returns the disconnect */
  observe(element: Element, onChange: (inView: boolean) => void): () => void;
}

export const browserPreviewEnv: PreviewEnv = {
  reducedMotion: () => globalThis.matchMedia?.('(prefers-reduced-motion: reduce)').matches ?? false,
  observe(element, onChange) {
    const observer = new IntersectionObserver((entries) => onChange(entries.some((e) => e.isIntersecting)), { threshold: 0.5 });
    observer.observe(element);
    return () => observer.disconnect();
  },
};

/** Starts muted autoplay-in-view for `video` (unless reduced motion); returns the cleanup. */
export function autoplayInView(element: Element, video: PreviewPlayer, env: PreviewEnv = browserPreviewEnv): () => void {
  if (env.reducedMotion()) return () => undefined;
  return env.observe(element, (inView) => {
    if (inView && video.paused) {
      // only a muted video may start on its own; one the user unmuted and left plays again only on their word
      if (video.muted) video.play().catch(() => undefined);
    } else if (!inView && !video.paused) {
      video.pause();
    }
  });
}

/** The one control of a preview: sound on (playing) or off. */
export function toggleSound(video: PreviewPlayer): void {
  if (video.muted || video.paused) {
    video.muted = false;
    if (video.paused) video.play().catch(() => undefined);
  } else {
    video.muted = true;
  }
}
