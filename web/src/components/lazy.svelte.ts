// A part of the page fetched as its own chunk the first time it is wanted (or when the browser is idle), so the
// first screen carries only what it shows.
import type { Component } from 'svelte';

/** Runs `run` once the browser has nothing better to do. */
function whenIdle(run: () => void): void {
  const idle = globalThis.requestIdleCallback ?? ((callback: () => void) => setTimeout(callback, 300));
  idle(run);
}

export class LazyModule<Module> {
  module = $state.raw<Module | null>(null);
  failed = $state(false);
  #loading: Promise<void> | null = null;

  constructor(private readonly loader: () => Promise<Module>) {}

  load(): Promise<void> {
    this.#loading ??= this.loader().then(
      (module) => {
        this.module = module;
      },
      () => {
        this.failed = true;
        this.#loading = null;
      },
    );
    return this.#loading;
  }

  /** Loads once the browser has nothing better to do. */
  preload(): void {
    whenIdle(() => void this.load());
  }
}

export class LazyComponent<Props extends Record<string, unknown>> extends LazyModule<{ default: Component<Props> }> {
  get component(): Component<Props> | null {
    return this.module?.default ?? null;
  }
}
