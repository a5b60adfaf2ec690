import { beforeAll, describe, expect, test } from 'vitest';
import type { Mode } from '$contract';
import type { TaskRecord, TaskStatus } from '../tasks/types';
import { openStudioDb } from './open';
import { pageTasks } from './page';
import { toRow } from './tasks';
import { freshDatabase, makeTask } from './test-kit';

const COUNT = 5000;
const MODELS = ['MiniMax-Hailuo-2.3', 'MiniMax-Hailuo-02', 'T2V-01'];
const MODES: Mode[] = ['t2v', 'i2v'];
const STATUSES: TaskStatus[] = ['Success', 'Fail', 'Processing', 'rejected'];
const WORDS = ['Cat', 'dog', 'Sunset', 'ocean', 'city', 'forest'];
const T0 = 1_700_000_000_000;

function historyTask(i: number): TaskRecord {
  return makeTask({
    id: `t${String(i).padStart(5, '0')}`,
    createdAt: T0 + i * 1000,
    model: MODELS[i % 3],
    mode: MODES[i % 2],
    status: STATUSES[i % 4],
    favourite: i % 10 === 0,
    prompt: `${WORDS[i % 6]} number ${i} ${i % 7 === 0 ? 'with a RED balloon' : ''}`,
  });
}

const all = Array.from({ length: COUNT }, (_, i) => historyTask(i));

beforeAll(async () => {
  await freshDatabase();
  const db = await openStudioDb();
  const tx = db.transaction('tasks', 'readwrite');
  await Promise.all([...all.map((t) => tx.store.put(toRow(t))), tx.done]);
});

async function timed<T>(label: string, run: () => Promise<T>): Promise<T> {
  const start = performance.now();
  const result = await run();
  console.log(`${label}: ${(performance.now() - start).toFixed(1)} ms (fake-indexeddb, ${COUNT} tasks)`);
  return result;
}

describe(`paging ${COUNT} tasks`, () => {
  test('newest first, first page and a deep page', async () => {
    const first = await timed('first page newest', () => pageTasks({ sort: 'newest', offset: 0, limit: 40 }));
    expect(first.total).toBe(COUNT);
    expect(first.items.map((t) => t.id)).toEqual(all.slice(-40).reverse().map((t) => t.id));
    const deep = await timed('page at offset 4000', () => pageTasks({ sort: 'newest', offset: 4000, limit: 40 }));
    expect(deep.items[0].id).toBe(all[COUNT - 1 - 4000].id);
  });

  test('oldest first', async () => {
    const page = await pageTasks({ sort: 'oldest', offset: 10, limit: 5 });
    expect(page.items.map((t) => t.id)).toEqual(all.slice(10, 15).map((t) => t.id));
  });

  test('one filter uses its index: favourites', async () => {
    const page = await timed('favourites', () => pageTasks({ favourite: true, sort: 'newest', offset: 0, limit: 20 }));
    const expected = all.filter((t) => t.favourite).reverse();
    expect(page.total).toBe(expected.length);
    expect(page.items.map((t) => t.id)).toEqual(expected.slice(0, 20).map((t) => t.id));
  });

  test('prompt search is a case-insensitive substring, combined with filters', async () => {
    const page = await timed('search "red balloon" + model + status', () =>
      pageTasks({ query: 'red BALLOON', model: MODELS[0], status: 'Success', sort: 'newest', offset: 2, limit: 10 }),
    );
    const expected = all
      .filter((t) => t.prompt.toLowerCase().includes('red balloon') && t.model === MODELS[0] && t.status === 'Success')
      .reverse();
    expect(page.total).toBe(expected.length);
    expect(page.items.map((t) => t.id)).toEqual(expected.slice(2, 12).map((t) => t.id));
  });

  test('search across everything', async () => {
    const page = await timed('search "sunset"', () => pageTasks({ query: 'sunset', sort: 'oldest', offset: 0, limit: 30 }));
    expect(page.total).toBe(all.filter((t) => t.prompt.toLowerCase().includes('sunset')).length);
    expect(page.items.every((t) => t.prompt.startsWith('Sunset'))).toBe(true);
  });

  test('two filters without text', async () => {
    const page = await pageTasks({ mode: 'i2v', status: 'Fail', sort: 'newest', offset: 0, limit: 50 });
    const expected = all.filter((t) => t.mode === 'i2v' && t.status === 'Fail');
    expect(page.total).toBe(expected.length);
  });
});
