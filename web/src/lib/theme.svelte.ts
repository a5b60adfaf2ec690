// Light / dark / follow the system (the default). The choice sits on <html data-theme>; CSS does the rest.
export type ThemeChoice = 'system' | 'light' | 'dark';
export const THEMES: readonly ThemeChoice[] = ['system', 'light', 'dark'];

const STORAGE_KEY = 'hailuo.theme';

function saved(): ThemeChoice {
  const value = globalThis.localStorage?.getItem(STORAGE_KEY);
  return value === 'light' || value === 'dark' ? value : 'system';
}

function apply(choice: ThemeChoice): void {
  const root = globalThis.document?.documentElement;
  if (!root) return;
  if (choice === 'system') delete root.dataset.theme;
  else root.dataset.theme = choice;
}

class Theme {
  choice = $state<ThemeChoice>(saved());

  constructor() {
    apply(this.choice);
  }

  set(choice: ThemeChoice): void {
    this.choice = choice;
    if (choice === 'system') globalThis.localStorage?.removeItem(STORAGE_KEY);
    else globalThis.localStorage?.setItem(STORAGE_KEY, choice);
    apply(choice);
  }
}

export const theme = new Theme();
