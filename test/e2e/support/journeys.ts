// Shared steps of the end-to-end journeys: the form driven by role and accessible name, the queue's results,
// the stored rows read with the raw IndexedDB API, and a PNG made here (no image files in the repository).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deflateSync } from 'node:zlib';
import { chromium, type BrowserContext, type Locator, type Page, type Request } from 'playwright-core';
import { expect } from 'vitest';
import { DemoMedia } from '../../../worker/src/simulator/media/library';
import { readDemoUnits } from '../../../worker/src/simulator/media/node-units';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../../support/chromium.mjs';

/** The demo-mode video of a default Hailuo 2.3 job (768P, 6 s) */
export const DEMO_HAILUO_MP4 = Buffer.from(new DemoMedia(readDemoUnits()).v1(1366, 768, 6));

/** Short simulator stages: a video is done ~1.5 s after its create (the first poll comes at 3 s). */
export const FAST_STAGES = { preparing: 300, queueing: 300, processing: 1200 };

export const CREATE_PATH = '/api/v1/video_generation';
export const QUERY_PATH = '/api/v1/query/video_generation';

// ---------------------------------------------------------------------------------------------------------------
// A PNG of any size, made with zlib: an RGB gradient, so it is a real picture and not a blank.

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes: Buffer): number {
  let c = 0xffffffff;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

export function makePng(width: number, height: number): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bit depth
  header[9] = 2; // RGB
  const raw = Buffer.alloc((width * 3 + 1) * height);
  for (let y = 0; y < height; y++) {
    const row = y * (width * 3 + 1);
    raw[row] = 0; // filter: none
    for (let x = 0; x < width; x++) {
      raw[row + 1 + x * 3] = Math.round((x / width) * 255);
      raw[row + 2 + x * 3] = Math.round((y / height) * 255);
      raw[row + 3 + x * 3] = 160;
    }
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

// ---------------------------------------------------------------------------------------------------------------
// The form

export async function writePrompt(page: Page, prompt: string): Promise<void> {
  await page.getByRole('textbox', { name: 'Prompt' }).fill(prompt);
}

export async function chooseModel(page: Page, model: string): Promise<void> {
  await page.getByRole('main').getByRole('combobox', { name: 'Model' }).selectOption(model);
}

export async function generate(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Generate' }).click();
}

/** Writes the prompt, presses Generate and waits for the form to say the video is queued. */
export async function generateVideo(page: Page, prompt: string, model?: string): Promise<void> {
  if (model) await chooseModel(page, model);
  await writePrompt(page, prompt);
  await generate(page);
  // "added to the queue" first, then "accepted by MiniMax" once it has a task id
  await expect.poll(() => page.getByRole('status').filter({ hasText: /added to the queue|accepted by MiniMax/ }).count()).toBe(1);
}

// ---------------------------------------------------------------------------------------------------------------
// The queue and its results

export function queue(page: Page): Locator {
  return page.getByRole('region', { name: 'Queue' });
}

export function history(page: Page): Locator {
  return page.getByRole('region', { name: 'History' });
}

/** The player of a finished video in the queue's "Just made" list (its name is "Video: <prompt>"). */
export function queueVideo(page: Page, prompt: string): Locator {
  return queue(page).getByLabel(`Video: ${prompt}`, { exact: true });
}

/** The history card of `prompt` (in any language). */
export function historyCard(page: Page, prompt: string): Locator {
  return page.locator('#history .cards > li').filter({ hasText: prompt });
}

/**
 * A history card's player. A card makes its <video> only once near the viewport (lazy object URLs), and what sits
 * above the history (a connection notice, the queue) moves it: its place is scrolled into view once the video is
 * stored, then the element is awaited.
 */
export async function cardVideo(card: Locator, timeout = 30_000): Promise<Locator> {
  const place = card.locator('.video');
  await place.waitFor({ state: 'attached', timeout });
  await place.scrollIntoViewIfNeeded();
  const video = place.locator('video');
  await video.waitFor({ timeout });
  return video;
}

export interface Playback {
  readyState: number;
  duration: number;
  currentTime: number;
  src: string;
}

/**
 * Plays the video (muted, as a person's click would) and waits until it can play through: readyState ≥ 3
 * (HAVE_FUTURE_DATA) with a real duration. Returns what the element reports.
 */
export async function playUntilReady(video: Locator, timeout = 15_000): Promise<Playback> {
  await video.waitFor({ state: 'attached', timeout });
  await video.scrollIntoViewIfNeeded();
  // Waits for the media events, not for a time budget: a loaded machine decodes late, not never (the test's own
  // timeout still ends a video that never plays).
  return video.evaluate(async (element) => {
    const v = element as HTMLVideoElement;
    v.muted = true;
    const until = (ready: () => boolean, events: string[]) =>
      new Promise<void>((resolve) => {
        const check = () => {
          if (!ready()) return;
          for (const name of events) v.removeEventListener(name, check);
          resolve();
        };
        for (const name of events) v.addEventListener(name, check);
        check();
      });
    await v.play().catch(() => undefined);
    await until(() => v.readyState >= 3 && v.duration > 0, ['canplay', 'canplaythrough', 'playing', 'durationchange']);
    // let it actually move a little: the frames decode, not just the metadata
    if (!v.paused) await until(() => v.currentTime > 0, ['timeupdate']);
    return { readyState: v.readyState, duration: v.duration, currentTime: v.currentTime, src: v.currentSrc };
  });
}

export function expectPlaying(playback: Playback): void {
  expect(playback.readyState).toBeGreaterThanOrEqual(3);
  expect(playback.duration).toBeGreaterThan(0);
  expect(Number.isFinite(playback.duration)).toBe(true);
  expect(playback.src.startsWith('blob:')).toBe(true); // from IndexedDB, not from the network
}

// ---------------------------------------------------------------------------------------------------------------
// The stored rows, read with the raw IndexedDB API (the built bundle's modules cannot be imported from a test)

export interface StoredRow {
  id: string;
  taskId?: string;
  model: string;
  prompt: string;
  status: string;
  createdAt: number;
  fileId?: string;
  favourite: boolean;
  video?: { bytes: number; chunks: number };
  error?: { code: string; message: string };
}

export function storedRows(page: Page): Promise<StoredRow[]> {
  return page.evaluate(
    () =>
      new Promise<StoredRow[]>((resolve, reject) => {
        const open = indexedDB.open('hailuo-studio');
        // Never create the app's database: one made here (version 1, empty) fails the app's own upgrade, and a
        // reader polling before the app's first write did exactly that ("nothing was queued").
        open.onupgradeneeded = () => open.transaction!.abort();
        open.onerror = () => (open.error?.name === 'AbortError' ? resolve([]) : reject(open.error));
        open.onsuccess = () => {
          const db = open.result;
          if (!db.objectStoreNames.contains('tasks')) {
            db.close();
            return resolve([]);
          }
          const all = db.transaction('tasks').objectStore('tasks').getAll();
          all.onsuccess = () => {
            db.close();
            resolve(all.result as StoredRow[]);
          };
          all.onerror = () => reject(all.error);
        };
      }),
  );
}

/** Whether the stored bytes of task `id` hold an mp4 sound track (a 'hdlr' box of handler type 'soun'). */
export function storedWithSound(page: Page, id: string): Promise<boolean> {
  return page.evaluate(
    (task) =>
      new Promise<boolean>((resolve, reject) => {
        const open = indexedDB.open('hailuo-studio');
        open.onupgradeneeded = () => open.transaction!.abort(); // never create the app's database (see storedRows)
        open.onerror = () => (open.error?.name === 'AbortError' ? resolve(false) : reject(open.error));
        open.onsuccess = () => {
          const db = open.result;
          const all = db.transaction('videoChunks').objectStore('videoChunks').getAll(IDBKeyRange.bound([task, 0], [task, Infinity]));
          all.onsuccess = async () => {
            db.close();
            const blob = new Blob((all.result as { data: Blob }[]).map((c) => c.data));
            resolve(/hdlr[\s\S]{8}soun/.test(new TextDecoder('latin1').decode(new Uint8Array(await blob.arrayBuffer()))));
          };
          all.onerror = () => reject(all.error);
        };
      }),
    id,
  );
}

export async function storedRow(page: Page, prompt: string): Promise<StoredRow | undefined> {
  return (await storedRows(page)).find((row) => row.prompt === prompt);
}

/** Waits until the row of `prompt` has its video bytes in IndexedDB. */
export async function untilVideoStored(page: Page, prompt: string, timeout = 30_000): Promise<StoredRow> {
  try {
    await expect.poll(async () => (await storedRow(page, prompt))?.video?.bytes ?? 0, { timeout, interval: 250 }).toBeGreaterThan(0);
  } catch (error) {
    // say where the task stopped (no row: the create never left the form), and what the page says about it
    const row = await storedRow(page, prompt).catch(() => undefined);
    const said = await page.locator('[role="status"], [role="alert"]').allTextContents().catch(() => []);
    const where = row ? JSON.stringify({ status: row.status, taskId: row.taskId, fileId: row.fileId, error: row.error, video: row.video }) : 'no row';
    throw new Error(`no video stored for "${prompt}" within ${timeout} ms; ${where}; the page says: ${said.map((t) => t.trim()).filter(Boolean).join(' | ') || 'nothing'}`, { cause: error });
  }
  return (await storedRow(page, prompt))!;
}

// ---------------------------------------------------------------------------------------------------------------
// Requests the page made

export function recordRequests(page: Page): Request[] {
  const seen: Request[] = [];
  page.on('request', (request) => seen.push(request));
  return seen;
}

/** The v1 creates the simulator (the upstream) saw. */
export function upstreamCreates(seen: readonly { method: string; path: string }[]): { method: string; path: string }[] {
  return seen.filter((r) => r.method === 'POST' && r.path === '/v1/video_generation');
}

export function creates(requests: Request[]): Request[] {
  return requests.filter((r) => r.method() === 'POST' && new URL(r.url()).pathname === CREATE_PATH);
}

// ---------------------------------------------------------------------------------------------------------------
// A regular (non-incognito) profile: Chromium refuses to call any page installable in an incognito context,
// which every browser.newContext() is. Still Debian's Chromium, with the suites' flags.

export async function launchProfile(): Promise<{ context: BrowserContext; close(): Promise<void> }> {
  const dir = mkdtempSync(join(tmpdir(), 'hailuo-e2e-profile-'));
  const context = await chromium.launchPersistentContext(dir, {
    executablePath: CHROMIUM_PATH,
    args: CHROMIUM_ARGS,
    locale: 'en-US',
    viewport: { width: 1280, height: 900 },
  });
  return {
    context,
    close: async () => {
      await context.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
