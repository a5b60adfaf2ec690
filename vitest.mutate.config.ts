// The unit projects only (no browser or runtime suites), for `npm run mutate` (stryker.config.mjs), with room for
// the slower instrumented code. MUTATE_PROJECTS=web (or worker) loads one project, MUTATE_TESTS (comma-separated
// globs) narrows it to a module's tests: stryker.config.mjs sets both for the module it mutates.
import { defineConfig } from 'vitest/config';
import base from './vitest.config.ts';

const wanted = process.env.MUTATE_PROJECTS?.split(',') ?? ['worker', 'web'];
const only = process.env.MUTATE_TESTS ? { include: process.env.MUTATE_TESTS.split(',') } : {};

const projects = (base.test?.projects ?? [])
  .filter((p) => typeof p === 'object' && 'test' in p && wanted.includes(p.test?.name ?? ''))
  .map((p) => {
    if (typeof p !== 'object' || !('test' in p)) return p;
    const setupFiles = p.test?.name === 'web' ? { setupFiles: ['test/mutate/indexeddb.ts'] } : {};
    return { ...p, test: { ...p.test, testTimeout: 60_000, ...setupFiles, ...only } };
  });

export default defineConfig({ test: { projects } });
