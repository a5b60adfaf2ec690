import { describe, expect, it, vi } from 'vitest';
import source from '../../public/notification-click.js?raw';

const SCOPE = 'https://someone.example/hailuo-studio/';

interface FakeClient {
  url: string;
  focus: ReturnType<typeof vi.fn>;
}

/** Runs web/public/notification-click.js against a stand-in for the service worker's global scope, then clicks. */
async function click(windows: FakeClient[]) {
  const listeners = new Map<string, (event: unknown) => void>();
  const clients = {
    matchAll: vi.fn(async () => windows),
    openWindow: vi.fn(async () => null),
  };
  const self = {
    registration: { scope: SCOPE },
    clients,
    addEventListener: (type: string, listener: (event: unknown) => void) => listeners.set(type, listener),
  };
  new Function('self', source)(self);
  const notification = { close: vi.fn(), data: null };
  const waitUntil = vi.fn();
  listeners.get('notificationclick')?.({ notification, waitUntil });
  expect(waitUntil).toHaveBeenCalledOnce();
  const done: unknown = waitUntil.mock.calls[0]?.[0];
  expect(done).toBeInstanceOf(Promise);
  await done;
  return { clients, notification };
}

const tab = (url: string): FakeClient => ({ url, focus: vi.fn(async () => undefined) });

describe('the service worker’s notification click', () => {
  it('closes the notification and focuses the studio tab already open, the most recently focused one', async () => {
    const tabs = [tab(`${SCOPE}`), tab(`${SCOPE}?later`)];
    const { clients, notification } = await click(tabs);
    expect(notification.close).toHaveBeenCalledOnce();
    expect(clients.matchAll).toHaveBeenCalledWith({ type: 'window', includeUncontrolled: true });
    expect(tabs[0]?.focus).toHaveBeenCalledOnce();
    expect(tabs[1]?.focus).not.toHaveBeenCalled();
    expect(clients.openWindow).not.toHaveBeenCalled();
  });

  it('opens the studio at its own scope (a static host’s sub-path too) when no tab of it is open', async () => {
    const { clients, notification } = await click([]);
    expect(notification.close).toHaveBeenCalledOnce();
    expect(clients.openWindow).toHaveBeenCalledWith(SCOPE);
  });

  it('never focuses a window outside its scope', async () => {
    const other = tab('https://someone.example/another-app/');
    const { clients } = await click([other]);
    expect(other.focus).not.toHaveBeenCalled();
    expect(clients.openWindow).toHaveBeenCalledWith(SCOPE);
  });
});
