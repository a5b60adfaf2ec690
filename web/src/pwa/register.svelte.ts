// Registers the service worker and offers, never forces, a reload when a new version is deployed.
import { registerSW } from 'virtual:pwa-register';

class AppUpdate {
  /** a new version is installed and waiting for the user's go-ahead */
  ready = $state(false);
  #apply: ((reload?: boolean) => Promise<void>) | undefined;

  start(): void {
    if (!('serviceWorker' in navigator)) return;
    this.#apply = registerSW({
      immediate: true,
      onNeedRefresh: () => {
        this.ready = true;
      },
    });
  }

  /** Activates the waiting version and reloads this tab (the user asked for it). */
  async apply(): Promise<void> {
    await this.#apply?.(true);
  }

  dismiss(): void {
    this.ready = false;
  }
}

export const appUpdate = new AppUpdate();
