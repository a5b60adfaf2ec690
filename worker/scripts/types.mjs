#!/usr/bin/env node
// `npm run types`: the worker's Env and runtime types from wrangler.toml → worker/worker-configuration.d.ts.
// `--check` regenerates beside it and fails when the checked-in file differs (wrangler's own --check compares only
// the header's hash, and forgets --env-file when it recomputes it).
import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const TYPES = 'worker/worker-configuration.d.ts';
const FRESH = 'worker/.worker-configuration.fresh.d.ts';

function generate(path) {
  // wrangler reuses the runtime part of an existing file whose header matches: start from nothing.
  rmSync(`${ROOT}${path}`, { force: true });
  const env = { ...process.env, WRANGLER_SEND_METRICS: 'false', CLOUDFLARE_CF_FETCH_ENABLED: 'false' };
  // Secrets and optional vars are typed from the committed example, never from a developer's own .dev.vars.
  delete env.CLOUDFLARE_INCLUDE_PROCESS_ENV;
  const args = ['wrangler', 'types', path, '--env-file', '.dev.vars.example', '--strict-vars=false'];
  const run = spawnSync('npx', args, { cwd: ROOT, env, encoding: 'utf8' });
  if (run.status !== 0) {
    process.stderr.write(run.stdout + run.stderr);
    process.exit(run.status ?? 1);
  }
}

if (!process.argv.includes('--check')) {
  generate(TYPES);
  console.log(`${TYPES} regenerated`);
} else {
  try {
    generate(FRESH);
    const fresh = readFileSync(`${ROOT}${FRESH}`, 'utf8').replaceAll(FRESH, TYPES);
    if (fresh !== readFileSync(`${ROOT}${TYPES}`, 'utf8')) {
      console.error(`${TYPES} is stale: run \`npm run types\` and commit it.`);
      process.exitCode = 1;
    }
  } finally {
    rmSync(`${ROOT}${FRESH}`, { force: true });
  }
}
