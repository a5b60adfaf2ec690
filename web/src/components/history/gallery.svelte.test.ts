import { describe, expect, it, vi } from 'vitest';
import type { Page, PageQuery } from '../../lib/db';
import type { TaskRecord } from '../../lib/tasks/types';
import { GalleryQuery, PAGE_SIZE } from './gallery.svelte';

const answers: { query: PageQuery; answer: (page: Page) => void }[] = [];
vi.mock('../../lib/db', () => ({
  pageTasks: (query: PageQuery) => new Promise<Page>((answer) => answers.push({ query, answer })),
}));

const pageOf = (...ids: string[]): Page => ({ items: ids.map((id) => ({ id }) as TaskRecord), total: ids.length });
const settled = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('GalleryQuery', () => {
  it('asks for one page, newest first, with no filters by default', () => {
    expect(new GalleryQuery().query()).toEqual({ sort: 'newest', offset: 0, limit: PAGE_SIZE });
  });

  it('passes only the filters that are set, and pages by offset', () => {
    const gallery = new GalleryQuery();
    gallery.model = 'T2V-01';
    gallery.mode = 't2v';
    gallery.status = 'Success';
    gallery.favouritesOnly = true;
    gallery.sort = 'oldest';
    gallery.page = 2;
    expect(gallery.query()).toEqual({
      model: 'T2V-01',
      mode: 't2v',
      status: 'Success',
      favourite: true,
      sort: 'oldest',
      offset: 2 * PAGE_SIZE,
      limit: PAGE_SIZE,
    });
  });

  it('passes the family, shape and sound filters, and counts them as filtering', () => {
    const gallery = new GalleryQuery();
    expect(gallery.filtered).toBe(false);
    gallery.family = 'h3';
    gallery.ratio = '9:16';
    gallery.soundOnly = true;
    expect(gallery.query()).toMatchObject({ family: 'h3', ratio: '9:16', sound: true });
    expect(gallery.filtered).toBe(true);
  });

  it('searches 200 ms after typing stops, from the first page', () => {
    vi.useFakeTimers();
    try {
      const gallery = new GalleryQuery();
      gallery.page = 3;
      gallery.search = '  cat ';
      gallery.debounce();
      vi.advanceTimersByTime(199);
      expect(gallery.query()).not.toHaveProperty('query');
      vi.advanceTimersByTime(1);
      expect(gallery.query()).toMatchObject({ query: 'cat', offset: 0 });
    } finally {
      vi.useRealTimers();
    }
  });

  it('shows an older answer to the same filters while the re-read is on its way, then the newer one', async () => {
    answers.length = 0;
    const gallery = new GalleryQuery();
    void gallery.load(gallery.query());
    void gallery.load(gallery.query()); // a task changed: the same page read again
    answers[0].answer(pageOf('a'));
    await settled();
    expect(gallery.items.map((t) => t.id)).toEqual(['a']);
    expect(gallery.loading).toBe(true);
    answers[1].answer(pageOf('a', 'b'));
    await settled();
    expect(gallery.items.map((t) => t.id)).toEqual(['a', 'b']);
    expect(gallery.loading).toBe(false);
  });

  it('says when its first page has been read (what can wait for it waits)', async () => {
    answers.length = 0;
    const gallery = new GalleryQuery();
    void gallery.load(gallery.query());
    await settled();
    expect(gallery.firstPageRead).toBe(false);
    answers[0].answer(pageOf('a'));
    await settled();
    expect(gallery.firstPageRead).toBe(true);
  });

  it('never shows an older answer to other filters, nor one older than what is shown', async () => {
    answers.length = 0;
    const gallery = new GalleryQuery();
    void gallery.load(gallery.query());
    gallery.status = 'Fail';
    void gallery.load(gallery.query());
    answers[0].answer(pageOf('unfiltered'));
    await settled();
    expect(gallery.items).toEqual([]);
    answers[1].answer(pageOf('failed'));
    await settled();
    void gallery.load(gallery.query());
    void gallery.load(gallery.query());
    answers[3].answer(pageOf('newest'));
    await settled();
    answers[2].answer(pageOf('older'));
    await settled();
    expect(gallery.items.map((t) => t.id)).toEqual(['newest']);
  });
});
