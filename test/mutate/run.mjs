// `npm run mutate [-- <module>... [--<stryker option>...]]`: one Stryker run per module (stryker.config.mjs reads
// MUTATE_MODULE), in turn, then the score table. Without names, every module of modules.mjs.
import { spawnSync } from 'node:child_process';
import { modules, moduleNamed } from './modules.mjs';
import { printTable } from './report.mjs';

const args = process.argv.slice(2);
// module names first; everything from the first option on goes to Stryker (`--concurrency 1`, `--force`)
const firstFlag = args.findIndex((a) => a.startsWith('-'));
const names = firstFlag === -1 ? args : args.slice(0, firstFlag);
const flags = firstFlag === -1 ? [] : args.slice(firstFlag);
const chosen = names.length ? names.map(moduleNamed) : modules;

let failed = false;
for (const module of chosen) {
  console.log(`\n== mutating ${module.name}: ${module.mutate.join(', ')}`);
  const run = spawnSync('node_modules/.bin/stryker', ['run', ...flags], {
    stdio: 'inherit',
    env: { ...process.env, MUTATE_MODULE: module.name },
  });
  failed ||= run.status !== 0;
}
console.log('');
printTable(chosen.map((m) => m.name));
process.exitCode = failed ? 1 : 0;
