import { afterEach, describe, expect, it, vi } from 'vitest';
import source from '../../../public/export-download.js?raw';
import { bytesOf, readAll, sameBytes, settle, streamOf } from '../../lib/db/test-kit';
import { fetchThrough, runWorkerScript } from '../../pwa/worker-scope';
import {
  canTransferStreams,
  downloadThroughWorker,
  DownloadNotStartedError,
  EXPORT_MESSAGE,
  READY_TIMEOUT_MS,
  START_TIMEOUT_MS,
  watched,
} from './stream-download';

afterEach(() => {
  vi.useRealTimers();
});

/** A producer that says when it was opened, how often it was read and whether it was cancelled. */
function producer(bytes: Uint8Array, failAfter?: number) {
  const seen = { opened: 0, pulls: 0, cancelled: false };
  const open = () => {
    seen.opened++;
    const inner = streamOf(bytes, 1000, failAfter).getReader();
    return new ReadableStream<Uint8Array>(
      {
        async pull(controller) {
          seen.pulls++;
          const { done, value } = await inner.read();
          if (done) controller.close();
          else controller.enqueue(value);
        },
        cancel() {
          seen.cancelled = true;
        },
      },
      { highWaterMark: 0 },
    );
  };
  return { open, seen };
}

/** The real worker script as the page's controller: what the page posts reaches its message listener. */
function controller() {
  const scope = runWorkerScript(source, 'https://someone.example/');
  const posted: unknown[] = [];
  const worker = {
    postMessage(message: unknown, transfer: Transferable[]) {
      posted.push(message);
      scope.dispatch('message', { data: message, ports: transfer.filter((t) => !(t instanceof ReadableStream)) });
    },
  } as unknown as ServiceWorker;
  return { scope, worker, posted };
}

describe('watched', () => {
  it('opens the producer only when the first byte is wanted, and tells when the last was taken', async () => {
    const { open, seen } = producer(bytesOf(2500));
    const { readable, finished } = watched(open);
    await settle();
    expect(seen.opened).toBe(0);
    expect((await readAll(readable)).length).toBe(2500);
    await expect(finished).resolves.toBe('done');
  });

  it('passes a cancel on to the producer and tells it was cancelled', async () => {
    const { open, seen } = producer(bytesOf(5000));
    const { readable, finished } = watched(open);
    const reader = readable.getReader();
    await reader.read();
    await reader.cancel('no');
    await expect(finished).resolves.toBe('cancelled');
    expect(seen.cancelled).toBe(true);
  });

  it('fails when the producer fails', async () => {
    const { open } = producer(bytesOf(5000), 2000);
    const { readable, finished } = watched(open);
    await expect(readAll(readable)).rejects.toThrow('network error');
    await expect(finished).rejects.toThrow('network error');
  });
});

describe('a download served by the service worker', () => {
  it('is not tried without a controlling worker, and the producer is left unopened', async () => {
    const { open, seen } = producer(bytesOf(10));
    expect(await downloadThroughWorker(open, 'h.zip', { worker: null })).toBeNull();
    expect(seen.opened).toBe(0);
  });

  it('gives up when the worker never answers (a version without the route), before opening the producer', async () => {
    vi.useFakeTimers();
    const { open, seen } = producer(bytesOf(10));
    const navigate = vi.fn(() => () => undefined);
    const silent = { postMessage: vi.fn() } as unknown as ServiceWorker;
    const outcome = downloadThroughWorker(open, 'h.zip', { worker: silent, navigate });
    await vi.advanceTimersByTimeAsync(READY_TIMEOUT_MS - 1);
    let settled = false;
    void outcome.then(() => (settled = true));
    await vi.advanceTimersByTimeAsync(0);
    expect(settled).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(await outcome).toBeNull();
    expect(seen.opened).toBe(0);
    expect(navigate).not.toHaveBeenCalled();
  });

  for (const transfer of [true, false]) {
    const how = transfer ? 'the stream transferred' : 'chunks pumped over the port';
    it(`downloads every byte with ${how}, then removes its frame`, async () => {
      const { scope, worker, posted } = controller();
      const bytes = bytesOf(20_500);
      const { open } = producer(bytes);
      let downloaded: Promise<Uint8Array> | undefined;
      const removed = vi.fn();
      const outcome = await downloadThroughWorker(open, '历史.zip', {
        worker,
        transfer,
        navigate: (url) => {
          downloaded = fetchThrough(scope, url).then(({ response }) => readAll(response!.body!));
          return removed;
        },
      });
      expect(outcome).toBe('done');
      expect(sameBytes(await downloaded!, bytes)).toBe(true);
      expect(removed).toHaveBeenCalledOnce();
      expect(posted).toEqual([expect.objectContaining({ type: EXPORT_MESSAGE, name: '历史.zip' })]);
      expect((posted[0] as { stream?: unknown }).stream instanceof ReadableStream).toBe(transfer);
    });

    it(`stops the producer when the download is cancelled, with ${how}`, async () => {
      const { scope, worker } = controller();
      const { open, seen } = producer(bytesOf(100_000));
      const outcome = await downloadThroughWorker(open, 'h.zip', {
        worker,
        transfer,
        navigate: (url) => {
          void fetchThrough(scope, url).then(async ({ response }) => {
            const reader = response!.body!.getReader();
            await reader.read();
            await reader.cancel('the user cancelled');
          });
          return () => undefined;
        },
      });
      expect(outcome).toBe('cancelled');
      await settle();
      expect(seen.cancelled).toBe(true);
      expect(seen.pulls).toBeLessThan(10);
    });

    it(`reports a producer that fails, with ${how}`, async () => {
      const { scope, worker } = controller();
      const { open } = producer(bytesOf(100_000), 3000);
      const outcome = downloadThroughWorker(open, 'h.zip', {
        worker,
        transfer,
        navigate: (url) => {
          void fetchThrough(scope, url).then(({ response }) => readAll(response!.body!).catch(() => undefined));
          return () => undefined;
        },
      });
      await expect(outcome).rejects.toThrow(transfer ? 'network error' : /./);
    });
  }

  it('says so when the browser never fetches the download, and removes its frame', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const { worker } = controller();
    const { open, seen } = producer(bytesOf(10));
    let opened!: () => void;
    const navigated = new Promise<void>((resolve) => (opened = resolve));
    const removed = vi.fn();
    const outcome = downloadThroughWorker(open, 'h.zip', {
      worker,
      navigate: () => {
        opened();
        return removed;
      },
    });
    outcome.catch(() => undefined);
    await navigated;
    await vi.advanceTimersByTimeAsync(START_TIMEOUT_MS - 1);
    expect(removed).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1);
    await expect(outcome).rejects.toBeInstanceOf(DownloadNotStartedError);
    expect(removed).toHaveBeenCalledOnce();
    expect(seen.opened).toBe(0);
  });
});

describe('the page’s pieces', () => {
  it('finds that streams can be transferred here', () => {
    expect(canTransferStreams()).toBe(true);
  });
});
