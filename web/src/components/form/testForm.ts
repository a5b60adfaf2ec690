// The generate form mounted for a component test, as a returning user of a model finds it. Call `useGenerateForm()`
// in a describe: after each test the form is unmounted, the page emptied and the language set back to English.
import { flushSync, mount, unmount } from 'svelte';
import { afterEach } from 'vitest';
import { i18n } from '../../lib/i18n/index.svelte';
import GenerateForm from './GenerateForm.svelte';

export function useGenerateForm(): (model?: string) => HTMLElement {
  let app: ReturnType<typeof mount> | null = null;
  afterEach(() => {
    if (app) unmount(app);
    app = null;
    document.body.innerHTML = '';
    i18n.set('en');
  });
  return (model = 'MiniMax-Hailuo-2.3') => {
    localStorage.setItem('hailuo-studio.lastModel', model);
    const target = document.createElement('div');
    document.body.append(target);
    app = mount(GenerateForm, { target });
    flushSync();
    return target;
  };
}
