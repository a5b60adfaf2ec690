import { describe, expect, test } from 'vitest';
import { payerOf } from './payer';

describe('who pays for a create', () => {
  test('a key saved here is billed to its owner whatever the server runs, with its region', () => {
    for (const mode of ['demo', 'live', 'byok', 'unknown'] as const) {
      expect(payerOf(mode, { byokKey: 'sk-1', byokRegion: 'cn' })).toEqual({ kind: 'own', region: 'cn' });
    }
    expect(payerOf('demo', { byokKey: 'sk-1' })).toEqual({ kind: 'own', region: 'global' });
  });

  test('without a key saved here: the studio\'s key in live mode, free in demo mode, nobody otherwise', () => {
    expect(payerOf('live', {})).toEqual({ kind: 'studio' });
    expect(payerOf('demo', {})).toEqual({ kind: 'demo' });
    expect(payerOf('byok', {})).toEqual({ kind: 'none' });
    expect(payerOf('unknown', {})).toEqual({ kind: 'unknown' });
  });
});
