import { afterEach, describe, expect, it, vi } from 'vitest';
import type { TaskRecord } from '../tasks/types';
import { FinishedNotifier, type NotificationApi, type PageLike } from './notifier';
import { askToNotify, resetAsked, type PermissionApi } from './permission';

function task(id: string, status: TaskRecord['status'] = 'Success'): TaskRecord {
  const request = { model: 'MiniMax-Hailuo-2.3', prompt: `prompt ${id}` };
  return { id, request, mode: 't2v', model: request.model, prompt: request.prompt, status, createdAt: 1, favourite: false };
}

class FakePage implements PageLike {
  visibilityState: DocumentVisibilityState = 'visible';
  title = 'Hailuo Studio';
  #listeners = new Set<() => void>();
  addEventListener(_type: 'visibilitychange', listener: () => void): void {
    this.#listeners.add(listener);
  }
  removeEventListener(_type: 'visibilitychange', listener: () => void): void {
    this.#listeners.delete(listener);
  }
  set(state: DocumentVisibilityState): void {
    this.visibilityState = state;
    for (const listener of this.#listeners) listener();
  }
  get listeners(): number {
    return this.#listeners.size;
  }
}

function setup(permission: NotificationPermission = 'granted', options: { throws?: boolean } = {}) {
  const page = new FakePage();
  let listener: ((task: TaskRecord) => void) | null = null;
  const shown: { title: string; options?: NotificationOptions | undefined }[] = [];
  const viaWorker: string[] = [];
  const focus = vi.fn();
  const Fake = class {
    static permission = permission;
    onclick: ((this: Notification, ev: Event) => unknown) | null = null;
    close = vi.fn();
    constructor(title: string, opts?: NotificationOptions) {
      if (options.throws) throw new TypeError('Illegal constructor');
      shown.push({ title, options: opts });
      instances.push(this);
    }
  };
  const instances: InstanceType<typeof Fake>[] = [];
  const notifier = new FinishedNotifier({
    onFinished: (l) => {
      listener = l;
      return () => (listener = null);
    },
    page,
    appTitle: () => 'Hailuo Studio',
    heading: (t) => (t.status === 'Success' ? 'Your video is ready' : 'A video could not be made'),
    body: (t) => t.prompt,
    lang: () => 'en',
    notification: Fake as unknown as NotificationApi,
    showViaServiceWorker: async (title) => void viaWorker.push(title),
    focus,
  });
  notifier.start();
  const finish = (t: TaskRecord) => listener?.(t);
  return { page, notifier, shown, viaWorker, instances, focus, finish, subscribed: () => listener !== null };
}

describe('FinishedNotifier', () => {
  it('takes its icon from the page’s base, so a page under a sub-path shows it too', () => {
    vi.stubEnv('BASE_URL', '/hailuo-studio/');
    try {
      const { finish, shown, page } = setup();
      page.set('hidden');
      finish(task('a'));
      expect(shown[0]?.options?.icon).toBe('/hailuo-studio/icon-192.png');
    } finally {
      vi.unstubAllEnvs();
    }
  });

  it('stays quiet while the page is visible', () => {
    const { finish, shown, page } = setup();
    finish(task('a'));
    expect(shown).toEqual([]);
    expect(page.title).toBe('Hailuo Studio');
  });

  it('notifies and counts in the title what finished while the page was hidden, and clears the count when seen', () => {
    const { finish, shown, page, notifier } = setup();
    page.set('hidden');
    finish(task('a'));
    finish(task('b', 'Fail'));
    expect(shown.map((s) => s.title)).toEqual(['Your video is ready', 'A video could not be made']);
    expect(shown[0]?.options).toMatchObject({ body: 'prompt a', tag: 'hailuo-a', lang: 'en' });
    expect(page.title).toBe('(2) Hailuo Studio');
    expect(notifier.unseen).toBe(2);
    page.set('visible');
    expect(page.title).toBe('Hailuo Studio');
    expect(notifier.unseen).toBe(0);
  });

  it('keeps the count exact with no timer at all: each task event bumps it, however late it arrives', () => {
    vi.useFakeTimers();
    try {
      const { finish, page } = setup('denied');
      page.set('hidden');
      for (const id of ['a', 'b', 'c']) finish(task(id));
      expect(vi.getTimerCount()).toBe(0);
      expect(page.title).toBe('(3) Hailuo Studio');
    } finally {
      vi.useRealTimers();
    }
  });

  it('counts in the title but shows no notification without permission', () => {
    const { finish, shown, page } = setup('default');
    page.set('hidden');
    finish(task('a'));
    expect(shown).toEqual([]);
    expect(page.title).toBe('(1) Hailuo Studio');
  });

  it('focuses the page when the notification is clicked', () => {
    const { finish, page, instances, focus } = setup();
    page.set('hidden');
    finish(task('a'));
    instances[0]?.onclick?.call({} as Notification, new Event('click'));
    expect(focus).toHaveBeenCalledOnce();
    expect(instances[0]?.close).toHaveBeenCalledOnce();
  });

  it('falls back to the service worker where the Notification constructor is refused (Android)', async () => {
    const { finish, page, viaWorker } = setup('granted', { throws: true });
    page.set('hidden');
    finish(task('a'));
    await Promise.resolve();
    expect(viaWorker).toEqual(['Your video is ready']);
  });

  it('stop() unsubscribes and restores the title', () => {
    const { finish, page, notifier, subscribed } = setup();
    page.set('hidden');
    finish(task('a'));
    notifier.stop();
    expect(subscribed()).toBe(false);
    expect(page.listeners).toBe(0);
    expect(page.title).toBe('Hailuo Studio');
  });
});

describe('askToNotify', () => {
  afterEach(() => resetAsked());

  function fakeApi(permission: NotificationPermission): PermissionApi & { asks: number } {
    return {
      permission,
      asks: 0,
      requestPermission() {
        this.asks++;
        return Promise.resolve('granted');
      },
    };
  }

  it('asks once, only while the browser has no answer yet', () => {
    const api = fakeApi('default');
    askToNotify(api);
    askToNotify(api);
    expect(api.asks).toBe(1);
  });

  it('never asks again once granted or denied', () => {
    for (const permission of ['granted', 'denied'] as const) {
      const api = fakeApi(permission);
      askToNotify(api);
      expect(api.asks).toBe(0);
    }
  });

  it('does nothing where notifications do not exist', () => {
    expect(() => askToNotify(undefined)).not.toThrow();
  });
});
