// `npm run mutate [-- <module>...] [-- --force]`: one Stryker run per module (stryker.config.mjs reads
// MUTATE_MODULE), in turn, then the score table. Without names, every module of modules.mjs.
import { spawnSync } from 'node:child_process';
import { modules, moduleNamed } from './modules.mjs';
import { printTable } from './report.mjs';

const args = process.argv.slice(2);
const names = args.filter((a) => !a.startsWith('-'));
const flags = args.filter((a) => a.startsWith('-'));
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
