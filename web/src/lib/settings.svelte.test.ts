import { beforeEach, describe, expect, test, vi } from 'vitest';
import { flushSync } from 'svelte';
import { DEFAULT_SETTINGS, Settings } from './settings.svelte';

beforeEach(() => localStorage.clear());

describe('settings', () => {
  test('defaults: same origin, 5 creates a minute, no key', () => {
    const s = new Settings();
    expect(s.values).toEqual(DEFAULT_SETTINGS);
    expect(s.api).toEqual({ baseUrl: '' });
  });

  test('update() is remembered by the next page load', () => {
    new Settings().update({ accessCode: ' code ', byokKey: 'sk-9', byokRegion: 'cn', perMinute: 20 });
    const next = new Settings();
    expect(next.values).toMatchObject({ byokKey: 'sk-9', byokRegion: 'cn', perMinute: 20 });
    expect(next.api).toEqual({ baseUrl: '', accessCode: 'code', byokKey: 'sk-9', byokRegion: 'cn' });
  });

  test('fields set directly (bound inputs) are saved automatically', () => {
    const s = new Settings();
    const stop = s.persistAutomatically();
    s.baseUrl = 'https://worker.example';
    flushSync();
    expect(new Settings().baseUrl).toBe('https://worker.example');
    stop();
  });

  test('garbage in storage falls back to defaults', () => {
    localStorage.setItem('hailuo.settings', '{"perMinute":-3,"byokRegion":"mars"');
    expect(new Settings().values).toEqual(DEFAULT_SETTINGS);
  });

  test('a static build’s worker (STUDIO_WORKER_URL) is the default Worker URL; a saved one still wins', async () => {
    vi.stubEnv('STUDIO_WORKER_URL', 'https://studio.example.workers.dev');
    vi.resetModules();
    try {
      const built = await import('./settings.svelte');
      expect(new built.Settings().baseUrl).toBe('https://studio.example.workers.dev');
      expect(built.DEFAULT_SETTINGS.baseUrl).toBe('https://studio.example.workers.dev');
      localStorage.setItem('hailuo.settings', JSON.stringify({ baseUrl: 'https://mine.example' }));
      expect(new built.Settings().baseUrl).toBe('https://mine.example');
    } finally {
      vi.unstubAllEnvs();
      vi.resetModules();
    }
  });
});
