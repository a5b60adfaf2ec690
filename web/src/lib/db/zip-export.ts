// History export as a zip (loaded only when the user exports): `history.json` (every task, oldest first, each with
// the name of its video file) and each stored video as a playable .mp4, streamed: one video's chunks at a time.
import { makeZip } from 'client-zip';
import type { TaskRecord } from '../tasks/types';
import { ARCHIVE_KIND, HISTORY_FILE, ZIP_VERSION } from './archive';
import { openStudioDb } from './open';
import { fromRow } from './tasks';
import { videoBlob } from './videos';

export interface ZipHistory {
  kind: typeof ARCHIVE_KIND;
  version: typeof ZIP_VERSION;
  tasks: (TaskRecord & { videoFile?: string })[];
}

/** A readable, unique file name: date, the prompt's first words (any script, CJK kept), and the id's start. */
export function videoFileName(task: Pick<TaskRecord, 'id' | 'prompt' | 'createdAt'>): string {
  const d = new Date(task.createdAt);
  const two = (n: number) => String(n).padStart(2, '0');
  const date = `${d.getUTCFullYear()}-${two(d.getUTCMonth() + 1)}-${two(d.getUTCDate())}_${two(d.getUTCHours())}${two(d.getUTCMinutes())}`;
  const words = [...task.prompt.normalize('NFC').replace(/[^\p{L}\p{N}]+/gu, '-').replace(/^-+/, '')]
    .slice(0, 40)
    .join('')
    .replace(/-+$/, '');
  return `videos/${date}_${words || 'video'}_${task.id.slice(0, 8)}.mp4`;
}

async function* entries(): AsyncGenerator<{ name: string; input: string | Blob; lastModified: Date }> {
  const db = await openStudioDb();
  const tasks: TaskRecord[] = [];
  for (const id of await db.getAllKeysFromIndex('tasks', 'createdAt')) {
    const row = await db.get('tasks', id);
    if (row) tasks.push(fromRow(row));
  }
  const history: ZipHistory = {
    kind: ARCHIVE_KIND,
    version: ZIP_VERSION,
    tasks: tasks.map((task) => (task.video ? { ...task, videoFile: videoFileName(task) } : task)),
  };
  yield { name: HISTORY_FILE, input: JSON.stringify(history), lastModified: new Date() };
  for (const task of history.tasks) {
    if (!task.videoFile) continue;
    const blob = await videoBlob(task.id); // the chunks' Blobs, not a copy
    if (blob) yield { name: task.videoFile, input: blob, lastModified: new Date(task.finishedAt ?? task.createdAt) };
  }
}

export function exportZip(): ReadableStream<Uint8Array> {
  return makeZip(entries());
}
