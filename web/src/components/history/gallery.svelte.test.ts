import { describe, expect, it } from 'vitest';
import { GalleryQuery, PAGE_SIZE } from './gallery.svelte';

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

  it('searches a beat after typing stops, from the first page', async () => {
    const gallery = new GalleryQuery();
    gallery.page = 3;
    gallery.search = '  cat ';
    gallery.debounce();
    expect(gallery.query()).not.toHaveProperty('query');
    await new Promise((resolve) => setTimeout(resolve, 250));
    expect(gallery.query()).toMatchObject({ query: 'cat', offset: 0 });
  });
});
