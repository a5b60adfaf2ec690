import { makeZip } from 'client-zip';
import { beforeEach, describe, expect, test } from 'vitest';
import { ArchiveFormatError, importHistory } from './archive';
import { openStudioDb } from './open';
import { CHUNK_BYTES } from './schema';
import { getTask, putTask } from './tasks';
import { bytesOf, freshDatabase, makeTask, readAll, sameBytes, streamOf, useCloneableBlob } from './test-kit';
import { saveVideo, videoBlob } from './videos';
import { exportZip, videoFileName } from './zip-export';
import { entryBlob, readZipDirectory } from './zip-read';

beforeEach(async () => {
  await useCloneableBlob();
  await freshDatabase();
});

async function seed(videoBytes = 3000) {
  const withVideo = makeTask({ status: 'Success', fileId: '5', createdAt: Date.UTC(2026, 0, 2, 3, 4), prompt: '一只猫在滑板上 a cat, on a board!' });
  const failed = makeTask({ status: 'Fail', createdAt: 2, error: { code: 'task_failed', message: 'no' } });
  for (const t of [withVideo, failed]) await putTask(t);
  const bytes = bytesOf(videoBytes, 3);
  await saveVideo(withVideo.id, streamOf(bytes), bytes.length);
  return { tasks: [withVideo, failed], bytes, withVideo };
}

const zipOf = async () => new Blob([await readAll(exportZip())]);

async function snapshot() {
  const db = await openStudioDb();
  return { tasks: await db.getAll('tasks'), chunks: (await db.getAll('videoChunks')).map((c) => [c.task, c.index, c.data.size]) };
}

describe('zip export', () => {
  test('holds history.json and each video as a playable .mp4 under a readable name, byte for byte', async () => {
    const { withVideo, bytes } = await seed();
    const zip = await zipOf();
    const entries = await readZipDirectory(zip);
    const name = `videos/2026-01-02_0304_一只猫在滑板上-a-cat-on-a-board_${withVideo.id.slice(0, 8)}.mp4`;
    expect([...entries.keys()]).toEqual(['history.json', name]);
    const video = await readAll(await entryBlob(zip, entries.get(name)!));
    expect(sameBytes(video, bytes)).toBe(true);
    const history = JSON.parse(await (await entryBlob(zip, entries.get('history.json')!)).text());
    expect(history).toMatchObject({ kind: 'hailuo-studio-history', version: 2, tasks: [{ id: expect.any(String) }, { videoFile: name }] });
  });

  test('a prompt with no letters still gives a name', () => {
    expect(videoFileName({ id: 'abcdef1234', prompt: '!!! ...', createdAt: 0 })).toBe('videos/1970-01-01_0000_video_abcdef12.mp4');
  });

  test('round trip of a video of several chunks through the zip into an empty browser', async () => {
    const { tasks, bytes, withVideo } = await seed(CHUNK_BYTES + 777);
    const before = await Promise.all(tasks.map((t) => getTask(t.id)));
    const zip = await zipOf();
    await freshDatabase();
    expect(await importHistory(zip)).toEqual({ tasks: 2, videos: 1, skipped: 0 });
    expect(await Promise.all(tasks.map((t) => getTask(t.id)))).toEqual(before);
    expect(sameBytes(await readAll((await videoBlob(withVideo.id))!), bytes)).toBe(true);
  });

  test('importing the same zip again adds nothing', async () => {
    await seed();
    expect(await importHistory(await zipOf())).toEqual({ tasks: 0, videos: 0, skipped: 2 });
  });
});

/** A zip made by hand from a history and its files. */
const handmade = (files: { name: string; input: string | Uint8Array }[]) => readAll(makeZip(files)).then((b) => new Blob([b]));

describe('a damaged or hostile zip is refused whole, and the database is left as it was', () => {
  const cases: [string, () => Promise<Blob>][] = [
    ['no history.json', () => handmade([{ name: 'other.json', input: '{}' }])],
    ['history.json of an unknown version', () => handmade([{ name: 'history.json', input: '{"kind":"hailuo-studio-history","version":3,"tasks":[]}' }])],
    ['history.json that is not JSON', () => handmade([{ name: 'history.json', input: '{"kind":' }])],
    ['tasks that are not a list', () => handmade([{ name: 'history.json', input: '{"kind":"hailuo-studio-history","version":2,"tasks":{}}' }])],
    ['a listed video missing', async () => {
      const zip = await zipOf();
      const entries = await readZipDirectory(zip);
      return handmade([{ name: 'history.json', input: await (await entryBlob(zip, entries.get('history.json')!)).text() }]);
    }],
    ['a video of the wrong size', async () => {
      const zip = await zipOf();
      const entries = [...(await readZipDirectory(zip)).values()];
      return handmade([
        { name: 'history.json', input: await (await entryBlob(zip, entries[0])).text() },
        { name: entries[1].name, input: new Uint8Array(10) },
      ]);
    }],
    ['a file cut short', async () => (await zipOf()).slice(0, 2000)],
    ['a zip directory pointing outside the file', async () => {
      const bytes = await readAll(await zipOf());
      const eocd = bytes.length - 22;
      new DataView(bytes.buffer).setUint32(eocd + 16, bytes.length + 100, true);
      return new Blob([bytes]);
    }],
  ];

  test.each(cases)('%s', async (_name, make) => {
    await seed();
    const zip = await make();
    await freshDatabase();
    const kept = makeTask({ status: 'Fail' });
    await putTask(kept);
    const before = await snapshot();
    const error = await importHistory(zip).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ArchiveFormatError);
    expect(await snapshot()).toEqual(before);
  });

  test('a compressed entry is refused (the studio never writes one)', async () => {
    const bytes = await readAll(await handmade([{ name: 'history.json', input: '{}' }]));
    const view = new DataView(bytes.buffer);
    const central = bytes.length - 22 - (46 + 'history.json'.length);
    expect(view.getUint32(central, true)).toBe(0x02014b50);
    view.setUint16(central + 10, 8, true);
    expect(await importHistory(new Blob([bytes])).catch((e: unknown) => e)).toBeInstanceOf(ArchiveFormatError);
  });
});
