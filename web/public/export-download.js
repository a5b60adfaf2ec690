// The history export as a streamed download where the browser has no save picker (Firefox, Safari, Android):
// the page hands this worker the zip's stream (transferred, or pumped chunk by chunk over a MessagePort where
// streams cannot be transferred), then opens `<scope>__export/<id>/<name>`; the worker answers that one request
// with the stream as an attachment, so the zip is never held whole. The page's side and the protocol:
// web/src/components/history/stream-download.ts. Pulled into the generated sw.js by workbox's importScripts
// (web/vite.config.ts) before workbox's own routes. Plain JS: it is served as is, not bundled.
(() => {
  const ROUTE = '__export/';
  /** id → { name, body, port }: each id is answered once */
  const pending = new Map();

  // RFC 5987: any name (Chinese too) in filename*, and an ASCII stand-in for browsers that read only filename.
  const encoded = (name) => encodeURIComponent(name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  const asciiName = (name) => name.replace(/[^\x20-\x7e]|["\\%;]/g, '_');
  const disposition = (name) => `attachment; filename="${asciiName(name)}"; filename*=UTF-8''${encoded(name)}`;

  /** The zip's bytes asked of the page one chunk at a time: it reads the zip only as fast as the download takes it. */
  function pumped(port) {
    let answer = null;
    port.onmessage = ({ data }) => {
      const take = answer;
      answer = null;
      take?.(data);
    };
    return new ReadableStream(
      {
        pull: (controller) =>
          new Promise((resolve) => {
            answer = (data) => {
              if (data?.type === 'chunk' && data.chunk instanceof Uint8Array) controller.enqueue(data.chunk);
              else if (data?.type === 'end') controller.close();
              else controller.error(new Error(data?.message || 'the export failed'));
              resolve();
            };
            port.postMessage({ type: 'pull' });
          }),
        cancel: () => port.postMessage({ type: 'cancel' }),
      },
      { highWaterMark: 0 },
    );
  }

  self.addEventListener('message', (event) => {
    const data = event.data;
    const port = event.ports?.[0];
    if (data?.type !== 'hailuo-export' || typeof data.name !== 'string' || !port) return;
    const id = crypto.randomUUID();
    const body = data.stream instanceof ReadableStream ? data.stream : pumped(port);
    pending.set(id, { name: data.name, body, port });
    port.postMessage({ type: 'ready', url: `${self.registration.scope}${ROUTE}${id}/${encoded(data.name)}` });
  });

  self.addEventListener('fetch', (event) => {
    const url = new URL(event.request.url);
    const route = new URL(ROUTE, self.registration.scope);
    if (url.origin !== route.origin || !url.pathname.startsWith(route.pathname)) return;
    // Workbox never sees this route: nothing of it is cached, and no index.html stands in for it.
    event.stopImmediatePropagation();
    const id = url.pathname.slice(route.pathname.length).split('/')[0];
    // Only the page's own navigation, once: an id is unguessable, and used or unknown ids are not found.
    const download = event.request.method === 'GET' && event.request.mode === 'navigate' ? pending.get(id) : undefined;
    if (!download) {
      event.respondWith(new Response('Not found', { status: 404, headers: { 'Cache-Control': 'no-store' } }));
      return;
    }
    pending.delete(id);
    download.port.postMessage({ type: 'started' });
    // The worker stays alive until the last byte is out (or the download is cancelled: the cancel reaches the page).
    const { readable, writable } = new TransformStream();
    event.waitUntil(download.body.pipeTo(writable).catch(() => undefined));
    event.respondWith(
      new Response(readable, {
        headers: {
          'Content-Type': 'application/zip',
          'Content-Disposition': disposition(download.name),
          'Cache-Control': 'no-store',
          'X-Content-Type-Options': 'nosniff',
        },
      }),
    );
  });
})();
