// History export/import. Import reads the zip of zip-export.ts and the NDJSON file of earlier versions, both checked
// the same way (as NDJSON lines). The NDJSON file, streamed both ways; lines, in order:
//   {"kind":"hailuo-studio-history","version":1}
//   {"kind":"task","task":{…TaskRecord}}              then, if it has a video,
//   {"kind":"chunk","id":"…","index":0,"data":"<base64 of ≤ 4 MiB>"} …
//   {"kind":"end","tasks":N}
import type { TaskRecord } from '../tasks/types';
import { base64CodesToBytes, base64ToBytes, bytesToBase64 } from './base64';
import { noteRowWritten } from './catalogue';
import { openStudioDb } from './open';
import { CHUNK_BYTES, type StudioDb } from './schema';
import { parseTaskRecord, TaskShapeError } from './task-shape';
import { fromRow, toRow } from './tasks';
import { entryBlob, isZip, readZipDirectory, ZipFormatError } from './zip-read';
import { deleteVideoChunks } from './videos';

export const ARCHIVE_KIND = 'hailuo-studio-history';
export const ARCHIVE_VERSION = 1;
/** the zip's history.json (zip-export.ts) */
export const ZIP_VERSION = 2;
export const HISTORY_FILE = 'history.json';
const VIDEO_TYPE = 'video/mp4';

type Line =
  | { kind: typeof ARCHIVE_KIND; version: number }
  | { kind: 'task'; task: TaskRecord }
  | { kind: 'chunk'; id: string; index: number; data: string }
  | { kind: 'end'; tasks: number };

export class ArchiveFormatError extends Error {
  override readonly name = 'ArchiveFormatError';
}

async function* archiveLines(): AsyncGenerator<Line> {
  yield { kind: ARCHIVE_KIND, version: ARCHIVE_VERSION };
  const db = await openStudioDb();
  const ids = await db.getAllKeysFromIndex('tasks', 'createdAt');
  let tasks = 0;
  for (const id of ids) {
    const row = await db.get('tasks', id);
    if (!row) continue; // deleted while exporting
    const task = fromRow(row);
    yield { kind: 'task', task };
    tasks++;
    for (let index = 0; index < (task.video?.chunks ?? 0); index++) {
      const chunk = await db.get('videoChunks', [id, index]);
      if (!chunk) break;
      yield { kind: 'chunk', id, index, data: bytesToBase64(new Uint8Array(await chunk.data.arrayBuffer())) };
    }
  }
  yield { kind: 'end', tasks };
}

/** Every task with its video, oldest first, produced as the reader pulls (one chunk in memory at a time). */
export function exportHistory(): ReadableStream<Uint8Array> {
  const lines = archiveLines();
  const encoder = new TextEncoder();
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      const next = await lines.next();
      if (next.done) controller.close();
      else controller.enqueue(encoder.encode(JSON.stringify(next.value) + '\n'));
    },
    async cancel() {
      await lines.return(undefined);
    },
  });
}

/** Longest line read, in bytes: a task with its request (the worker takes bodies up to 30 MiB) or a base64 chunk. */
export const MAX_LINE_CHARS = 32 * 1024 * 1024;
const NEWLINE = 0x0a;

/**
 * The NDJSON lines, split on the bytes: a line is joined once and decoded once (no string grows piece by piece),
 * and a chunk line as our export writes it never becomes a string at all (chunkLine).
 */
export async function* readLines(stream: ReadableStream<Uint8Array>): AsyncGenerator<unknown> {
  const reader = stream.getReader();
  let parts: Uint8Array[] = [];
  let held = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      let start = 0;
      for (let newline = value.indexOf(NEWLINE); newline >= 0; newline = value.indexOf(NEWLINE, start)) {
        parts.push(value.subarray(start, newline));
        start = newline + 1;
        const line = joined(parts);
        parts = [];
        held = 0;
        const parsed = parseLineBytes(line);
        if (parsed !== undefined) yield parsed;
      }
      if (start < value.length) {
        parts.push(value.subarray(start));
        held += value.length - start;
      }
      if (held > MAX_LINE_CHARS) throw new ArchiveFormatError('A line of this file is too long to be an export.');
    }
    const last = parseLineBytes(joined(parts));
    if (last !== undefined) yield last;
  } finally {
    await reader.cancel().catch(() => undefined);
    reader.releaseLock();
  }
}

