import { mount } from 'svelte';
import App from './App.svelte';
import { loadErrorMessages, loadLocale } from './lib/i18n/dictionaries';
import { i18n } from './lib/i18n/index.svelte';
import './app.css';

// A Chinese reader's strings are a separate chunk: fetch it before the first paint, so no English flashes.
// (A promise, not a top-level await: with one, the bundler keeps every shared module in a chunk of its own.)
void loadLocale(i18n.locale)
  .catch(() => undefined)
  .then(start);

function start(): void {
  document.documentElement.lang = i18n.locale;
  mount(App, { target: document.getElementById('app')! });

  const idle = globalThis.requestIdleCallback ?? ((run: () => void) => setTimeout(run, 300));
  idle(() => void loadErrorMessages());
  // The service worker (offline shell, "new version" banner) after the first paint: it is not needed to draw it.
  idle(() => void import('./pwa/start').then((m) => m.startUpdates()));
}
