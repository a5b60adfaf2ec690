import { describe, expect, it } from 'vitest';
import { pump } from '../components/history/stream-download';
import { bytesOf, readAll, sameBytes, settle, streamOf } from '../lib/db/test-kit';
import source from '../../public/export-download.js?raw';
import { fetchThrough, runWorkerScript, type WorkerScope } from './worker-scope';

const SCOPE = 'https://someone.example/hailuo-studio/';
const ROUTE = `${SCOPE}__export/`;

/** The script under test, then a stand-in for workbox's listener added after it (as in the built sw.js). */
function worker(): { scope: WorkerScope; workboxSaw: string[] } {
  const workboxSaw: string[] = [];
  const scope = runWorkerScript(source, SCOPE);
  scope.listen('fetch', (event) => workboxSaw.push((event as { request: { url: string } }).request.url));
  return { scope, workboxSaw };
}

/** A stream that counts how often it was read from and remembers its cancel. */
function countedSource(bytes: Uint8Array, piece = 1000) {
  const seen = { pulls: 0, cancelled: undefined as unknown };
  const inner = streamOf(bytes, piece).getReader();
  const stream = new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        seen.pulls++;
        const { done, value } = await inner.read();
        if (done) controller.close();
        else controller.enqueue(value);
      },
      cancel(reason) {
        seen.cancelled = reason ?? 'cancelled';
      },
    },
    { highWaterMark: 0 },
  );
  return { stream, seen };
}

interface Handed {
  url: string;
  port: MessagePort;
  said: string[];
}

/** The page's message: the name, a port, and the stream when it is transferred whole. */
async function hand(scope: WorkerScope, name: string, stream?: ReadableStream<Uint8Array>): Promise<Handed> {
  const channel = new MessageChannel();
  const said: string[] = [];
  const ready = new Promise<string>((resolve) => {
    channel.port1.onmessage = ({ data }) => {
      said.push(data.type);
      if (data.type === 'ready') resolve(data.url);
    };
  });
  scope.dispatch('message', { data: { type: 'hailuo-export', name, ...(stream ? { stream } : {}) }, ports: [channel.port2] });
  return { url: await ready, port: channel.port1, said };
}

const until = async (check: () => boolean) => {
  for (let i = 0; i < 200 && !check(); i++) await new Promise((resolve) => setTimeout(resolve, 0));
  expect(check()).toBe(true);
};

