// The history view's query: filters, debounced search, one page at a time from IndexedDB.
import type { Mode, V2Ratio } from '$contract';
import type { ModelFamily } from '../../lib/tasks/traits';
import { getTask, pageTasks, type PageQuery } from '../../lib/db';
import type { TaskRecord, TaskStatus } from '../../lib/tasks/types';

export const PAGE_SIZE = 24;
const SEARCH_DELAY_MS = 200;

export class GalleryQuery {
  search = $state('');
  model = $state<string>('');
  mode = $state<Mode | ''>('');
  status = $state<TaskStatus | ''>('');
  favouritesOnly = $state(false);
  family = $state<ModelFamily | ''>('');
  ratio = $state<V2Ratio | ''>('');
  soundOnly = $state(false);
  sort = $state<'newest' | 'oldest'>('newest');
  page = $state(0);
  /** one task shown alone (a remaster's source, or a source's remaster), or null for the filtered pages */
  only = $state<string | null>(null);

  items = $state.raw<TaskRecord[]>([]);
  total = $state(0);
  loading = $state(false);
  /** a page has been read once: what can wait for the first page (the spend totals' read of every success) waits */
  firstPageRead = $state(false);

  #debouncedSearch = $state('');
  #request = 0;
  #shown = 0;
  #latestFilters = '';

  pages = $derived(Math.max(1, Math.ceil(this.total / PAGE_SIZE)));
  filtered = $derived(!!(this.#debouncedSearch || this.model || this.mode || this.status || this.favouritesOnly || this.family || this.ratio || this.soundOnly));

  /** Keeps the search a beat behind the keyboard. Call inside an effect; returns its cleanup. */
  debounce(): () => void {
    const value = this.search.trim();
    const timer = setTimeout(() => {
      if (value !== this.#debouncedSearch) {
        this.#debouncedSearch = value;
        this.page = 0;
      }
    }, SEARCH_DELAY_MS);
    return () => clearTimeout(timer);
  }

  query(): PageQuery {
    return {
      ...(this.#debouncedSearch ? { query: this.#debouncedSearch } : {}),
      ...(this.model ? { model: this.model } : {}),
      ...(this.mode ? { mode: this.mode } : {}),
      ...(this.status ? { status: this.status } : {}),
      ...(this.favouritesOnly ? { favourite: true } : {}),
      ...(this.family ? { family: this.family } : {}),
      ...(this.ratio ? { ratio: this.ratio } : {}),
      ...(this.soundOnly ? { sound: true } : {}),
      sort: this.sort,
      offset: this.page * PAGE_SIZE,
      limit: PAGE_SIZE,
    };
  }

  /**
   * Loads the page the filters describe. An answer older than the one shown is dropped, and so is an older answer
   * to other filters; an older answer to the same filters shows while the re-read (a task changed) is on its way.
   */
  async load(query: PageQuery): Promise<void> {
    const request = ++this.#request;
    const filters = JSON.stringify(query);
    this.#latestFilters = filters;
    this.loading = true;
    try {
      const page = await pageTasks(query);
      if (request <= this.#shown || (request !== this.#request && filters !== this.#latestFilters)) return;
      if (page.items.length === 0 && query.offset > 0 && page.total > 0) {
        if (request === this.#request) this.page = Math.max(0, Math.ceil(page.total / PAGE_SIZE) - 1);
        return;
      }
      this.#shown = request;
      this.items = page.items;
      this.total = page.total;
    } finally {
      if (request === this.#request) this.loading = false;
      this.firstPageRead = true;
    }
  }

  /** Shows the task `id` alone (when it is still in the history). */
  async loadOne(id: string): Promise<void> {
    const request = ++this.#request;
    this.loading = true;
    try {
      const task = await getTask(id);
      if (request !== this.#request) return;
      this.items = task ? [task] : [];
      this.total = task ? 1 : 0;
    } finally {
      if (request === this.#request) this.loading = false;
    }
  }

  resetPage(): void {
    this.page = 0;
  }
}
