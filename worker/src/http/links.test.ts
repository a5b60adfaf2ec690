import { describe, expect, it } from 'vitest';
import { openLink, sealLink, type LinkClaims } from './links';

const SECRET = 'a-link-secret-for-tests-only-0123456789';
const claims: LinkClaims = { url: 'https://cdn.sim.invalid/v.mp4', fileId: '42', exp: 1_000_000, mode: 'live', kind: 'file' };

describe('sealed links', () => {
  it('open to their claims until the second before they expire', async () => {
    const token = await sealLink(claims, SECRET);
    expect(await openLink(token, SECRET, claims.exp - 1)).toEqual(claims);
  });

  it('are refused from the second they expire', async () => {
    const token = await sealLink(claims, SECRET);
    expect(await openLink(token, SECRET, claims.exp)).toBeNull();
  });

  it('are refused under another secret', async () => {
    const token = await sealLink(claims, SECRET);
    expect(await openLink(token, `${SECRET}-other`, 0)).toBeNull();
  });
});
