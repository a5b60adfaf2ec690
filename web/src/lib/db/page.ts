// The history, a page at a time, without loading rows that are not shown.
import type { Mode } from '$contract';
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
  if (q.query?.trim()) return null;
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

function catalogueFilter(q: PageQuery): (entry: CatalogueEntry) => boolean {
  const needle = q.query?.trim().toLowerCase() ?? '';
  const fav = q.favourite === undefined ? undefined : q.favourite ? 1 : 0;
  return ({ prompt, model, mode, status, fav: favourite }) =>
    (q.model === undefined || model === q.model) &&
    (q.mode === undefined || mode === q.mode) &&
    (q.status === undefined || status === q.status) &&
    (fav === undefined || favourite === fav) &&
    (!needle || prompt.includes(needle));
}
