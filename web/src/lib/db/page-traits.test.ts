// The history's filters by model family, sound and shape, on top of the stored fields.
import { beforeAll, describe, expect, test } from 'vitest';
import type { V2Body } from '../api/v2';
import type { TaskRecord } from '../tasks/types';
import { pageTasks } from './page';
import { putTasks } from './tasks';
import { freshDatabase, makeTask } from './test-kit';

const h3 = (ratio: V2Body['ratio'], status: TaskRecord['status'], i: number): TaskRecord =>
  makeTask({
    id: `h3-${i}`,
    createdAt: 1000 + i,
    model: 'MiniMax-H3',
    status,
    prompt: `h3 ${i}`,
    request: { model: 'MiniMax-H3', content: [{ type: 'text', text: `h3 ${i}` }], resolution: '768P', duration: 5, ...(ratio ? { ratio } : {}) },
  });

const tasks: TaskRecord[] = [
  h3('16:9', 'Success', 0),
  h3('9:16', 'Success', 1),
  h3('16:9', 'Fail', 2),
  h3(undefined, 'Success', 3), // frames: the shape follows the image, not known here
  makeTask({ id: 'v1-0', createdAt: 2000, model: 'MiniMax-Hailuo-2.3', status: 'Success', prompt: 'hailuo 0', videoWidth: 1366, videoHeight: 768 }),
  makeTask({ id: 'v1-1', createdAt: 2001, model: 'MiniMax-Hailuo-02', status: 'Success', prompt: 'hailuo 1', videoWidth: 720, videoHeight: 1280 }),
  makeTask({ id: 'v1-2', createdAt: 2002, model: 'T2V-01', status: 'Fail', prompt: 'hailuo 2' }),
];

beforeAll(async () => {
  await freshDatabase();
  await putTasks(tasks);
});

const ids = async (q: Partial<Parameters<typeof pageTasks>[0]>) => {
  const page = await pageTasks({ sort: 'oldest', offset: 0, limit: 50, ...q });
  expect(page.total).toBe(page.items.length);
  return page.items.map((t) => t.id);
};

describe('history filters: family, sound, shape', () => {
  test('model family: MiniMax-H3 or Hailuo', async () => {
    expect(await ids({ family: 'h3' })).toEqual(['h3-0', 'h3-1', 'h3-2', 'h3-3']);
    expect(await ids({ family: 'hailuo' })).toEqual(['v1-0', 'v1-1', 'v1-2']);
  });

  test('has sound: finished H3 videos only (a failed H3 task made no video; Hailuo videos are silent)', async () => {
    expect(await ids({ sound: true })).toEqual(['h3-0', 'h3-1', 'h3-3']);
  });

  test('shape: the ratio asked for, or the one measured from the video; unknown shapes never match', async () => {
    expect(await ids({ ratio: '16:9' })).toEqual(['h3-0', 'h3-2', 'v1-0']);
    expect(await ids({ ratio: '9:16' })).toEqual(['h3-1', 'v1-1']);
    expect(await ids({ ratio: '1:1' })).toEqual([]);
  });

  test('combine with each other and with the stored fields, and page', async () => {
    expect(await ids({ ratio: '16:9', sound: true })).toEqual(['h3-0']);
    expect(await ids({ family: 'hailuo', status: 'Success' })).toEqual(['v1-0', 'v1-1']);
    expect(await ids({ ratio: '16:9', query: 'HAILUO' })).toEqual(['v1-0']);
    const second = await pageTasks({ ratio: '16:9', sort: 'newest', offset: 1, limit: 1 });
    expect({ total: second.total, ids: second.items.map((t) => t.id) }).toEqual({ total: 3, ids: ['h3-2'] });
  });
});
