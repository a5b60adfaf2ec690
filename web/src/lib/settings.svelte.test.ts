import { beforeEach, describe, expect, test } from 'vitest';
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
});