function joined(parts: Uint8Array[]): Uint8Array {
  if (parts.length === 1) return parts[0];
  const line = new Uint8Array(parts.reduce((total, part) => total + part.length, 0));
  let at = 0;
  for (const part of parts) {
    line.set(part, at);
    at += part.length;
  }
  return line;
}

const text = new TextDecoder();

/** A line's value, or undefined for a blank line. */
function parseLineBytes(line: Uint8Array): unknown {
  const chunk = chunkLine(line);
  if (chunk) return chunk;
  const trimmed = text.decode(line).trim();
  return trimmed ? parseLine(trimmed) : undefined;
}

const CHUNK_HEAD = new TextEncoder().encode('{"kind":"chunk",');
const DATA_KEY = new TextEncoder().encode(',"data":"');
const QUOTE = 0x22;
const CLOSE = 0x7d;

/**
 * `{"kind":"chunk",…,"data":"<base64>"}` read with the base64 decoded straight from the bytes. Null for any other
 * line (or one spelled another way): JSON.parse reads those, and checks them the same.
 */
function chunkLine(line: Uint8Array): { kind: 'chunk'; id: unknown; index: unknown; data: Uint8Array } | null {
  if (line.length < CHUNK_HEAD.length || CHUNK_HEAD.some((byte, i) => line[i] !== byte)) return null;
  const at = indexOfBytes(line, DATA_KEY, CHUNK_HEAD.length);
  let end = line.length;
  while (end > 0 && (line[end - 1] === 0x20 || line[end - 1] === 0x0d || line[end - 1] === 0x09)) end--;
  if (at < 0 || end < at + DATA_KEY.length + 2 || line[end - 1] !== CLOSE || line[end - 2] !== QUOTE) return null;
  let head: unknown;
  try {
    head = JSON.parse(`${text.decode(line.subarray(0, at))}}`);
    const data = base64CodesToBytes(line.subarray(at + DATA_KEY.length, end - 2));
    const { kind, id, index, ...rest } = head as Record<string, unknown>;
    return Object.keys(rest).length === 0 && kind === 'chunk' ? { kind, id, index, data } : null;
  } catch {
    return null;
  }
}

function indexOfBytes(haystack: Uint8Array, needle: Uint8Array, from: number): number {
  for (let at = haystack.indexOf(needle[0], from); at >= 0 && at + needle.length <= haystack.length; at = haystack.indexOf(needle[0], at + 1)) {
    let i = 1;
    while (i < needle.length && haystack[at + i] === needle[i]) i++;
    if (i === needle.length) return at;
  }
  return -1;
}

function parseLine(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new ArchiveFormatError('This file is not a hailuo-studio history export (a line is not JSON).');
  }
}

export const IMPORTED_UNSENT = {
  code: 'imported_unsent',
  message: 'This was waiting to be sent in the browser it was exported from: it may have been sent there.',
};

/**
 * A row exported while still waiting (`queued`) or being sent (`submitting`) is never sent from here: the browser
 * it came from may have sent it meanwhile, and a paid create must not go twice. It arrives as `uncertain`.
 */
function notToBeSentHere(task: TaskRecord): TaskRecord {
  if (task.status !== 'queued' && task.status !== 'submitting') return task;
  return { ...task, status: 'uncertain', error: IMPORTED_UNSENT };
}

export interface ImportResult {
  /** tasks added */
  tasks: number;
  /** of them, with their video */
  videos: number;
  /** tasks already here (same id or same MiniMax task_id), left as they are */
  skipped: number;
}

/** Where a checked archive goes: a video's chunks as they come, then every task at once. */
export interface ImportSink {
  isKnown(task: TaskRecord): Promise<boolean>;
  chunk(id: string, index: number, data: Blob): Promise<void>;
  commit(tasks: readonly TaskRecord[]): Promise<void>;
  /** undoes every chunk written: the import is refused */
  abandon(): Promise<void>;
}

