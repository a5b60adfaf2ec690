// Test support for the history export/import tests (imported by *.test.ts only).
import { exportHistory } from './archive';
import { openStudioDb } from './open';
import { putTask } from './tasks';
import { bytesOf, makeTask, readAll, streamOf } from './test-kit';
import { saveVideo } from './videos';

/** Three tasks (one with a video of `videoBytes`, one failed, one uncertain), stored. */
export async function seed(videoBytes = 3000) {
  const withVideo = makeTask({ status: 'Success', fileId: '5', createdAt: 1, prompt: 'ünïcödé 🐱' });
  const failed = makeTask({ status: 'Fail', createdAt: 2, error: { code: 'task_failed', message: 'no' } });
  const uncertain = makeTask({ status: 'uncertain', taskId: undefined, createdAt: 3 });
  for (const t of [withVideo, failed, uncertain]) await putTask(t);
  const bytes = bytesOf(videoBytes, 3);
  await saveVideo(withVideo.id, streamOf(bytes), bytes.length);
  return { tasks: [withVideo, failed, uncertain], bytes, withVideo };
}

/** The export of the stored history as parsed lines, for a test to damage. */
export async function exportedLines(): Promise<Record<string, unknown>[]> {
  const text = new TextDecoder().decode(await readAll(exportHistory()));
  return text
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

export const fileOf = (lines: unknown[]) => streamOf(new TextEncoder().encode(lines.map((l) => JSON.stringify(l)).join('\n') + '\n'));

/** Everything stored, to show a refused import changed nothing. */
export async function snapshot() {
  const db = await openStudioDb();
  const chunks = await db.getAll('videoChunks');
  return { tasks: await db.getAll('tasks'), chunks: chunks.map((c) => [c.task, c.index, c.data.size]) };
}
