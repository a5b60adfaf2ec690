// The object URL of a video kept in IndexedDB for a player component. It is made only once the player's holder is
// (nearly) on screen, unless `lazy` is off, and revoked when the id changes or the component goes, so memory does
// not grow with the number of videos. Construct it while the component initialises (it registers effects).
import { videoBlob } from '../../lib/db';

export interface StoredSourceOptions {
  id: () => string;
  holder: () => HTMLElement | undefined;
  /** the element playing the URL: its load is stopped before the URL is revoked */
  video: () => HTMLVideoElement | undefined;
  lazy?: () => boolean;
}

export class StoredSource {
  url = $state<string | null>(null);
  missing = $state(false);
  #near = $state(false);

  constructor(options: StoredSourceOptions) {
    $effect(() => {
      if (!(options.lazy?.() ?? true)) {
        this.#near = true;
        return;
      }
      const holder = options.holder();
      if (this.#near || !holder) return;
      const observer = new IntersectionObserver((entries) => {
        if (entries.some((entry) => entry.isIntersecting)) {
          this.#near = true;
          observer.disconnect();
        }
      }, { rootMargin: '300px' });
      observer.observe(holder);
      return () => observer.disconnect();
    });

    $effect(() => {
      if (!this.#near) return;
      const videoId = options.id();
      let objectUrl: string | null = null;
      let cancelled = false;
      this.missing = false;
      videoBlob(videoId)
        .then((blob) => {
          if (cancelled) return;
          if (!blob) return void (this.missing = true);
          objectUrl = URL.createObjectURL(blob);
          this.url = objectUrl;
        })
        .catch(() => {
          if (!cancelled) this.missing = true;
        });
      return () => {
        cancelled = true;
        // Stop the element's load before the URL goes: a revoked URL still loading logs a failed resource.
        const video = options.video();
        video?.removeAttribute('src');
        video?.load();
        if (objectUrl) URL.revokeObjectURL(objectUrl);
        this.url = null;
      };
    });
  }
}
