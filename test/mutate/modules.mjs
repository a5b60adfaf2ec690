// The modules `npm run mutate` measures, each with the unit tests that should kill its mutants. A module's run
// mutates only its files and runs only its tests (per-test coverage picks which of them each mutant needs).
const tasks = (...names) => names.map((n) => `web/src/lib/tasks/${n}.test.ts`);

export const modules = [
  {
    name: 'charge',
    project: 'web',
    mutate: ['web/src/lib/api/charge.ts'],
    tests: ['web/src/lib/api/charge.test.ts', 'web/src/lib/api/client.test.ts'],
  },
  {
    name: 'submit',
    project: 'web',
    mutate: ['web/src/lib/tasks/submit.ts', 'web/src/lib/tasks/send-outcomes.ts'],
    tests: tasks('submit', 'send-outcomes', 'pacer', 'leader-duties', 'v2-flow', 'studio.svelte'),
  },
  {
    name: 'scheduler',
    project: 'web',
    mutate: ['web/src/lib/tasks/scheduler.ts'],
    tests: tasks('scheduler', 'scheduler.rows', 'scheduler.lifecycle', 'v2-flow', 'leader-duties', 'studio.svelte'),
  },
  {
    name: 'pacer',
    project: 'web',
    mutate: ['web/src/lib/tasks/pacer.ts', 'web/src/lib/tasks/leader-duties.ts'],
    tests: tasks('pacer', 'pacer.timers', 'send-outcomes', 'leader-duties', 'studio.svelte', 'studio.tabs'),
  },
  {
    name: 'links',
    project: 'worker',
    mutate: ['worker/src/http/links.ts', 'worker/src/routes/files.ts', 'worker/src/routes/sealed.ts', 'worker/src/routes/v2-links.ts', 'worker/src/minimax/files.ts'],
    tests: ['worker/src/routes/*.test.ts', 'worker/src/security/*.test.ts', 'worker/src/minimax/*.test.ts', 'worker/src/http/links.test.ts'],
  },
  {
    name: 'contract-v1',
    project: 'worker',
    mutate: ['worker/src/contract/*.ts', '!worker/src/contract/*.test.ts'],
    tests: ['worker/src/contract/*.test.ts', 'worker/src/routes/create.test.ts'],
  },
  {
    name: 'contract-v2',
    project: 'worker',
    mutate: ['worker/src/contract/v2/*.ts', '!worker/src/contract/v2/*.test.ts'],
    tests: ['worker/src/contract/**/*.test.ts', 'worker/src/routes/v2*.test.ts'],
  },
  {
    name: 'security',
    project: 'worker',
    mutate: ['worker/src/http/access.ts', 'worker/src/http/errors.ts', 'worker/src/security/origin.ts'],
    tests: ['worker/src/security/*.test.ts', 'worker/src/http/*.test.ts', 'worker/src/app.test.ts', 'worker/src/routes/v2*.test.ts'],
  },
  {
    name: 'ledger',
    project: 'worker',
    mutate: ['worker/src/ledger/core.ts'],
    tests: ['worker/src/ledger/*.test.ts'],
  },
  {
    name: 'db',
    project: 'web',
    mutate: ['web/src/lib/db/tasks.ts', 'web/src/lib/db/archive.ts', 'web/src/lib/db/videos.ts', 'web/src/lib/db/zip-read.ts'],
    tests: ['web/src/lib/db/*.test.ts'],
  },
];

export function moduleNamed(name) {
  const found = modules.find((m) => m.name === name);
  if (!found) throw new Error(`No mutation module "${name}". Known: ${modules.map((m) => m.name).join(', ')}`);
  return found;
}

export const reportDir = 'reports/mutation';
