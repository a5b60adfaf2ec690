// Prints the mutation score of each module from its last run (reports/mutation/<module>.json), one table.
// Score = (killed + timeout) / (killed + timeout + survived + no coverage), as Stryker counts it.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { modules, reportDir } from './modules.mjs';

const COLUMNS = ['module', 'score', 'killed', 'timeout', 'survived', 'no cov', 'ignored', 'errors', 'run at'];

export function tally(mutants) {
  const count = (...statuses) => mutants.filter((m) => statuses.includes(m.status)).length;
  const killed = count('Killed');
  const timeout = count('Timeout');
  const survived = count('Survived');
  const noCoverage = count('NoCoverage');
  const detected = killed + timeout;
  const valid = detected + survived + noCoverage;
  return {
    score: valid ? (100 * detected) / valid : NaN,
    killed,
    timeout,
    survived,
    noCoverage,
    ignored: count('Ignored'),
    errors: count('CompileError', 'RuntimeError'),
  };
}

function rowsOf(names) {
  const rows = [];
  for (const module of modules.filter((m) => names.length === 0 || names.includes(m.name))) {
    const file = `${reportDir}/${module.name}.json`;
    if (!existsSync(file)) {
      rows.push([module.name, 'not run', '', '', '', '', '', '', '']);
      continue;
    }
    const report = JSON.parse(readFileSync(file, 'utf8'));
    const when = statSync(file).mtime.toISOString().slice(0, 16).replace('T', ' ');
    const all = Object.values(report.files).flatMap((f) => f.mutants);
    rows.push(line(module.name, tally(all), when));
    for (const [path, f] of Object.entries(report.files)) rows.push(line(`  ${path}`, tally(f.mutants), ''));
  }
  return rows;
}

function line(name, t, when) {
  const score = Number.isNaN(t.score) ? 'n/a' : `${t.score.toFixed(1)} %`;
  return [name, score, t.killed, t.timeout, t.survived, t.noCoverage, t.ignored, t.errors, when].map(String);
}

export function printTable(names = []) {
  const rows = [COLUMNS, ...rowsOf(names)];
  const widths = COLUMNS.map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  const format = (r) => `| ${r.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]) : cell.padStart(widths[i]))).join(' | ')} |`;
  console.log(format(rows[0]));
  console.log(`|${widths.map((w, i) => (i === 0 ? `:${'-'.repeat(w + 1)}` : `${'-'.repeat(w + 1)}:`)).join('|')}|`);
  for (const r of rows.slice(1)) console.log(format(r));
}

if (import.meta.url === `file://${process.argv[1]}`) printTable(process.argv.slice(2));
