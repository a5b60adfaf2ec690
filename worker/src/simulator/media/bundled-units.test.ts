import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DEMO_DIR } from './node-units';

describe('bundled demo units', () => {
  it('imports every file in worker/assets/demo under its name', () => {
    const source = readFileSync(new URL('./bundled-units.ts', import.meta.url), 'utf8');
    const files = readdirSync(DEMO_DIR).filter((f) => f.endsWith('.mp4')).sort();
    const imported = [...source.matchAll(/from '\.\.\/\.\.\/\.\.\/assets\/demo\/([^']+)'/g)].map((m) => m[1]).sort();
    const named = [...source.matchAll(/^ {2}'([^']+)': /gm)].map((m) => `${m[1]}.mp4`).sort();
    expect(imported).toEqual(files);
    expect(named).toEqual(files);
  });

  it('stays small: the units together are under 600 KB', () => {
    const total = readdirSync(DEMO_DIR).reduce((n, f) => n + readFileSync(new URL(f, DEMO_DIR)).length, 0);
    expect(total).toBeLessThan(600 * 1024);
  });
});
