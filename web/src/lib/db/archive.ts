// History export/import: one NDJSON file, streamed both ways. Lines, in order:
//   {"kind":"hailuo-studio-history","version":1}
//   {"kind":"task","task":{…TaskRecord}}              then, if it has a video,
//   {"kind":"chunk","id":"…","index":0,"data":"<base64 of ≤ 4 MiB>"} …
//   {"kind":"end","tasks":N}
import type { TaskRecord } from '../tasks/types';
import { base64ToBytes, bytesToBase64 } from './base64';
import { openStudioDb } from './open';
import { noteRowWritten } from './catalogue';
import { fromRow, toRow } from './tasks';
import { deleteVideoChunks } from './videos';

export const ARCHIVE_KIND = 'hailuo-studio-history';
export const ARCHIVE_VERSION = 1;

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

async function* readLines(stream: ReadableStream<Uint8Array>): AsyncGenerator<Line> {
  const reader = stream.getReader();
  const decoder = new TextDecoder();
  let buffered = '';
  try {
    for (;;) {
      const { done, value } = await reader.read();
      buffered += done ? decoder.decode() : decoder.decode(value, { stream: true });
      let newline: number;
      while ((newline = buffered.indexOf('\n')) >= 0) {
        const text = buffered.slice(0, newline).trim();
        buffered = buffered.slice(newline + 1);
        if (text) yield parseLine(text);
      }
      if (done) break;
    }
    if (buffered.trim()) yield parseLine(buffered.trim());
  } finally {
    reader.releaseLock();
  }
}

function parseLine(text: string): Line {
  try {
    return JSON.parse(text) as Line;
  } catch {
    throw new ArchiveFormatError('This file is not a hailuo-studio history export (a line is not JSON).');
  }
}

interface Incoming {
  task: TaskRecord;
  chunks: number;
  bytes: number;
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

/** Merges an export into this browser's history; tasks already here (same id or same MiniMax task_id) are skipped. */
export async function importHistory(stream: ReadableStream<Uint8Array>): Promise<{ added: number; skipped: number }> {
  const db = await openStudioDb();
  let added = 0;
  let skipped = 0;
  let sawHeader = false;
  let current: Incoming | null = null;

  const finish = async (): Promise<void> => {
    if (!current) return;
    const { task, chunks, bytes } = current;
    current = null;
    const complete = task.video && task.video.chunks === chunks && task.video.bytes === bytes;
    if (task.video && !complete) await deleteVideoChunks(task.id);
    const { video: _video, ...withoutVideo } = task;
    const row = toRow(notToBeSentHere(complete ? task : withoutVideo));
    await db.put('tasks', row);
    noteRowWritten(row);
    added++;
  };

  try {
    for await (const line of readLines(stream)) {
      if (!sawHeader) {
        if (line.kind !== ARCHIVE_KIND || line.version !== ARCHIVE_VERSION) {
          throw new ArchiveFormatError('This file is not a hailuo-studio history export of a known version.');
        }
        sawHeader = true;
        continue;
      }
      if (line.kind === 'task') {
        await finish();
        if (await isKnown(line.task)) skipped++;
        else current = { task: line.task, chunks: 0, bytes: 0 };
      } else if (line.kind === 'chunk') {
        if (!current || line.id !== current.task.id || line.index !== current.chunks) continue;
        const bytes = base64ToBytes(line.data);
        await db.put('videoChunks', { task: line.id, index: line.index, data: new Blob([bytes], { type: 'video/mp4' }) });
        current.chunks++;
        current.bytes += bytes.byteLength;
      } else if (line.kind === 'end') {
        await finish();
      }
    }
    await finish();
  } catch (error) {
    const unfinished = current as Incoming | null;
    if (unfinished) await deleteVideoChunks(unfinished.task.id).catch(() => undefined);
    throw error;
  }
  return { added, skipped };

  async function isKnown(task: TaskRecord): Promise<boolean> {
    if (!task?.id || (await db.getKey('tasks', task.id)) !== undefined) return true;
    return !!task.taskId && (await db.getKeyFromIndex('tasks', 'taskId', task.taskId)) !== undefined;
  }
}
