import { beforeEach, describe, expect, test } from 'vitest';
import { ArchiveFormatError, exportHistory, importHistory, MAX_LINE_CHARS } from './archive';
import { openStudioDb } from './open';
import { CHUNK_BYTES } from './schema';
import { getTask, putTask } from './tasks';
import { exportedLines, fileOf, seed, snapshot } from './archive-kit';
import { bytesOf, freshDatabase, makeTask, readAll, sameBytes, streamOf, useCloneableBlob } from './test-kit';
import { saveVideo, videoBlob } from './videos';

beforeEach(async () => {
  await useCloneableBlob();
  await freshDatabase();
});

describe('export and import', () => {
  test('round trip of a video of several chunks into an empty browser is byte-exact, and a second export is identical', async () => {
    const { tasks, bytes, withVideo } = await seed(CHUNK_BYTES + 777);
    const exported = await readAll(exportHistory());
    const before = await Promise.all(tasks.map((t) => getTask(t.id)));
    await freshDatabase();

    const result = await importHistory(streamOf(exported, 65_537));
    expect(result).toEqual({ tasks: 3, videos: 1, skipped: 0 });
    expect(await Promise.all(tasks.map((t) => getTask(t.id)))).toEqual(before);
    expect(sameBytes(await readAll((await videoBlob(withVideo.id))!), bytes)).toBe(true);
    const lines = (bytes: Uint8Array) => new TextDecoder().decode(bytes).split('\n').map((line) => (line ? JSON.parse(line) : line));
    expect(lines(await readAll(exportHistory()))).toEqual(lines(exported));
  });

  test('importing the same file twice adds nothing the second time', async () => {
    await seed();
    const exported = await readAll(exportHistory());
    expect(await importHistory(streamOf(exported))).toEqual({ tasks: 0, videos: 0, skipped: 3 });
    const db = await openStudioDb();
    expect(await db.count('tasks')).toBe(3);
    expect(await db.count('videoChunks')).toBe(1);
  });

  test('a task already here under another local id (same MiniMax task_id) is skipped', async () => {
    const { withVideo } = await seed();
    const exported = await readAll(exportHistory());
    await freshDatabase();
    await putTask(makeTask({ taskId: withVideo.taskId }));
    expect(await importHistory(streamOf(exported))).toEqual({ tasks: 2, videos: 0, skipped: 1 });
    expect(await videoBlob(withVideo.id)).toBeNull();
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
      expect((await getTask(t.id))?.status).toBe('uncertain');
      expect((await getTask(t.id))?.error).toEqual({
        code: 'imported_unsent',
        message: 'This was waiting to be sent in the browser it was exported from: it may have been sent there.',
      });
    }
  });

  test('a chunk line spelled another way than our export writes it (keys reordered, spaces, CRLF) reads the same', async () => {
    const { bytes, withVideo } = await seed(3000);
    const lines = await exportedLines();
    await freshDatabase();
    const text = lines
      .map((l) => (l.kind === 'chunk' ? `{ "index": ${l.index}, "data": ${JSON.stringify(l.data)}, "kind": "chunk", "id": ${JSON.stringify(l.id)} }` : JSON.stringify(l)))
      .join('\r\n');
    expect(await importHistory(streamOf(new TextEncoder().encode(text), 1000))).toEqual({ tasks: 3, videos: 1, skipped: 0 });
    expect(sameBytes(await readAll((await videoBlob(withVideo.id))!), bytes)).toBe(true);
  });

  test('every field a row can have comes back from an import: the key it was sent with, v2 usage, remaster links', async () => {
    const { withVideo } = await seed();
    const extra = {
      idempotencyKey: 'key-1',
      waitingFor: 'rate_limit',
      rateLimited: 2,
      addedById: true,
      usage: { output_seconds: 5.04, input_image_count: 1, prompt_tokens: 12 },
      sourceId: 'source-1',
      sourceSeconds: 5,
      remasterId: 'remaster-1',
    };
    const lines = await exportedLines();
    await freshDatabase();
    const at = lines.findIndex((l) => l.kind === 'task' && (l.task as { id: string }).id === withVideo.id);
    lines[at] = { ...lines[at], task: { ...(lines[at].task as object), ...extra } };
    await importHistory(fileOf(lines));
    expect(await getTask(withVideo.id)).toMatchObject(extra);
  });

  test('a usage that is not counts, or a waitingFor of another kind, refuses the file', async () => {
    for (const patch of [{ usage: { output_seconds: -1 } }, { usage: 'free' }, { waitingFor: 'forever' }, { rateLimited: 1.5 }]) {
      await seed();
      const lines = await exportedLines();
      await freshDatabase();
      const task = lines[1].task as { id: string };
      lines[1] = { ...lines[1], task: { ...task, ...patch } };
      await expect(importHistory(fileOf(lines)), JSON.stringify(patch)).rejects.toThrow();
      expect(await getTask(task.id)).toBeUndefined();
    }
  });

  test('fields a row does not have are dropped on import', async () => {
    const { withVideo } = await seed();
    const lines = await exportedLines();
    await freshDatabase();
    const task = lines[1].task as Record<string, unknown>;
    lines[1] = { ...lines[1], task: { ...task, evil: '<script>', needsVideo: 1 } };
    await importHistory(fileOf(lines));
    expect(await getTask(withVideo.id)).not.toHaveProperty('evil');
  });
});

