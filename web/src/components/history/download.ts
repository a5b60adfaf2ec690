// Saving files the user asked for: a stored video, or the history export stream.
import { videoBlob } from '../../lib/db';
import { videoFilename } from '../../lib/form/filename';
import type { TaskRecord } from '../../lib/tasks/types';

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

/**
 * Streams to a file the user picks where the browser allows it (showSaveFilePicker). Elsewhere the stream is
 * collected into one Blob and downloaded: its video parts are the stored chunks' Blobs, but the browser may copy them.
 */
export async function saveStream(stream: ReadableStream<Uint8Array>, filename: string): Promise<boolean> {
  const picker = (globalThis as SaveFilePicker).showSaveFilePicker;
  if (picker) {
    let handle;
    try {
      handle = await picker({
        suggestedName: filename,
        types: [{ description: 'Hailuo Studio history', accept: { 'application/zip': ['.zip'] } }],
      });
    } catch (error) {
      await stream.cancel();
      if ((error as { name?: string }).name === 'AbortError') return false;
      throw error;
    }
    await stream.pipeTo(await handle.createWritable());
    return true;
  }
  saveBlob(await new Response(stream).blob(), filename);
  return true;
}

export function exportFilename(now = new Date()): string {
  const two = (n: number) => String(n).padStart(2, '0');
  return `hailuo-history_${now.getFullYear()}${two(now.getMonth() + 1)}${two(now.getDate())}.zip`;
}
