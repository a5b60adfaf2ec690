// `npx wrangler deploy` must stay one command: the config, the bindings and the bundle are checked offline.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

describe('wrangler deploy --dry-run', () => {
  it('bundles the worker with the SPA assets and the rate-limit binding, and no key in the bundle', () => {
    const outdir = mkdtempSync(join(tmpdir(), 'hailuo-deploy-'));
    const output = execFileSync('npx', ['wrangler', 'deploy', '--dry-run', '--outdir', outdir], {
      encoding: 'utf8',
      env: { ...process.env, WRANGLER_SEND_METRICS: 'false', CLOUDFLARE_CF_FETCH_ENABLED: 'false' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    expect(output).toMatch(/Read \d+ files from the assets directory .*web\/dist/);
    expect(output).toContain('env.CREATE_LIMITER');
    expect(output).toContain('env.ATTEMPT_LIMITER');
    expect(output).toMatch(/env\.LEDGER \(Ledger\)/);
    expect(output).toContain('env.ASSETS');
    expect(output).not.toContain('MINIMAX_API_KEY');
    const bundle = readdirSync(outdir)
      .filter((f) => f.endsWith('.js'))
      .map((f) => readFileSync(join(outdir, f), 'utf8'))
      .join('\n');
    expect(bundle).toContain('/api/v1/video_generation');
    expect(bundle).toContain('/api/v2/video_generation');
    expect(bundle).not.toMatch(/sk-(api|cp)-[A-Za-z0-9]/);
  }, 120_000);
});
