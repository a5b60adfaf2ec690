// The history, a page at a time, without loading rows that are not shown.
import type { Mode, V2Ratio } from '$contract';
import { familyOf, hasSound, ratioOf, type ModelFamily } from '../tasks/traits';
import type { TaskRecord, TaskStatus } from '../tasks/types';
import { openStudioDb } from './open';
import { catalogue, type CatalogueEntry } from './catalogue';
import type { StudioSchema } from './schema';
import { fromRow } from './tasks';

export interface PageQuery {
  /** case-insensitive substring of the prompt */
  query?: string;
  model?: string;
  mode?: Mode;
  status?: TaskStatus;
  favourite?: boolean;
  /** MiniMax-H3 family or the Hailuo models */
  family?: ModelFamily;
  /** only videos with a sound track */
  sound?: boolean;
  /** the video's shape; tasks whose shape is not known never match */
  ratio?: V2Ratio;
  sort: 'newest' | 'oldest';
  offset: number;
  limit: number;
}

export interface Page {
  items: TaskRecord[];
  total: number;
}

type FieldIndex = 'status' | 'model' | 'mode' | 'favourite';

/** With at most one exact filter and no text: counted and skipped by the index, no row is read but the page's. */
function singleIndex(q: PageQuery): { index: FieldIndex; value: string | number } | 'all' | null {
  if (q.query?.trim() || q.family !== undefined || q.sound !== undefined || q.ratio !== undefined) return null;
  const filters: { index: FieldIndex; value: string | number }[] = [];
  if (q.status !== undefined) filters.push({ index: 'status', value: q.status });
  if (q.model !== undefined) filters.push({ index: 'model', value: q.model });
  if (q.mode !== undefined) filters.push({ index: 'mode', value: q.mode });
  if (q.favourite !== undefined) filters.push({ index: 'favourite', value: q.favourite ? 1 : 0 });
  if (filters.length === 0) return 'all';
  return filters.length === 1 ? filters[0] : null;
}

export async function pageTasks(q: PageQuery): Promise<Page> {
  const db = await openStudioDb();
  const direction = q.sort === 'newest' ? 'prev' : 'next';
  const tx = db.transaction('tasks');
  const plan = singleIndex(q);
  if (plan) {
    const index = plan === 'all' ? tx.store.index('createdAt') : tx.store.index(plan.index);
    const range = plan === 'all' ? undefined : IDBKeyRange.bound([plan.value, -Infinity], [plan.value, Infinity]);
    const total = await index.count(range);
    const items: TaskRecord[] = [];
    let cursor = await index.openCursor(range, direction);
    if (cursor && q.offset > 0) cursor = await cursor.advance(q.offset);
    while (cursor && items.length < q.limit) {
      items.push(fromRow(cursor.value));
      cursor = await cursor.continue();
    }
    // The first search should answer from memory: read the catalogue once the page is shown.
    setTimeout(() => void catalogue(db).catch(() => undefined), 0);
    return { items, total };
  }

  if (q.ratio !== undefined) return pageByRows(q);
  // Several filters or a text search: match the in-memory catalogue, then read only the page's rows.
  const matches = catalogueFilter(q);
  const all = await catalogue(db);
  const ids: string[] = [];
  let total = 0;
  for (let i = 0; i < all.length; i++) {
    const entry = all[direction === 'prev' ? all.length - 1 - i : i];
    if (!matches(entry)) continue;
    if (total >= q.offset && ids.length < q.limit) ids.push(entry.id);
    total++;
  }
  const rowsTx = db.transaction('tasks');
  const rows = await Promise.all(ids.map((id) => rowsTx.store.get(id)));
  return { items: rows.filter((r): r is StudioSchema['tasks']['value'] => !!r).map(fromRow), total };
}

/**
 * The shape is not in the catalogue index (it comes from the request or the measured frame): rows are read in
 * order and matched one by one. Only a ratio filter takes this path.
 */
async function pageByRows(q: PageQuery): Promise<Page> {
  const matches = catalogueFilter(q);
  const db = await openStudioDb();
  const items: TaskRecord[] = [];
  let total = 0;
  let cursor = await db.transaction('tasks').store.index('createdAt').openCursor(null, q.sort === 'newest' ? 'prev' : 'next');
  while (cursor) {
    const task = fromRow(cursor.value);
    const entry = { id: task.id, createdAt: task.createdAt, prompt: task.prompt.toLowerCase(), model: task.model, mode: task.mode, status: task.status, fav: cursor.value.fav };
    if (matches(entry) && ratioOf(task) === q.ratio) {
      if (total >= q.offset && items.length < q.limit) items.push(task);
      total++;
    }
    cursor = await cursor.continue();
  }
  return { items, total };
}

function catalogueFilter(q: PageQuery): (entry: CatalogueEntry) => boolean {
  const needle = q.query?.trim().toLowerCase() ?? '';
  const fav = q.favourite === undefined ? undefined : q.favourite ? 1 : 0;
  return ({ prompt, model, mode, status, fav: favourite }) =>
    (q.family === undefined || familyOf(model) === q.family) &&
    (q.sound === undefined || hasSound({ model, status: status as TaskStatus }) === q.sound) &&
    (q.model === undefined || model === q.model) &&
    (q.mode === undefined || mode === q.mode) &&
    (q.status === undefined || status === q.status) &&
    (fav === undefined || favourite === fav) &&
    (!needle || prompt.includes(needle));
}
