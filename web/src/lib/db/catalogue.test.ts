import { beforeEach, describe, expect, test } from 'vitest';
import { invalidateCatalogue } from './catalogue';
import { openStudioDb } from './open';
import { pageTasks } from './page';
import { deleteTask, putTask, putTasks, toRow, updateTask } from './tasks';
import { freshDatabase, makeTask } from './test-kit';

const search = (query: string) => pageTasks({ query, sort: 'newest', offset: 0, limit: 50 });

describe('the in-memory catalogue behind search', () => {
  beforeEach(async () => {
    await freshDatabase();
    await putTasks([
      makeTask({ id: 'a', createdAt: 1, prompt: 'A red kite', status: 'Success' }),
      makeTask({ id: 'b', createdAt: 2, prompt: 'A blue boat', status: 'Processing' }),
    ]);
  });

  test('sees a task written after the catalogue was read', async () => {
    expect((await search('kite')).total).toBe(1);
    await putTask(makeTask({ id: 'c', createdAt: 3, prompt: 'Another KITE at dusk' }));
    const found = await search('kite');
    expect(found.items.map((t) => t.id)).toEqual(['c', 'a']);
  });

  test('follows a status change and a deletion', async () => {
    const processing = () => pageTasks({ query: 'boat', status: 'Processing', sort: 'newest', offset: 0, limit: 10 });
    expect((await processing()).total).toBe(1);
    await updateTask('b', { status: 'Success' });
    expect((await processing()).total).toBe(0);
    await deleteTask('a');
    expect((await search('kite')).total).toBe(0);
  });

  test('reads afresh after another tab wrote (invalidated), not before', async () => {
    expect((await search('forest')).total).toBe(0);
    const db = await openStudioDb();
    await db.put('tasks', toRow(makeTask({ id: 'z', createdAt: 9, prompt: 'A forest path' }))); // as another tab would
    expect((await search('forest')).total).toBe(0);
    invalidateCatalogue();
    expect((await search('forest')).total).toBe(1);
  });
});
