import { beforeEach, describe, expect, test } from 'vitest';
import { ArchiveFormatError, exportHistory, importHistory } from './archive';
import { openStudioDb } from './open';
import { CHUNK_BYTES } from './schema';
import { getTask, putTask } from './tasks';
import { bytesOf, freshDatabase, makeTask, readAll, sameBytes, streamOf, useCloneableBlob } from './test-kit';
import { saveVideo, videoBlob } from './videos';

beforeEach(async () => {
  await useCloneableBlob();
  await freshDatabase();
});

async function seed() {
  const withVideo = makeTask({ status: 'Success', fileId: '5', createdAt: 1, prompt: 'ünïcödé 🐱' });
  const failed = makeTask({ status: 'Fail', createdAt: 2, error: { code: 'task_failed', message: 'no' } });
  const uncertain = makeTask({ status: 'uncertain', taskId: undefined, createdAt: 3 });
  for (const t of [withVideo, failed, uncertain]) await putTask(t);
  const bytes = bytesOf(CHUNK_BYTES + 777, 3);
  await saveVideo(withVideo.id, streamOf(bytes), bytes.length);
  return { tasks: [withVideo, failed, uncertain], bytes, withVideo };
}

describe('export and import', () => {
  test('round trip into an empty browser is byte-exact, and a second export is identical', async () => {
    const { tasks, bytes, withVideo } = await seed();
    const exported = await readAll(exportHistory());
    const before = await Promise.all(tasks.map((t) => getTask(t.id)));
    await freshDatabase();

    const result = await importHistory(streamOf(exported, 65_537));
    expect(result).toEqual({ added: 3, skipped: 0 });
    expect(await Promise.all(tasks.map((t) => getTask(t.id)))).toEqual(before);
    expect(sameBytes(await readAll((await videoBlob(withVideo.id))!), bytes)).toBe(true);
    expect(sameBytes(await readAll(exportHistory()), exported)).toBe(true);
  });

  test('importing the same file twice adds nothing the second time', async () => {
    await seed();
    const exported = await readAll(exportHistory());
    expect(await importHistory(streamOf(exported))).toEqual({ added: 0, skipped: 3 });
    const db = await openStudioDb();
    expect(await db.count('tasks')).toBe(3);
    expect(await db.count('videoChunks')).toBe(2);
  });

  test('a task already here under another local id (same MiniMax task_id) is skipped', async () => {
    const { withVideo } = await seed();
    const exported = await readAll(exportHistory());
    await freshDatabase();
    await putTask(makeTask({ taskId: withVideo.taskId }));
    expect(await importHistory(streamOf(exported))).toEqual({ added: 2, skipped: 1 });
  });

  test('a video cut short in the file is dropped, its task kept (to download again)', async () => {
    const { withVideo } = await seed();
    const text = new TextDecoder().decode(await readAll(exportHistory()));
    const truncated = text
      .split('\n')
      .filter((line) => !(line.includes('"kind":"chunk"') && line.includes('"index":1')))
      .join('\n');
    await freshDatabase();
    expect(await importHistory(streamOf(new TextEncoder().encode(truncated)))).toEqual({ added: 3, skipped: 0 });
    expect((await getTask(withVideo.id))?.video).toBeUndefined();
    expect(await videoBlob(withVideo.id)).toBeNull();
  });

  test('a file that is not an export is refused', async () => {
    const error = await importHistory(streamOf(new TextEncoder().encode('{"hello":1}\n'))).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ArchiveFormatError);
  });

  test('a row that was waiting or being sent is imported as uncertain, never to be sent from here', async () => {
    const queued = makeTask({ status: 'queued', taskId: undefined, createdAt: 1 });
    const sending = makeTask({ status: 'submitting', taskId: undefined, createdAt: 2 });
    await putTask(queued);
    await putTask(sending);
    const exported = await readAll(exportHistory());
    await freshDatabase();
    await importHistory(streamOf(exported));
    for (const t of [queued, sending]) {
      expect(await getTask(t.id)).toMatchObject({ status: 'uncertain', error: { code: 'imported_unsent' } });
    }
  });
});
