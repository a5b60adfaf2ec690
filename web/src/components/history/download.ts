// Saving files the user asked for: a stored video, or the history export stream.
import { videoBlob } from '../../lib/db';
import { videoFilename } from '../../lib/form/filename';
import type { TaskRecord } from '../../lib/tasks/types';
import { downloadThroughWorker } from './stream-download';

function saveBlob(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  link.rel = 'noopener';
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 30_000);
}

export async function downloadVideo(task: TaskRecord): Promise<boolean> {
  const blob = await videoBlob(task.id);
  if (!blob) return false;
  saveBlob(blob, videoFilename(task));
  return true;
}

interface SaveFilePicker {
  showSaveFilePicker?: (options: {
    suggestedName: string;
    types: { description: string; accept: Record<string, string[]> }[];
  }) => Promise<{ createWritable(): Promise<WritableStream<Uint8Array>> }>;
}

/** How an export ended: picked file, streamed download, a Blob made in memory first, or cancelled. */
export type SaveOutcome = 'saved' | 'streamed' | 'in-memory' | 'cancelled';

/**
 * Streams `open()` to a file the user picks where the browser allows it (showSaveFilePicker); elsewhere as a
 * download served by the service worker (stream-download.ts). Only with neither is the stream collected into one
 * Blob first. `open` is called once, when the bytes are wanted.
 */
export async function saveStream(open: () => ReadableStream<Uint8Array>, filename: string): Promise<SaveOutcome> {
  const picker = (globalThis as SaveFilePicker).showSaveFilePicker;
  if (picker) {
    let handle;
    try {
      handle = await picker({
        suggestedName: filename,
        types: [{ description: 'Hailuo Studio history', accept: { 'application/zip': ['.zip'] } }],
      });
    } catch (error) {
      if ((error as { name?: string }).name === 'AbortError') return 'cancelled';
      throw error;
    }
    await open().pipeTo(await handle.createWritable());
    return 'saved';
  }
  const streamed = await downloadThroughWorker(open, filename);
  if (streamed === 'done') return 'streamed';
  if (streamed === 'cancelled') return 'cancelled';
  saveBlob(await new Response(open()).blob(), filename);
  return 'in-memory';
}

export function exportFilename(now = new Date()): string {
  const two = (n: number) => String(n).padStart(2, '0');
  return `hailuo-history_${now.getFullYear()}${two(now.getMonth() + 1)}${two(now.getDate())}.zip`;
}
