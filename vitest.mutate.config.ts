// The unit projects only (no browser suites), for `npm run mutate` (stryker.config.mjs).
import { defineConfig } from 'vitest/config';
import base from './vitest.config.ts';

const projects = (base.test?.projects ?? []).filter((p) => typeof p === 'object' && 'test' in p && p.test?.name !== 'e2e');

export default defineConfig({ test: { projects } });
