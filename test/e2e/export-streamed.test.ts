// The history export where the browser has no save picker (Firefox, Safari, Android: played here by Chromium with
// showSaveFilePicker removed): the service worker serves the zip as a streamed download, so a history of ~100 MiB
// of stored videos leaves the page's JS heap flat; the zip holds history.json and every video byte for byte, and
// imports back into an empty browser. Without a service worker the zip is made in memory first, and the status
// says so.
import { createHash } from 'node:crypto';
import { openAsBlob, readFileSync } from 'node:fs';
import type { BrowserContext, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { entryBlob, readZipDirectory } from '../../web/src/lib/db/zip-read';
import { goto, openStudioPage, reload } from '../support/browser';
import { DEMO_HAILUO_MP4, FAST_STAGES, generateVideo, storedRows, untilVideoStored, type StoredRow } from './support/journeys';
import { useStudioAndBrowser } from './support/studio-and-browser';

const suite = useStudioAndBrowser('demo', { stages: FAST_STAGES });

const CHUNK = 4 * 1024 * 1024;
const BIG_VIDEOS = 5;
const CHUNKS_EACH = 5; // 5 × 5 × 4 MiB = 100 MiB of stored chunks
const MEMORY_BUDGET = 64 * 1024 * 1024;

/** A browser without a save picker, as Firefox and Safari are; `workers: false` blocks service workers too. */
async function pickerlessPage(workers: boolean): Promise<{ context: BrowserContext; page: Page }> {
  const context = await suite.browser.newContext({ locale: 'en-US', acceptDownloads: true, serviceWorkers: workers ? 'allow' : 'block' });
  await context.addInitScript(() => delete (window as { showSaveFilePicker?: unknown }).showSaveFilePicker);
  await context.addInitScript(() => localStorage.setItem('hailuo-studio.lastModel', 'MiniMax-Hailuo-2.3'));
  const page = await context.newPage();
  await goto(page, suite.studio.url);
  expect(await page.evaluate(() => 'showSaveFilePicker' in window)).toBe(false);
  return { context, page };
}

/**
 * Stores `BIG_VIDEOS` more finished tasks shaped like `template`, each with CHUNKS_EACH chunks of 4 MiB written
 * straight into IndexedDB. Returns each one's prompt and its chunks' SHA-256 digests.
 */
function storeBigVideos(page: Page, template: StoredRow): Promise<{ prompt: string; digests: string[] }[]> {
  return page.evaluate(
    async ({ template, count, chunks, size }) => {
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const open = indexedDB.open('hailuo-studio');
        open.onsuccess = () => resolve(open.result);
        open.onerror = () => reject(open.error);
      });
      const done = (tx: IDBTransaction) =>
        new Promise<void>((resolve, reject) => {
          tx.oncomplete = () => resolve();
          tx.onerror = () => reject(tx.error);
        });
      const hex = (buffer: ArrayBuffer) => [...new Uint8Array(buffer)].map((b) => b.toString(16).padStart(2, '0')).join('');
      const made: { prompt: string; digests: string[] }[] = [];
      for (let v = 0; v < count; v++) {
        const id = crypto.randomUUID();
        const prompt = `大视频 big video ${v + 1}`;
        const digests: string[] = [];
        for (let c = 0; c < chunks; c++) {
          const words = new Uint32Array(size / 4);
          let x = (v + 1) * 7919 + c * 104729 + 1;
          for (let i = 0; i < words.length; i++) {
            x ^= x << 13;
            x ^= x >>> 17;
            x ^= x << 5;
            words[i] = x >>> 0;
          }
          digests.push(hex(await crypto.subtle.digest('SHA-256', words)));
          const tx = db.transaction('videoChunks', 'readwrite');
          tx.objectStore('videoChunks').put({ task: id, index: c, data: new Blob([words], { type: 'video/mp4' }) });
          await done(tx);
        }
        const tx = db.transaction('tasks', 'readwrite');
        const video = { ...(template.video as object), bytes: chunks * size, chunks };
        tx.objectStore('tasks').put({ ...template, id, taskId: `${template.taskId}${v + 1}`, prompt, createdAt: template.createdAt + v + 1, video });
        await done(tx);
        made.push({ prompt, digests });
      }
      db.close();
      return made;
    },
    { template, count: BIG_VIDEOS, chunks: CHUNKS_EACH, size: CHUNK },
  );
}

