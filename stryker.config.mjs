// Mutation testing of the modules where a missed bug costs money, a video or a secret: `npm run mutate` (slow; not
// in CI). One module: `npm run mutate -- --mutate 'web/src/lib/db/**/*.ts'`. Runs are incremental: only mutants of
// changed code or tests run again (reports/stryker-incremental.json).
const notTests = ['!**/*.test.ts', '!**/test-kit.ts', '!**/fake-worker.ts'];

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'vitest',
  plugins: ['@stryker-mutator/vitest-runner'],
  vitest: { configFile: 'vitest.mutate.config.ts', related: false },
  mutate: [
    'worker/src/contract/**/*.ts',
    'worker/src/security/**/*.ts',
    'worker/src/http/access.ts',
    'worker/src/http/links.ts',
    'worker/src/routes/files.ts',
    'web/src/lib/api/charge.ts',
    'web/src/lib/api/errors.ts',
    'web/src/lib/tasks/submit.ts',
    'web/src/lib/tasks/scheduler.ts',
    'web/src/lib/tasks/pacer.ts',
    'web/src/lib/tasks/leader-duties.ts',
    'web/src/lib/db/**/*.ts',
    ...notTests,
  ],
  coverageAnalysis: 'perTest',
  concurrency: 2,
  timeoutMS: 30_000,
  incremental: true,
  incrementalFile: 'reports/stryker-incremental.json',
  reporters: ['clear-text', 'progress', 'json'],
  jsonReporter: { fileName: 'reports/mutation.json' },
  clearTextReporter: { allowColor: false, logTests: false, reportMutants: false, reportScoreTable: true },
  thresholds: { high: 90, low: 80, break: null },
  // not a dot directory: vitest finds no web tests in a sandbox under one
  tempDirName: 'stryker-tmp',
};
