// Tells the user a video finished while they were elsewhere: a system notification (if allowed) and a count in the
// tab's title, "(2) Hailuo Studio", cleared when the page is seen again. Driven by the studio's task events, not by
// a timer, so a background tab's throttled timers cannot make it late or wrong.
import type { TaskRecord } from '../tasks/types';

export interface NotificationApi {
  readonly permission: NotificationPermission;
  new (title: string, options?: NotificationOptions): Pick<Notification, 'close' | 'onclick'>;
}

export interface PageLike {
  readonly visibilityState: DocumentVisibilityState;
  title: string;
  addEventListener(type: 'visibilitychange', listener: () => void): void;
  removeEventListener(type: 'visibilitychange', listener: () => void): void;
}

export interface NotifierDeps {
  onFinished(listener: (task: TaskRecord) => void): () => void;
  page: PageLike;
  /** the page's own title, without a count */
  appTitle(): string;
  /** the notification's heading for this task, in the reader's language */
  heading(task: TaskRecord): string;
  body(task: TaskRecord): string;
  lang(): string;
  notification?: NotificationApi | undefined;
  /** where `new Notification` is not allowed (Chrome on Android): the service worker shows it */
  showViaServiceWorker?: ((title: string, options: NotificationOptions) => Promise<void>) | undefined;
  focus(): void;
}

export class FinishedNotifier {
  /** tasks that finished while the page was hidden, since it was last seen */
  unseen = 0;
  readonly #deps: NotifierDeps;
  #stop: (() => void) | null = null;

  constructor(deps: NotifierDeps) {
    this.#deps = deps;
  }

  start(): void {
    if (this.#stop) return;
    const { page } = this.#deps;
    const unsubscribe = this.#deps.onFinished((task) => this.#finished(task));
    const seen = (): void => {
      if (page.visibilityState === 'visible') this.#setUnseen(0);
    };
    page.addEventListener('visibilitychange', seen);
    this.#stop = () => {
      unsubscribe();
      page.removeEventListener('visibilitychange', seen);
    };
  }

  stop(): void {
    this.#stop?.();
    this.#stop = null;
    this.#setUnseen(0);
  }

  #finished(task: TaskRecord): void {
    if (this.#deps.page.visibilityState === 'visible') return;
    this.#setUnseen(this.unseen + 1);
    this.#notify(task);
  }

  #setUnseen(count: number): void {
    if (count === this.unseen) return;
    this.unseen = count;
    const title = this.#deps.appTitle();
    this.#deps.page.title = count > 0 ? `(${count}) ${title}` : title;
  }

  #notify(task: TaskRecord): void {
    const { notification, showViaServiceWorker } = this.#deps;
    if (notification?.permission !== 'granted') return;
    const title = this.#deps.heading(task);
    // one notification per task (tag), replacing itself if shown twice
    const options: NotificationOptions = { body: this.#deps.body(task), tag: `hailuo-${task.id}`, lang: this.#deps.lang(), icon: `${import.meta.env.BASE_URL}icon-192.png` };
    try {
      const shown = new notification(title, options);
      shown.onclick = () => {
        this.#deps.focus();
        shown.close();
      };
    } catch {
      void showViaServiceWorker?.(title, options).catch(() => undefined);
    }
  }
}