/** Private memory (kB → bytes) of one process, from /proc: what it holds that no other process shares. */
function privateBytes(pid: number): number {
  try {
    const rollup = readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8');
    let kb = 0;
    for (const match of rollup.matchAll(/^Private_(?:Clean|Dirty):\s+(\d+) kB$/gm)) kb += Number(match[1]);
    return kb * 1024;
  } catch {
    return 0; // the process has gone
  }
}

/**
 * The memory the export holds: the page's JS heap and the private memory of every Chromium process (the page's,
 * the service worker's, the browser's own where Blobs are kept), each read after a garbage collection in the page
 * (not in the service worker: its garbage counts too). Sampled until stopped; the peak's growth is returned.
 */
async function watchMemory(page: Page) {
  const cdp = await page.context().newCDPSession(page);
  const browserCdp = await suite.browser.newBrowserCDPSession();
  const sample = async () => {
    await cdp.send('HeapProfiler.collectGarbage');
    const heap = (await cdp.send('Runtime.getHeapUsage')) as { usedSize: number; backingStorageSize?: number };
    const { processInfo } = (await browserCdp.send('SystemInfo.getProcessInfo')) as { processInfo: { id: number }[] };
    return { heap: heap.usedSize + (heap.backingStorageSize ?? 0), processes: processInfo.reduce((sum, p) => sum + privateBytes(p.id), 0) };
  };
  const before = await sample();
  const peak = { ...before };
  let sampling = Promise.resolve();
  const take = () => {
    sampling = sampling.then(sample).then((now) => {
      peak.heap = Math.max(peak.heap, now.heap);
      peak.processes = Math.max(peak.processes, now.processes);
    }, () => undefined);
  };
  const sampler = setInterval(take, 200);
  return {
    async stop() {
      clearInterval(sampler);
      take();
      await sampling;
      await Promise.all([cdp.detach(), browserCdp.detach()]);
      return { heap: peak.heap - before.heap, processes: peak.processes - before.processes, before };
    },
  };
}

const sha256 = async (blob: Blob) => createHash('sha256').update(new Uint8Array(await blob.arrayBuffer())).digest('hex');