describe('the service worker’s export download', () => {
  it('answers its address once with the stream as a zip attachment, the name kept in any script', async () => {
    const { scope } = worker();
    const bytes = bytesOf(50_000);
    const handed = await hand(scope, '历史 记录 2026.zip', streamOf(bytes, 4096));
    expect(handed.url).toMatch(/^https:\/\/someone\.example\/hailuo-studio\/__export\/[0-9a-f-]{36}\/%E5%8E%86%E5%8F%B2%20%E8%AE%B0%E5%BD%95%202026\.zip$/);
    const { response, extended, stopped } = await fetchThrough(scope, handed.url);
    expect(stopped).toBe(true);
    expect(response?.status).toBe(200);
    expect(response?.headers.get('Content-Type')).toBe('application/zip');
    expect(response?.headers.get('Content-Disposition')).toBe(
      `attachment; filename="__ __ 2026.zip"; filename*=UTF-8''%E5%8E%86%E5%8F%B2%20%E8%AE%B0%E5%BD%95%202026.zip`,
    );
    expect(response?.headers.get('Content-Length')).toBeNull();
    expect(response?.headers.get('Cache-Control')).toBe('no-store');
    expect(sameBytes(await readAll(response!.body!), bytes)).toBe(true);
    await expect(Promise.all(extended)).resolves.toHaveLength(1); // the worker lived until the last byte
    await until(() => handed.said.includes('started'));

    const again = await fetchThrough(scope, handed.url);
    expect(again.response?.status).toBe(404);
  });

  it('encodes quotes, brackets and apostrophes so the header cannot be broken out of', async () => {
    const { scope } = worker();
    const handed = await hand(scope, `a"b';(c)*%.zip`, streamOf(bytesOf(10)));
    const { response } = await fetchThrough(scope, handed.url);
    expect(response?.headers.get('Content-Disposition')).toBe(`attachment; filename="a_b'_(c)*_.zip"; filename*=UTF-8''a%22b%27%3B%28c%29%2A%25.zip`);
  });

  it('finds no download for an unknown id, a POST, or a request that is not a navigation, and keeps the real one', async () => {
    const { scope, workboxSaw } = worker();
    const handed = await hand(scope, 'h.zip', streamOf(bytesOf(10)));
    const id = handed.url.slice(ROUTE.length).split('/')[0];
    for (const [url, request] of [
      [`${ROUTE}00000000-0000-4000-8000-000000000000/h.zip`, {}],
      [`${ROUTE}`, {}],
      [handed.url, { method: 'POST' }],
      [handed.url, { mode: 'cors' }],
      [handed.url, { mode: 'no-cors' }],
    ] as const) {
      const { response, stopped } = await fetchThrough(scope, url, request);
      expect(response?.status, `${url} ${JSON.stringify(request)}`).toBe(404);
      expect(response?.headers.get('Cache-Control')).toBe('no-store');
      expect(stopped).toBe(true);
    }
    expect(workboxSaw).toEqual([]);
    const real = await fetchThrough(scope, `${ROUTE}${id}/another-name.zip`);
    expect(real.response?.status).toBe(200);
    expect(handed.said).toContain('ready');
  });

  it('leaves every other address to workbox', async () => {
    const { scope, workboxSaw } = worker();
    await hand(scope, 'h.zip', streamOf(bytesOf(10)));
    for (const url of [SCOPE, `${SCOPE}index.html`, `${SCOPE}api/v1/files`, 'https://someone.example/__export/x/h.zip', 'https://elsewhere.example/hailuo-studio/__export/x/h.zip']) {
      const { response, stopped } = await fetchThrough(scope, url);
      expect(response).toBeUndefined();
      expect(stopped).toBe(false);
    }
    expect(workboxSaw).toHaveLength(5);
  });

  it('ignores messages that are not an export, or that bring no port', async () => {
    const { scope } = worker();
    const channel = new MessageChannel();
    const said: unknown[] = [];
    channel.port1.onmessage = ({ data }) => said.push(data);
    scope.dispatch('message', { data: { type: 'SKIP_WAITING' }, ports: [channel.port2] });
    scope.dispatch('message', { data: { type: 'hailuo-export', name: 42 }, ports: [channel.port2] });
    scope.dispatch('message', { data: { type: 'hailuo-export', name: 'h.zip' }, ports: [] });
    await settle();
    expect(said).toEqual([]);
  });

  it('passes a cancelled download back to the zip’s producer, which then stops', async () => {
    const { scope } = worker();
    const { stream, seen } = countedSource(bytesOf(100_000));
    const handed = await hand(scope, 'h.zip', stream);
    const { response, extended } = await fetchThrough(scope, handed.url);
    const reader = response!.body!.getReader();
    await reader.read();
    await reader.cancel('the user cancelled the download');
    await Promise.all(extended);
    await until(() => seen.cancelled !== undefined);
    const pulls = seen.pulls;
    await settle();
    expect(seen.pulls).toBe(pulls);
    expect(pulls).toBeLessThan(10);
  });
});

describe('where a stream cannot be transferred, the worker pulls it over the port', () => {
  /** The page's half: the real pump answering the worker's pulls. */
  async function pumped(bytes: Uint8Array) {
    const { scope } = worker();
    const counted = countedSource(bytes);
    const handed = await hand(scope, 'h.zip');
    const answer = pump(counted.stream, handed.port);
    handed.port.addEventListener('message', ({ data }) => answer(data));
    return { scope, handed, ...counted };
  }

  it('gets every byte, in order, one chunk per pull', async () => {
    const bytes = bytesOf(30_500);
    const { scope, handed, seen } = await pumped(bytes);
    expect(seen.pulls).toBe(0); // nothing read before the browser asks
    const { response } = await fetchThrough(scope, handed.url);
    expect(sameBytes(await readAll(response!.body!), bytes)).toBe(true);
    expect(seen.pulls).toBe(32); // 31 chunks and the end
  });

  it('reads the zip only as fast as the download takes it', async () => {
    const { scope, handed, seen } = await pumped(bytesOf(100_000));
    const { response } = await fetchThrough(scope, handed.url);
    const reader = response!.body!.getReader();
    for (let i = 0; i < 3; i++) await reader.read();
    await settle();
    expect(seen.pulls).toBeLessThanOrEqual(5);
    await reader.cancel();
    await until(() => seen.cancelled !== undefined);
  });

  it('fails the download when the page reports the zip failed', async () => {
    const { scope } = worker();
    const handed = await hand(scope, 'h.zip');
    handed.port.addEventListener('message', ({ data }) => {
      if (data.type === 'pull') handed.port.postMessage({ type: 'error', message: 'disk gone' });
    });
    const { response } = await fetchThrough(scope, handed.url);
    await expect(readAll(response!.body!)).rejects.toThrow('disk gone');
  });
});
