// Strings by area. What the first screen needs is here in English from the start; Chinese for it is one
// chunk loaded when chosen (see loadLocale). The other areas (validation and error sentences, history,
// settings) bring both languages when their part of the page loads. i18n.test.ts checks every area is complete.
import common from './messages/common';
import form from './messages/form';
import queue from './messages/queue';

export type Locale = 'en' | 'zh-CN';
export type Messages = Record<string, string>;
export interface AreaMessages {
  en: Messages;
  'zh-CN': Messages;
}

export const dictionaries: Record<Locale, Messages> = {
  en: { ...common, ...form, ...queue },
  'zh-CN': {},
};

const loaded = new Set<Locale>(['en']);

/** Fetches the first screen's strings of `locale` (once). Await it before switching to that locale. */
export async function loadLocale(locale: Locale): Promise<void> {
  if (loaded.has(locale)) return;
  const { default: messages } = await import('./messages/firstScreen.zh-CN');
  Object.assign(dictionaries['zh-CN'], messages);
  loaded.add(locale);
}

/** Adds an area that arrives with a lazily loaded part of the page. */
export function addMessages(area: AreaMessages): void {
  Object.assign(dictionaries.en, area.en);
  Object.assign(dictionaries['zh-CN'], area['zh-CN']);
}

/** An area fetched the first time a part of the page needs it (once; a failed fetch is not retried). */
function lazyArea(load: () => Promise<{ default: AreaMessages }>): () => Promise<void> {
  let loading: Promise<void> | null = null;
  return () => (loading ??= load().then((m) => addMessages(m.default)));
}

/** The validation and worker-error sentences: needed only once something goes wrong, so fetched after first paint. */
export const loadErrorMessages = lazyArea(() => import('./messages/errors'));
/** The H3 extras' sentences (expansion panel, remaster, the history's H3 filters). */
export const loadExtrasMessages = lazyArea(() => import('./messages/h3extras'));