describe('export on a browser without a save picker', () => {
  // The page's JS heap is bounded; Chromium's processes as a whole are printed, not judged. Measured 2026-12-01 with
  // the service worker's garbage collected too (Chromium with --expose-gc, a gc() in the worker before each sample):
  // +73–88 MiB peak for 100 MiB, +37 MiB for 200 MiB (not growing with the history; without that collection the
  // renderer seemed to peak ~140 MiB up). That collection is not kept: in the two runs that had it, a later page of
  // this file twice waited 30 s on an asset request the local server never answered (cause not yet found).
  it('streams a ~100 MiB history through the service worker with a flat JS heap, and the zip imports back', async () => {
    const { context, page } = await pickerlessPage(true);
    let fresh: BrowserContext | undefined;
    try {
      const prompt = 'A lantern floats over a quiet lake';
      await generateVideo(page, prompt);
      const template = await untilVideoStored(page, prompt);
      const big = await storeBigVideos(page, template);
      // the app shell from the service worker: it controls the page after a reload
      await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
      await reload(page);
      await expect.poll(() => page.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true);
      const rows = await storedRows(page);
      expect(rows).toHaveLength(1 + BIG_VIDEOS);

      const memory = await watchMemory(page);
      const started = Date.now();
      const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export history' }).click()]);
      // the service worker's one-shot address, not a blob: the zip was never whole in the page
      expect(download.url()).toMatch(new RegExp(`^${suite.studio.url}/__export/[0-9a-f-]{36}/hailuo-history_\\d{8}\\.zip$`));
      expect(download.suggestedFilename()).toMatch(/^hailuo-history_\d{8}\.zip$/);
      const path = await download.path();
      await page.getByRole('status').filter({ hasText: 'History exported.' }).waitFor({ timeout: 60_000 });
      const grew = await memory.stop();
      const zip = await openAsBlob(path);
      const mib = (n: number) => `${(n / 2 ** 20).toFixed(1)} MiB`;
      console.info(`streamed export: ${mib(zip.size)} in ${Date.now() - started} ms; JS heap grew ${mib(grew.heap)}, Chromium's private memory grew ${mib(grew.processes)} (from ${mib(grew.before.processes)})`);
      expect(grew.heap).toBeLessThanOrEqual(MEMORY_BUDGET);
      expect(await page.evaluate(() => document.querySelectorAll('iframe').length)).toBe(0);

      // the zip: history.json, the made video byte for byte, each big one chunk by chunk
      const entries = await readZipDirectory(zip);
      const history = JSON.parse(await (await entryBlob(zip, entries.get('history.json')!)).text()) as { tasks: { prompt: string; videoFile: string }[] };
      expect(history.tasks.map((t) => t.prompt)).toEqual([prompt, ...big.map((b) => b.prompt)]);
      const made = await entryBlob(zip, entries.get(history.tasks[0].videoFile)!);
      expect(Buffer.from(await made.arrayBuffer()).equals(DEMO_HAILUO_MP4)).toBe(true);
      for (const [i, { digests }] of big.entries()) {
        const video = await entryBlob(zip, entries.get(history.tasks[i + 1].videoFile)!);
        expect(video.size).toBe(CHUNKS_EACH * CHUNK);
        const got = [];
        for (let c = 0; c < CHUNKS_EACH; c++) got.push(await sha256(video.slice(c * CHUNK, (c + 1) * CHUNK)));
        expect(got).toEqual(digests);
      }

      // into an empty browser: the same rows
      fresh = (await openStudioPage(suite.browser, suite.studio.url)).context;
      const other = fresh.pages()[0];
      await other.locator('input[type="file"][accept*=".zip"]').setInputFiles(path);
      await other.getByRole('status').filter({ hasText: `Imported ${1 + BIG_VIDEOS} tasks (${1 + BIG_VIDEOS} with their video)` }).waitFor({ timeout: 90_000 });
      const byId = (list: StoredRow[]) => [...list].sort((a, b) => a.id.localeCompare(b.id));
      expect(byId(await storedRows(other))).toEqual(byId(rows));
    } finally {
      await fresh?.close();
      await context.close();
    }
  });

  it('without a service worker, makes the zip in memory first and says so', async () => {
    const { context, page } = await pickerlessPage(false);
    try {
      const prompt = 'Snow settles on a red bicycle';
      await generateVideo(page, prompt);
      await untilVideoStored(page, prompt);
      expect(await page.evaluate(() => navigator.serviceWorker.controller)).toBeNull();
      const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export history' }).click()]);
      expect(download.url()).toMatch(/^blob:/);
      await page.getByRole('status').filter({ hasText: 'History exported. Saved in memory first: this browser offered no streamed download.' }).waitFor();
      const zip = await openAsBlob(await download.path());
      const entries = await readZipDirectory(zip);
      const history = JSON.parse(await (await entryBlob(zip, entries.get('history.json')!)).text()) as { tasks: { prompt: string; videoFile: string }[] };
      expect(history.tasks.map((t) => t.prompt)).toEqual([prompt]);
      const video = await entryBlob(zip, entries.get(history.tasks[0].videoFile)!);
      expect(Buffer.from(await video.arrayBuffer()).equals(DEMO_HAILUO_MP4)).toBe(true);
    } finally {
      await context.close();
    }
  });
});
