import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { StorageFullError, VideoIncompleteError } from './errors';
import { openStudioDb } from './open';
import { CHUNK_BYTES } from './schema';
import { getTask, putTask } from './tasks';
import { bytesOf, freshDatabase, makeTask, readAll, sameBytes, streamOf, useCloneableBlob } from './test-kit';
import { saveVideo, videoBlob } from './videos';

beforeEach(async () => {
  await useCloneableBlob();
  await freshDatabase();
});

afterEach(() => {
  vi.restoreAllMocks();
});

async function chunkCount(): Promise<number> {
  return (await openStudioDb()).count('videoChunks');
}

describe('saveVideo', () => {
  test('stores the bytes in 4 MiB chunks and reads them back identical', async () => {
    const t = makeTask({ status: 'Success', fileId: '1' });
    await putTask(t);
    const bytes = bytesOf(CHUNK_BYTES * 2 + 12345);
    const video = await saveVideo(t.id, streamOf(bytes, 300_001), bytes.length);
    expect(video).toMatchObject({ bytes: bytes.length, chunks: 3, type: 'video/mp4' });
    expect((await getTask(t.id))?.video).toEqual(video);
    const blob = await videoBlob(t.id);
    expect(blob?.size).toBe(bytes.length);
    expect(sameBytes(await readAll(blob!), bytes)).toBe(true);
  });

  test('a download shorter than Content-Length is not saved: no chunk, no video on the row', async () => {
    const t = makeTask({ status: 'Success', fileId: '1' });
    await putTask(t);
    const bytes = bytesOf(CHUNK_BYTES + 10);
    const error = await saveVideo(t.id, streamOf(bytes), bytes.length + 500).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(VideoIncompleteError);
    expect(await chunkCount()).toBe(0);
    expect((await getTask(t.id))?.video).toBeUndefined();
  });

  test('a stream that breaks midway leaves nothing behind', async () => {
    const t = makeTask({ status: 'Success', fileId: '1' });
    await putTask(t);
    const bytes = bytesOf(CHUNK_BYTES * 3);
    const error = await saveVideo(t.id, streamOf(bytes, 1 << 20, CHUNK_BYTES * 2 + 5), bytes.length).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(VideoIncompleteError);
    expect((error as VideoIncompleteError).received).toBe(CHUNK_BYTES * 2 + 5);
    expect(await chunkCount()).toBe(0);
  });

  test('QuotaExceededError becomes StorageFullError and leaves nothing', async () => {
    const t = makeTask({ status: 'Success', fileId: '1' });
    await putTask(t);
    const realPut = IDBObjectStore.prototype.put;
    let puts = 0;
    vi.spyOn(IDBObjectStore.prototype, 'put').mockImplementation(function (this: IDBObjectStore, ...args) {
      if (this.name === 'videoChunks' && ++puts === 3) throw new DOMException('full', 'QuotaExceededError');
      return realPut.apply(this, args);
    });
    const bytes = bytesOf(CHUNK_BYTES * 4);
    const error = await saveVideo(t.id, streamOf(bytes), bytes.length).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StorageFullError);
    expect(await chunkCount()).toBe(0);
    expect((await getTask(t.id))?.video).toBeUndefined();
  });

  test('a second save replaces the chunks of an earlier, abandoned attempt', async () => {
    const t = makeTask({ status: 'Success', fileId: '1' });
    await putTask(t);
    const db = await openStudioDb();
    for (let index = 0; index < 5; index++) await db.put('videoChunks', { task: t.id, index, data: new Blob(['junk']) });
    const bytes = bytesOf(1000);
    await saveVideo(t.id, streamOf(bytes), 1000);
    expect(await chunkCount()).toBe(1);
    expect(sameBytes(await readAll((await videoBlob(t.id))!), bytes)).toBe(true);
  });

  test('each chunk is exactly 4 MiB but the last, whatever the pieces of the stream; each is stored as video/mp4', async () => {
    const t = makeTask({ status: 'Success', fileId: '1' });
    await putTask(t);
    const bytes = bytesOf(CHUNK_BYTES * 2 + 5);
    await saveVideo(t.id, streamOf(bytes, 300_001), bytes.length);
    const chunks = await (await openStudioDb()).getAll('videoChunks');
    expect(chunks.map((c) => [c.data.size, c.data.type])).toEqual([
      [CHUNK_BYTES, 'video/mp4'],
      [CHUNK_BYTES, 'video/mp4'],
      [5, 'video/mp4'],
    ]);
  });

  test('a video of exactly one chunk is one chunk; the length need not be known; the stream is released', async () => {
    const t = makeTask({ status: 'Success', fileId: '1' });
    await putTask(t);
    const stream = streamOf(bytesOf(CHUNK_BYTES));
    expect(await saveVideo(t.id, stream)).toMatchObject({ bytes: CHUNK_BYTES, chunks: 1 });
    expect(await chunkCount()).toBe(1);
    expect(stream.locked).toBe(false);
  });

  test('an empty download is not a video', async () => {
    const t = makeTask({ status: 'Success', fileId: '1' });
    await putTask(t);
    const error = await saveVideo(t.id, streamOf(new Uint8Array())).catch((e: unknown) => e);
    expect(error).toEqual(new VideoIncompleteError(0, undefined));
    expect((await getTask(t.id))?.video).toBeUndefined();
  });

  /** A finished task stored without its video: its id. */
  async function storedTask(): Promise<string> {
    const t = makeTask({ status: 'Success', fileId: '1' });
    await putTask(t);
    return t.id;
  }

  test('a short download says how much came of how much', async () => {
    const short = await saveVideo(await storedTask(), streamOf(bytesOf(100)), 150).catch((e: unknown) => e);
    expect((short as Error).message).toBe('The video download gave 100 of 150 bytes.');
  });

  test('a broken download carries its cause', async () => {
    const broken = (await saveVideo(await storedTask(), streamOf(bytesOf(100), 10, 50), 100).catch((e: unknown) => e)) as VideoIncompleteError;
    expect(broken.cause).toEqual(new TypeError('network error'));
  });

  test('a full disk carries its cause', async () => {
    const id = await storedTask();
    const full = new DOMException('full', 'QuotaExceededError');
    vi.spyOn(IDBObjectStore.prototype, 'put').mockImplementation(() => {
      throw full;
    });
    const error = await saveVideo(id, streamOf(bytesOf(100)), 100).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StorageFullError);
    expect((error as StorageFullError).cause).toBe(full);
  });

  test('a task deleted while its video downloaded: nothing is kept, and the error says why', async () => {
    const error = (await saveVideo('gone', streamOf(bytesOf(100)), 100).catch((e: unknown) => e)) as VideoIncompleteError;
    expect(error).toBeInstanceOf(VideoIncompleteError);
    expect((error.cause as Error).message).toBe('Task gone was deleted while its video downloaded.');
    expect(await chunkCount()).toBe(0);
  });

  test('videoBlob is video/mp4, even of chunks stored with no type', async () => {
    await (await openStudioDb()).put('videoChunks', { task: 'old', index: 0, data: new Blob(['x']) });
    expect((await videoBlob('old'))?.type).toBe('video/mp4');
    const t = makeTask({ status: 'Success', fileId: '1' });
    await putTask(t);
    await saveVideo(t.id, streamOf(bytesOf(10)), 10);
    expect((await videoBlob(t.id))?.type).toBe('video/mp4');
  });

  test('no video stored → videoBlob is null', async () => {
    expect(await videoBlob('nothing')).toBeNull();
  });
});
