import { describe, expect, it } from 'vitest';
import { linkSecret, openLink, sealLink, type LinkClaims } from './links';

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

  it('still open when sealed by an earlier build: the key derivation never changes under a live link', async () => {
    expect(await openLink(SEALED_EARLIER, SECRET, 0)).toEqual(claims);
  });

  it('are refused in any spelling but their own (standard base64, surrounding or inner spaces)', async () => {
    const standard = SEALED_EARLIER.replace(/-/g, '+').replace(/_/g, '/');
    for (const token of [standard, ` ${SEALED_EARLIER}`, `${SEALED_EARLIER.slice(0, 40)} ${SEALED_EARLIER.slice(40)}`]) {
      expect(await openLink(token, SECRET, 0), token).toBeNull();
    }
  });
});

/** `claims` sealed under SECRET by the build that introduced this test (links outlive a deploy). */
const SEALED_EARLIER =
  'pToLvnF9VfcTdwSCv2xhaFLW9pdlmgx5Ye7cgDw8_j5dOjH8PhCbg9Tv7aMgIE33EF_-_tJX-779EQB1eua_kRkUN1jDwL-7oWrvZf2mnpyKAvOZkST401RTdLagHxY9-SWGnTg06qdaFswOblw_jYnyzLQGMZJcxhfP';

/** `claims` sealed under the secret derived from 'sk-server-key' (no LINK_SECRET), by the build that added this test. */
const SEALED_EARLIER_BY_SERVER_KEY =
  '-pSsGG8I7II7K8sGXRUS_EAEzlQm0iMZNlwc_k8cmiqqDEftW6XD27lwPkosMF0sw3UJ-FL06jVEsefPRsukh5k64cc0cyraHUVnZJjFlL26waLS4Drk9LrvWljf0swSoZy4WDgaXyMNQMcGajQkwgAd1Atb61szHzh9';

describe('the sealing secret', () => {
  it('is the configured LINK_SECRET when there is one', () => {
    expect(linkSecret('configured-secret', 'sk-server-key')).toBe('configured-secret');
  });

  it('is derived from the server key otherwise: stable for one key, different per key, never the key itself', () => {
    const secret = linkSecret(undefined, 'sk-server-key');
    expect(secret).toBe(linkSecret('', 'sk-server-key'));
    expect(secret).not.toBe('sk-server-key');
    expect(secret).not.toBe(linkSecret(undefined, 'sk-other-key'));
  });

  it('derived from the server key, is the same in every build: a link sealed by an earlier deploy still opens', async () => {
    expect(await openLink(SEALED_EARLIER_BY_SERVER_KEY, linkSecret(undefined, 'sk-server-key'), 0)).toEqual(claims);
  });

  it('is random but fixed for this isolate when there is no key at all', () => {
    const secret = linkSecret(undefined, undefined);
    expect(secret).toMatch(/^[0-9a-f-]{72}$/);
    expect(linkSecret(undefined, '')).toBe(secret);
    expect(secret).not.toBe(linkSecret(undefined, 'sk-server-key'));
  });
});
