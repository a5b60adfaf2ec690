import { flushSync, mount, unmount } from 'svelte';
import { afterEach, describe, expect, it } from 'vitest';
import { addMessages, loadLocale, type Locale } from '../../lib/i18n/dictionaries';
import { i18n } from '../../lib/i18n/index.svelte';
import galleryMessages from '../../lib/i18n/messages/gallery';
import GenerateForm from '../form/GenerateForm.svelte';
import GalleryFilters from './GalleryFilters.svelte';
import { GalleryQuery } from './gallery.svelte';

/** Each select's and group's name from its <label for> or <legend>: what a screen reader announces. */
function names(root: HTMLElement): string[] {
  const labelled = [...root.querySelectorAll('select')].map((select) => [...select.labels].map((l) => l.textContent?.trim()).join(' '));
  const groups = [...root.querySelectorAll('fieldset > legend')].map((legend) => legend.textContent?.trim() ?? '');
  return [...labelled, ...groups];
}

describe('GalleryFilters', () => {
  const mounted: ReturnType<typeof mount>[] = [];
  afterEach(() => {
    for (const app of mounted.splice(0)) unmount(app);
    document.body.innerHTML = '';
    i18n.set('en');
  });

  function render(into: (target: HTMLElement) => ReturnType<typeof mount>): HTMLElement {
    const target = document.createElement('div');
    document.body.append(target);
    mounted.push(into(target));
    flushSync();
    return target;
  }

  for (const [locale, formNames, filterNames] of [
    ['en', ['Model', 'Mode'], ['Filter by model', 'Filter by mode']],
    ['zh-CN', ['模型', '模式'], ['按模型筛选', '按模式筛选']],
  ] as const satisfies readonly (readonly [Locale, readonly string[], readonly string[]])[]) {
    it(`names its model and mode filters apart from the form's Model and Mode (${locale})`, async () => {
      await loadLocale(locale);
      addMessages(galleryMessages);
      i18n.set(locale);
      const form = names(render((target) => mount(GenerateForm, { target })));
      const filters = names(render((target) => mount(GalleryFilters, { target, props: { gallery: new GalleryQuery() } })));
      expect(form).toEqual(expect.arrayContaining([...formNames]));
      expect(filters).toEqual(expect.arrayContaining([...filterNames]));
      expect(filters.filter((name) => form.includes(name))).toEqual([]);
    });
  }
});
