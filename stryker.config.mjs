// Mutation testing of the modules where a missed bug costs money, a video or a secret (slow; not in CI).
// `npm run mutate` runs every module of test/mutate/modules.mjs in turn and prints the score table;
// `npm run mutate -- charge db` runs those modules; `npm run mutate:report` prints the table of the last runs.
// Each module is its own Stryker run (MUTATE_MODULE), incremental: a rerun tests only mutants of changed code or tests.
import { moduleNamed, reportDir } from './test/mutate/modules.mjs';

if (!process.env.MUTATE_MODULE) throw new Error('Run mutation tests with `npm run mutate [-- <module>...]` (MUTATE_MODULE names one).');
const module = moduleNamed(process.env.MUTATE_MODULE);
// Read by vitest.mutate.config.ts in the test runner processes, which inherit this environment: one project, and
// only the module's tests. Not Stryker's `testFiles`: with it, Stryker 9.6.1 activates static mutants (tables,
// constants) only after the modules have loaded, so every one of them survives.
process.env.MUTATE_PROJECTS = module.project;
process.env.MUTATE_TESTS = module.tests.join(',');

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'vitest',
  plugins: ['@stryker-mutator/vitest-runner'],
  vitest: { configFile: 'vitest.mutate.config.ts', related: false },
  mutate: module.mutate,
  // each mutant runs only the tests that reached it in the first (dry) run
  coverageAnalysis: 'perTest',
  // the machine is shared: two test runners at most
  concurrency: 2,
  timeoutMS: 30_000,
  incremental: true,
  incrementalFile: `${reportDir}/${module.name}.incremental.json`,
  reporters: ['clear-text', 'progress', 'json'],
  jsonReporter: { fileName: `${reportDir}/${module.name}.json` },
  clearTextReporter: { allowColor: false, logTests: false, reportMutants: true, reportScoreTable: true },
  thresholds: { high: 90, low: 80, break: null },
  // the sandbox needs the sources and configs, not the browser suites or built files
  ignorePatterns: ['test/**', '!test/mutate/**', 'web/dist', 'reports', 'test-output', '.wrangler'],
  // not a dot directory: vitest finds no web tests in a sandbox under one
  tempDirName: 'stryker-tmp',
};