type Damage = (lines: Record<string, unknown>[]) => unknown[];
const VERSION = 'This file is not a hailuo-studio history export of a known version.';
const INCOMPLETE = 'A video in this file is incomplete.';
const ORDER = 'A video in this file has its pieces missing or out of order.';
const PIECE = 'A video piece in this file is damaged.';
const UNKNOWN = 'This file has a line of an unknown kind.';
const shape = (field: string) => `A task in this file is damaged: field "${field}" is missing or of the wrong kind.`;
const taskLine = (lines: Record<string, unknown>[]) => lines.findIndex((l) => l.kind === 'task' && (l.task as { video?: unknown }).video);
const withTask = (lines: Record<string, unknown>[], patch: Record<string, unknown>) =>
  lines.map((l, i) => (i === taskLine(lines) ? { ...l, task: { ...(l.task as object), ...patch } } : l));

const damaged: [string, Damage, string | RegExp][] = [
  ['an unknown version', (l) => [{ ...l[0], version: 2 }, ...l.slice(1)], VERSION],
  ['no header', (l) => l.slice(1), VERSION],
  ['a wrong task count at the end', (l) => [...l.slice(0, -1), { kind: 'end', tasks: 4 }], 'This file does not hold as many tasks as it says.'],
  ['no end (cut short)', (l) => l.slice(0, -1), 'This file is cut short (no end).'],
  ['lines after the end', (l) => [...l, l[1]], 'This file goes on after its end.'],
  ['a missing chunk', (l) => l.filter((x) => x.kind !== 'chunk'), INCOMPLETE],
  ['a chunk out of order', (l) => l.map((x) => (x.kind === 'chunk' ? { ...x, index: 1 } : x)), ORDER],
  ['a chunk of another task', (l) => l.map((x) => (x.kind === 'chunk' ? { ...x, id: 'other' } : x)), ORDER],
  ['an extra chunk', (l) => l.flatMap((x) => (x.kind === 'chunk' ? [x, { ...x, index: 1 }] : [x])), ORDER],
  ['a chunk that is not base64', (l) => l.map((x) => (x.kind === 'chunk' ? { ...x, data: '%%%' } : x)), PIECE],
  ['a chunk with no data', (l) => l.map((x) => (x.kind === 'chunk' ? { ...x, data: 5 } : x)), PIECE],
  ['a chunk whose base64 ends in a backslash escape', (l) => l.map((x) => (x.kind === 'chunk' ? { ...x, data: `${String(x.data).slice(0, -4)}\\u0041` } : x)), PIECE],
  ['a video whose bytes do not add up', (l) => withTask(l, { video: { bytes: 2999, chunks: 1, type: 'video/mp4', savedAt: 1 } }), INCOMPLETE],
  ['a video that says it has more chunks', (l) => withTask(l, { video: { bytes: 3000, chunks: 2, type: 'video/mp4', savedAt: 1 } }), INCOMPLETE],
  ['a line of an unknown kind', (l) => [l[0], { kind: 'mystery' }, ...l.slice(1)], UNKNOWN],
  ['a line that is not an object', (l) => [l[0], 42, ...l.slice(1)], UNKNOWN],
  ['the same task twice', (l) => [...l.slice(0, -1), l.find((x) => x.kind === 'task' && !(x.task as { video?: unknown }).video), { kind: 'end', tasks: 4 }], 'This file has the same task twice.'],
  ['a task with no id', (l) => withTask(l, { id: undefined }), shape('id')],
  ['a task with an empty id', (l) => withTask(l, { id: '' }), shape('id')],
  ['a task of an unknown status', (l) => withTask(l, { status: 'Done' }), shape('status')],
  ['a task with a non-digit task_id', (l) => withTask(l, { taskId: '12a' }), shape('taskId')],
  ['a task with a request that is not valid', (l) => withTask(l, { request: { model: 'MiniMax-Hailuo-2.3', duration: 99 } }), /^A task in this file is damaged: field "request" is not a valid request: .+\.$/],
  ['a task whose model is not its request’s', (l) => withTask(l, { model: 'T2V-01' }), shape('model')],
  ['a task whose createdAt is a string', (l) => withTask(l, { createdAt: '1' }), shape('createdAt')],
  ['a task whose favourite is not a boolean', (l) => withTask(l, { favourite: 1 }), shape('favourite')],
  ['a task whose error is a string', (l) => withTask(l, { error: 'boom' }), shape('error')],
  ['a task whose video is negative', (l) => withTask(l, { video: { bytes: -1, chunks: 1, type: 'video/mp4', savedAt: 1 } }), shape('bytes')],
  ['a task that is an array', (l) => l.map((x, i) => (i === taskLine(l) ? { ...x, task: [] } : x)), shape('task')],
];

