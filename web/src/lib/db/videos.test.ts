import { beforeEach, describe, expect, test, vi } from 'vitest';
import { StorageFullError, VideoIncompleteError } from './errors';
import { openStudioDb } from './open';
import { CHUNK_BYTES } from './schema';
import { getTask, putTask } from './tasks';
import { bytesOf, freshDatabase, makeTask, readAll, sameBytes, streamOf, useCloneableBlob } from './test-kit';
import { saveVideo, videoBlob } from './videos';

beforeEach(async () => {
  await useCloneableBlob();
  await freshDatabase();
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
    vi.restoreAllMocks();
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

  test('no video stored → videoBlob is null', async () => {
    expect(await videoBlob('nothing')).toBeNull();
  });
});
