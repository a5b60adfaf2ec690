import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { outDirFrom, staticTarget } from './target';

describe('STUDIO_BASE and STUDIO_WORKER_URL', () => {
  it('default to the domain root and the page’s own origin', () => {
    expect(staticTarget({})).toEqual({ base: '/', workerOrigin: '' });
    expect(staticTarget({ STUDIO_BASE: '', STUDIO_WORKER_URL: '  ' })).toEqual({ base: '/', workerOrigin: '' });
  });

  it('take a sub-path (a trailing slash added) and a worker origin (normalised)', () => {
    expect(staticTarget({ STUDIO_BASE: '/hailuo-studio', STUDIO_WORKER_URL: 'https://Studio.Example.workers.dev/' })).toEqual({
      base: '/hailuo-studio/',
      workerOrigin: 'https://studio.example.workers.dev',
    });
    expect(staticTarget({ STUDIO_BASE: '/a/b.c/' }).base).toBe('/a/b.c/');
  });

  it('refuse a base that is not an absolute path of plain segments', () => {
    for (const base of ['hailuo', '/a b/', '/../x/', '//evil.example/', '/a?b', 'https://x/']) {
      expect(() => staticTarget({ STUDIO_BASE: base }), base).toThrow(/STUDIO_BASE/);
    }
  });

  it('refuse a worker URL that is not an https origin, saying why', () => {
    expect(() => staticTarget({ STUDIO_WORKER_URL: 'not a url' })).toThrow(/is not a URL/);
    expect(() => staticTarget({ STUDIO_WORKER_URL: 'http://studio.example' })).toThrow(/must use https/);
    expect(() => staticTarget({ STUDIO_WORKER_URL: 'https://studio.example/api' })).toThrow(/origin only/);
  });
});

describe('STUDIO_OUT_DIR', () => {
  it('is web/dist when unset; a new, empty or earlier-build directory otherwise', () => {
    const dir = mkdtempSync(join(tmpdir(), 'hailuo-outdir-'));
    try {
      expect(outDirFrom({})).toBeUndefined();
      expect(outDirFrom({ STUDIO_OUT_DIR: join(dir, 'new') })).toBe(join(dir, 'new'));
      expect(outDirFrom({ STUDIO_OUT_DIR: dir })).toBe(dir);
      writeFileSync(join(dir, 'index.html'), '<!doctype html>');
      mkdirSync(join(dir, 'assets'));
      expect(outDirFrom({ STUDIO_OUT_DIR: dir })).toBe(dir);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('refuses a directory with other things in it: the build would empty it', () => {
    const dir = mkdtempSync(join(tmpdir(), 'hailuo-outdir-'));
    try {
      writeFileSync(join(dir, 'notes.txt'), 'keep me');
      expect(() => outDirFrom({ STUDIO_OUT_DIR: dir })).toThrow(/not empty and holds no earlier build/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