/**
 * Checks an export line by line (header and version, each task field by field, each video's chunks complete and in
 * order, the closing count) and hands what is new to `sink`; any fault refuses the whole file (ArchiveFormatError)
 * and `sink.abandon()` undoes the chunks, so nothing of a refused file stays.
 */
export async function importArchive(lines: AsyncIterable<unknown>, sink: ImportSink): Promise<ImportResult> {
  const reading = new ArchiveCheck(sink);
  try {
    for await (const line of lines) await reading.line(line);
    return await reading.finish();
  } catch (error) {
    await sink.abandon();
    if (error instanceof TaskShapeError) throw new ArchiveFormatError(`A task in this file is damaged: ${error.message}.`);
    if (error instanceof ZipFormatError) throw new ArchiveFormatError(`This zip is damaged: ${error.message}.`);
    throw error;
  }
}

interface Current {
  task: TaskRecord;
  known: boolean;
  chunks: number;
  bytes: number;
}

class ArchiveCheck {
  readonly #sink: ImportSink;
  readonly #ids = new Set<string>();
  readonly #fresh: TaskRecord[] = [];
  #sawHeader = false;
  #ended = false;
  #tasks = 0;
  #skipped = 0;
  #current: Current | null = null;

  constructor(sink: ImportSink) {
    this.#sink = sink;
  }

