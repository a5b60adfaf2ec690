// The unit projects only (no browser suites), for `npm run mutate` (stryker.config.mjs), with room for the slower
// instrumented code. MUTATE_PROJECTS=web (or worker) runs one project, for a run over that side's modules only.
import { defineConfig } from 'vitest/config';
import base from './vitest.config.ts';

const wanted = process.env.MUTATE_PROJECTS?.split(',') ?? ['worker', 'web'];

const projects = (base.test?.projects ?? [])
  .filter((p) => typeof p === 'object' && 'test' in p && wanted.includes(p.test?.name ?? ''))
  .map((p) => (typeof p === 'object' && 'test' in p ? { ...p, test: { ...p.test, testTimeout: 60_000 } } : p));

export default defineConfig({ test: { projects } });
