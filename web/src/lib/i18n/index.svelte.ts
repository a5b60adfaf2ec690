// Chosen from the browser's language, switchable, remembered. Every visible string goes through t().
import { dictionaries, type Locale } from './dictionaries';

const STORAGE_KEY = 'hailuo.locale';
export const LOCALES: readonly Locale[] = ['en', 'zh-CN'];

function initialLocale(): Locale {
  const saved = globalThis.localStorage?.getItem(STORAGE_KEY);
  if (saved === 'en' || saved === 'zh-CN') return saved;
  const langs = globalThis.navigator?.languages ?? [globalThis.navigator?.language ?? 'en'];
  return langs.some((l) => l?.toLowerCase().startsWith('zh')) ? 'zh-CN' : 'en';
}

class I18n {
  locale = $state<Locale>(initialLocale());

  set(locale: Locale): void {
    this.locale = locale;
    globalThis.localStorage?.setItem(STORAGE_KEY, locale);
    if (globalThis.document) document.documentElement.lang = locale;
  }
}

export const i18n = new I18n();

export type Params = Record<string, string | number>;

/** Translates `key`, filling `{name}` placeholders; falls back to English, then to the key itself. */
export function t(key: string, params?: Params): string {
  const text = dictionaries[i18n.locale][key] ?? dictionaries.en[key] ?? key;
  return params ? text.replace(/\{(\w+)\}/g, (m, name: string) => (name in params ? String(params[name]) : m)) : text;
}

/** True when `key` has a translation (for optional keys such as a worker error code). */
export function has(key: string): boolean {
  return key in dictionaries[i18n.locale];
}
