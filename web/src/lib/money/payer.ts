// Which account pays for a create, as the worker decides it (worker/src/http/target.ts): a key sent by the browser
// always wins (the user's own account is billed), else the studio's key (live), else the free simulator (demo).
import type { ApiSettings } from '../api/client';
import type { StudioMode } from '../tasks/studio.svelte';

export type Payer =
  | { kind: 'own'; region: 'global' | 'cn' }
  | { kind: 'studio' }
  | { kind: 'demo' }
  /** the studio has no key of its own and none is saved here: nothing can be sent */
  | { kind: 'none' }
  /** the server's mode is not known yet (loading, offline) and no key is saved here */
  | { kind: 'unknown' };

export function payerOf(mode: StudioMode, api: Pick<ApiSettings, 'byokKey' | 'byokRegion'>): Payer {
  if (api.byokKey) return { kind: 'own', region: api.byokRegion ?? 'global' };
  if (mode === 'live') return { kind: 'studio' };
  if (mode === 'demo') return { kind: 'demo' };
  if (mode === 'byok') return { kind: 'none' };
  return { kind: 'unknown' };
}