  async line(value: unknown): Promise<void> {
    const line = (typeof value === 'object' && value !== null ? value : {}) as Record<string, unknown>;
    if (this.#ended) throw new ArchiveFormatError('This file goes on after its end.');
    if (!this.#sawHeader) {
      if (line.kind !== ARCHIVE_KIND || line.version !== ARCHIVE_VERSION) {
        throw new ArchiveFormatError('This file is not a hailuo-studio history export of a known version.');
      }
      this.#sawHeader = true;
    } else if (line.kind === 'task') await this.#task(line.task);
    else if (line.kind === 'chunk') await this.#chunk(line);
    else if (line.kind === 'end') this.#end(line.tasks);
    else throw new ArchiveFormatError('This file has a line of an unknown kind.');
  }

  async finish(): Promise<ImportResult> {
    if (!this.#ended) throw new ArchiveFormatError('This file is cut short (no end).');
    await this.#sink.commit(this.#fresh.map(notToBeSentHere));
    return { tasks: this.#fresh.length, videos: this.#fresh.filter((t) => t.video).length, skipped: this.#skipped };
  }

  async #task(value: unknown): Promise<void> {
    this.#close();
    const task = parseTaskRecord(value);
    if (this.#ids.has(task.id)) throw new ArchiveFormatError('This file has the same task twice.');
    this.#ids.add(task.id);
    this.#tasks++;
    const known = await this.#sink.isKnown(task);
    if (known) this.#skipped++;
    else this.#fresh.push(task);
    this.#current = { task, known, chunks: 0, bytes: 0 };
  }

  async #chunk(line: Record<string, unknown>): Promise<void> {
    const current = this.#current;
    const video = current?.task.video;
    if (!current || !video || line.id !== current.task.id || line.index !== current.chunks || current.chunks >= video.chunks) {
      throw new ArchiveFormatError('A video in this file has its pieces missing or out of order.');
    }
    const data = piece(line.data);
    if (data.size === 0 || data.size > CHUNK_BYTES) throw new ArchiveFormatError('A video piece in this file is damaged.');
    if (!current.known) await this.#sink.chunk(current.task.id, current.chunks, data);
    current.chunks++;
    current.bytes += data.size;
  }

  #end(tasks: unknown): void {
    this.#close();
    if (tasks !== this.#tasks) throw new ArchiveFormatError('This file does not hold as many tasks as it says.');
    this.#ended = true;
  }

  /** The task read last must have all of its video. */
  #close(): void {
    const current = this.#current;
    this.#current = null;
    const video = current?.task.video;
    if (video && (current.chunks !== video.chunks || current.bytes !== video.bytes)) {
      throw new ArchiveFormatError('A video in this file is incomplete.');
    }
  }
}

/** A chunk's bytes: base64 from an NDJSON line (decoded already by chunkLine), or a slice of a zip. */
function piece(data: unknown): Blob {
  if (data instanceof Blob) return data;
  if (data instanceof Uint8Array) return new Blob([data as Uint8Array<ArrayBuffer>], { type: VIDEO_TYPE });
  try {
    if (typeof data === 'string') return new Blob([base64ToBytes(data)], { type: VIDEO_TYPE });
  } catch {
    // refused below
  }
  throw new ArchiveFormatError('A video piece in this file is damaged.');
}

/** Largest history.json read (it is read whole). */
const MAX_HISTORY_BYTES = MAX_LINE_CHARS * 8;

/** The lines of a zip export, as the NDJSON export would have them: history.json's tasks, each with its video. */
async function* zipLines(file: Blob): AsyncGenerator<unknown> {
  const entries = await readZipDirectory(file);
  const historyEntry = entries.get(HISTORY_FILE);
  if (!historyEntry) throw new ArchiveFormatError('This zip has no history.json.');
  if (historyEntry.size > MAX_HISTORY_BYTES) {
    throw new ArchiveFormatError(`This zip's history.json is too large to read (over ${MAX_HISTORY_BYTES / 1024 / 1024} MiB).`);
  }
  const history = parseLine(await (await entryBlob(file, historyEntry)).text()) as { kind?: unknown; version?: unknown; tasks?: unknown };
  if (history?.kind !== ARCHIVE_KIND || history.version !== ZIP_VERSION || !Array.isArray(history.tasks)) {
    throw new ArchiveFormatError('This file is not a hailuo-studio history export of a known version.');
  }
  yield { kind: ARCHIVE_KIND, version: ARCHIVE_VERSION };
  for (const task of history.tasks as { id?: unknown; video?: unknown; videoFile?: unknown }[]) {
    yield { kind: 'task', task };
    if (!task?.video) continue;
    const entry = typeof task.videoFile === 'string' ? entries.get(task.videoFile) : undefined;
    if (!entry) throw new ArchiveFormatError('A video this zip lists is not in it.');
    const blob = await entryBlob(file, entry);
    // slices of the file, stored as they are: the bytes never pass through the JS heap
    for (let index = 0; index * CHUNK_BYTES < blob.size; index++) {
      yield { kind: 'chunk', id: task.id, index, data: blob.slice(index * CHUNK_BYTES, (index + 1) * CHUNK_BYTES, VIDEO_TYPE) };
    }
  }
  yield { kind: 'end', tasks: history.tasks.length };
}

/** IndexedDB as the sink: chunks as they come, then every row in one transaction. */
function databaseSink(db: StudioDb): ImportSink {
  const written = new Set<string>();
  return {
    async isKnown(task) {
      if ((await db.getKey('tasks', task.id)) !== undefined) return true;
      return !!task.taskId && (await db.getKeyFromIndex('tasks', 'taskId', task.taskId)) !== undefined;
    },
    async chunk(id, index, data) {
      if (!written.has(id)) await deleteVideoChunks(id); // leftovers of an import a closed page never finished
      written.add(id);
      await db.put('videoChunks', { task: id, index, data });
    },
    async commit(tasks) {
      const tx = db.transaction('tasks', 'readwrite');
      const rows = tasks.map(toRow);
      await Promise.all([...rows.map((row) => tx.store.put(row)), tx.done]);
      rows.forEach(noteRowWritten);
    },
    async abandon() {
      for (const id of written) await deleteVideoChunks(id).catch(() => undefined);
    },
  };
}

/**
 * Merges an export (a zip, or the NDJSON file of earlier versions) into this browser's history, all of it or
 * nothing; tasks already here are skipped.
 */
export async function importHistory(file: Blob | ReadableStream<Uint8Array>): Promise<ImportResult> {
  const sink = databaseSink(await openStudioDb());
  if (file instanceof ReadableStream) return importArchive(readLines(file), sink);
  const zip = isZip(new Uint8Array(await file.slice(0, 4).arrayBuffer()));
  return importArchive(zip ? zipLines(file) : readLines(file.stream()), sink);
}
