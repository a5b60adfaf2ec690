// The user's connection settings, kept in this browser's localStorage (a BYOK key never leaves it but to the worker).
import type { ApiSettings } from './api/client';

const STORAGE_KEY = 'hailuo.settings';

export interface SettingsValues {
  baseUrl: string;
  accessCode: string;
  byokKey: string;
  byokRegion: 'global' | 'cn';
  /** creates per rolling minute (MiniMax allows 5 RPM on most accounts) */
  perMinute: number;
}

/** A static build names its worker (STUDIO_WORKER_URL); '' = the page's own origin. */
const BUILT_WORKER_URL = import.meta.env.STUDIO_WORKER_URL ?? '';

export const DEFAULT_SETTINGS: SettingsValues = { baseUrl: BUILT_WORKER_URL, accessCode: '', byokKey: '', byokRegion: 'global', perMinute: 5 };

function load(): SettingsValues {
  try {
    const saved = JSON.parse(globalThis.localStorage?.getItem(STORAGE_KEY) ?? '{}') as Partial<SettingsValues>;
    return {
      baseUrl: typeof saved.baseUrl === 'string' ? saved.baseUrl : DEFAULT_SETTINGS.baseUrl,
      accessCode: typeof saved.accessCode === 'string' ? saved.accessCode : DEFAULT_SETTINGS.accessCode,
      byokKey: typeof saved.byokKey === 'string' ? saved.byokKey : DEFAULT_SETTINGS.byokKey,
      byokRegion: saved.byokRegion === 'cn' ? 'cn' : 'global',
      perMinute: Number.isInteger(saved.perMinute) && saved.perMinute! >= 1 && saved.perMinute! <= 60 ? saved.perMinute! : 5,
    };
  } catch {
    return { ...DEFAULT_SETTINGS };
  }
}

export class Settings {
  baseUrl = $state(BUILT_WORKER_URL);
  accessCode = $state('');
  byokKey = $state('');
  byokRegion = $state<'global' | 'cn'>('global');
  perMinute = $state(5);

  constructor(initial: SettingsValues = load()) {
    this.#assign(initial);
  }

  #assign(values: SettingsValues): void {
    this.baseUrl = values.baseUrl;
    this.accessCode = values.accessCode;
    this.byokKey = values.byokKey;
    this.byokRegion = values.byokRegion;
    this.perMinute = values.perMinute;
  }

  get values(): SettingsValues {
    return {
      baseUrl: this.baseUrl,
      accessCode: this.accessCode,
      byokKey: this.byokKey,
      byokRegion: this.byokRegion,
      perMinute: this.perMinute,
    };
  }

  /** What the API client sends: trimmed, empty values left out. */
  get api(): ApiSettings {
    return {
      baseUrl: this.baseUrl.trim(),
      ...(this.accessCode.trim() ? { accessCode: this.accessCode.trim() } : {}),
      ...(this.byokKey.trim() ? { byokKey: this.byokKey.trim(), byokRegion: this.byokRegion } : {}),
    };
  }

  /** Changes some values and remembers all of them. */
  update(patch: Partial<SettingsValues>): void {
    this.#assign({ ...this.values, ...patch });
    this.save();
  }

  save(): void {
    globalThis.localStorage?.setItem(STORAGE_KEY, JSON.stringify(this.values));
  }

  /** Saves on every change, so fields bound straight to inputs are remembered too. Returns a stop function. */
  persistAutomatically(): () => void {
    return $effect.root(() => {
      $effect(() => {
        globalThis.localStorage?.setItem(STORAGE_KEY, JSON.stringify(this.values));
      });
    });
  }

  reset(): void {
    this.#assign({ ...DEFAULT_SETTINGS });
    globalThis.localStorage?.removeItem(STORAGE_KEY);
  }
}

export const settings = new Settings();
settings.persistAutomatically();