describe('a damaged or hostile file is refused whole, and the database is left as it was', () => {
  test.each(damaged)('%s', async (_name, damage, message) => {
    await seed();
    const lines = await exportedLines();
    await freshDatabase();
    const kept = makeTask({ status: 'Fail', createdAt: 9 });
    await putTask(kept);
    await saveVideo(kept.id, streamOf(bytesOf(100)), 100);
    const before = await snapshot();
    const error = await importHistory(fileOf(damage(lines))).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ArchiveFormatError);
    expect((error as Error).name).toBe('ArchiveFormatError');
    if (typeof message === 'string') expect((error as Error).message).toBe(message);
    else expect((error as Error).message).toMatch(message);
    expect(await snapshot()).toEqual(before);
  });

  test('a file that is not JSON is refused', async () => {
    const error = await importHistory(streamOf(new TextEncoder().encode('PK\u0003\u0004 zip?\n'))).catch((e: unknown) => e);
    expect(error).toEqual(new ArchiveFormatError('This file is not a hailuo-studio history export (a line is not JSON).'));
  });

  test('a huge line is refused without reading the rest of the file', async () => {
    const piece = new TextEncoder().encode('x'.repeat(1024 * 1024));
    let pulled = 0;
    const endless = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulled += piece.length;
        controller.enqueue(piece);
      },
    });
    const error = await importHistory(endless).catch((e: unknown) => e);
    expect(error).toEqual(new ArchiveFormatError('A line of this file is too long to be an export.'));
    expect(pulled).toBeLessThanOrEqual(MAX_LINE_CHARS + 2 * piece.length);
    expect(await snapshot()).toEqual({ tasks: [], chunks: [] });
  });
});
