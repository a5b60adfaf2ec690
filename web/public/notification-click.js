// A click on a "video done" notification shown by the service worker. Where `new Notification` is refused
// (Chrome on Android) web/src/lib/notify shows it with registration.showNotification, and the page's onclick never
// runs: the click lands here. Pulled into the generated sw.js by workbox's importScripts (web/vite.config.ts), as
// a same-origin file because the CSP allows no inline script. Plain JS: it is served as is, not bundled.
self.addEventListener('notificationclick', (event) => {
  event.notification.close();
  // waitUntil: the worker stays alive until the window is focused or opened (and the browser lets it do so).
  event.waitUntil(
    (async () => {
      // includeUncontrolled: a tab opened before this worker took control is still the studio.
      const windows = await self.clients.matchAll({ type: 'window', includeUncontrolled: true });
      // Window clients come most recently focused first: bring back the tab the user last had, open one if none.
      const open = windows.find((client) => client.url.startsWith(self.registration.scope));
      if (open) return open.focus();
      // The scope is the studio's own address, at a domain's root or under a static host's sub-path.
      return self.clients.openWindow(self.registration.scope);
    })(),
  );
});
