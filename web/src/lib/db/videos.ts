// Video bytes in 4 MiB Blob chunks, written as they arrive; all of a video or none of it.
import type { StoredVideo } from '../tasks/types';
import { isQuotaError, StorageFullError, VideoIncompleteError } from './errors';
import { openStudioDb } from './open';
import { CHUNK_BYTES } from './schema';
import { toRow } from './tasks';

const VIDEO_TYPE = 'video/mp4';

function chunkRange(id: string): IDBKeyRange {
  return IDBKeyRange.bound([id, 0], [id, Infinity]);
}

export async function deleteVideoChunks(id: string): Promise<void> {
  const db = await openStudioDb();
  await db.delete('videoChunks', chunkRange(id));
}

async function writeChunk(id: string, index: number, parts: Uint8Array[]): Promise<void> {
  const db = await openStudioDb();
  await db.put('videoChunks', { task: id, index, data: new Blob(parts as BlobPart[], { type: VIDEO_TYPE }) });
}

class StreamFailure {
  constructor(
    readonly cause: unknown,
    readonly bytes: number,
  ) {}
}

/** Cuts a byte stream into CHUNK_BYTES pieces and hands each to `write` as soon as it is full. */
async function writeInChunks(
  stream: ReadableStream<Uint8Array>,
  write: (index: number, parts: Uint8Array[]) => Promise<void>,
): Promise<{ bytes: number; chunks: number }> {
  const reader = stream.getReader();
  let parts: Uint8Array[] = [];
  let filled = 0;
  let bytes = 0;
  let chunks = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      let rest = value;
      bytes += rest.byteLength;
      while (filled + rest.byteLength >= CHUNK_BYTES) {
        const take = CHUNK_BYTES - filled;
        parts.push(rest.subarray(0, take));
        await write(chunks++, parts);
        parts = [];
        filled = 0;
        rest = rest.subarray(take);
      }
      if (rest.byteLength > 0) {
        parts.push(rest);
        filled += rest.byteLength;
      }
    }
    if (filled > 0) await write(chunks++, parts);
    return { bytes, chunks };
  } catch (error) {
    await reader.cancel(error).catch(() => undefined);
    throw new StreamFailure(error, bytes);
  } finally {
    reader.releaseLock();
  }
}

/**
 * Stores the video of task `id`, verifies its length, then records it on the row.
 * On any failure every chunk written is deleted and a StorageFullError or VideoIncompleteError is thrown.
 */
export async function saveVideo(id: string, stream: ReadableStream<Uint8Array>, expectedBytes?: number): Promise<StoredVideo> {
  await deleteVideoChunks(id); // leftovers of an attempt a closed page never finished
  let written: { bytes: number; chunks: number };
  try {
    written = await writeInChunks(stream, (index, parts) => writeChunk(id, index, parts));
    if (written.bytes === 0 || (expectedBytes !== undefined && written.bytes !== expectedBytes)) {
      throw new VideoIncompleteError(written.bytes, expectedBytes);
    }
    const video: StoredVideo = { bytes: written.bytes, chunks: written.chunks, type: VIDEO_TYPE, savedAt: Date.now() };
    await recordVideo(id, video);
    return video;
  } catch (error) {
    await deleteVideoChunks(id).catch(() => undefined);
    if (error instanceof VideoIncompleteError) throw error;
    const cause = error instanceof StreamFailure ? error.cause : error;
    const received = error instanceof StreamFailure ? error.bytes : 0;
    if (isQuotaError(cause)) throw new StorageFullError(received, { cause });
    throw new VideoIncompleteError(received, expectedBytes, { cause });
  }
}

/** Sets `video` on the row; fails if the row is gone (the user deleted it meanwhile). */
async function recordVideo(id: string, video: StoredVideo): Promise<void> {
  const db = await openStudioDb();
  const tx = db.transaction('tasks', 'readwrite');
  const row = await tx.store.get(id);
  if (!row) throw new Error(`Task ${id} was deleted while its video downloaded.`);
  await Promise.all([tx.store.put(toRow({ ...row, video })), tx.done]);
}

/** The stored video as one Blob made of the chunk Blobs (no copy into one buffer), or null if none is stored. */
export async function videoBlob(id: string): Promise<Blob | null> {
  const db = await openStudioDb();
  const chunks = await db.getAll('videoChunks', chunkRange(id));
  if (chunks.length === 0) return null;
  return new Blob(
    chunks.map((c) => c.data),
    { type: chunks[0].data.type || VIDEO_TYPE },
  );
}
