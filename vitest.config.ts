import { defineConfig } from 'vitest/config';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { alias } from './web/vite.config.ts';

export default defineConfig({
  test: {
    projects: [
      { test: { name: 'worker', include: ['worker/**/*.test.ts'], environment: 'node' } },
      {
        plugins: [svelte()],
        resolve: { alias, conditions: ['browser'] },
        test: {
          name: 'web',
          include: ['web/**/*.test.ts'],
          environment: 'happy-dom',
          setupFiles: ['fake-indexeddb/auto'],
          // The IndexedDB tests move tens of MB through fake-indexeddb (≈1 s alone); beside the browser suites on two
          // cores one took over vitest's default 5 s. A timeout only has to end a test that hangs.
          testTimeout: 15_000,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['test/**/*.test.ts'],
          environment: 'node',
          fileParallelism: false,
          testTimeout: 120_000,
          hookTimeout: 180_000,
          // A page on a loaded 2-core machine (CI runs the unit projects beside these) takes seconds to load after a
          // reload; vitest's default of 1 s for expect.poll made "the queue shows the task again" fail at load 16.
          expect: { poll: { timeout: 20_000 } },
          // No retries: a test that fails once has a cause to find (the last one kept hidden was a history card
          // outside its lazy-load margin).
        },
      },
    ],
  },
});
