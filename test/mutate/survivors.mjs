// `node test/mutate/survivors.mjs <module>`: the mutants of the last run that no test killed, by file and line.
import { readFileSync } from 'node:fs';
import { reportDir } from './modules.mjs';

const name = process.argv[2];
const report = JSON.parse(readFileSync(`${reportDir}/${name}.json`, 'utf8'));
for (const [path, file] of Object.entries(report.files)) {
  const lines = file.source.split('\n');
  for (const m of file.mutants.filter((m) => m.status === 'Survived' || m.status === 'NoCoverage')) {
    const { start, end } = m.location;
    const original = lines.slice(start.line - 1, end.line).join('\n').trim().slice(0, 160);
    console.log(`${path}:${start.line}:${start.column} ${m.status} ${m.mutatorName} -> ${JSON.stringify(m.replacement ?? '').slice(0, 120)}\n    ${original}`);
  }
}
