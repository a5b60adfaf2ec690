import { describe, expect, it } from 'vitest';
import { checkWorkerUrl, policyAllows } from './workerUrl';

describe('the Worker URL', () => {
  it('may be empty: the page’s own origin', () => {
    expect(checkWorkerUrl('')).toEqual({ ok: true, origin: '' });
    expect(checkWorkerUrl('   ')).toEqual({ ok: true, origin: '' });
  });

  it('is an https origin, normalised (case, trailing slash, default port)', () => {
    expect(checkWorkerUrl(' https://Studio.Example.workers.dev/ ')).toEqual({ ok: true, origin: 'https://studio.example.workers.dev' });
    expect(checkWorkerUrl('https://studio.example:443')).toEqual({ ok: true, origin: 'https://studio.example' });
    expect(checkWorkerUrl('https://studio.example:8443')).toEqual({ ok: true, origin: 'https://studio.example:8443' });
  });

  it('may be plain http on this machine only, for development', () => {
    for (const url of ['http://localhost:8787', 'http://127.0.0.1:8787', 'http://[::1]:8787', 'http://studio.localhost']) {
      expect(checkWorkerUrl(url).ok, url).toBe(true);
    }
    for (const url of ['http://studio.example', 'http://192.168.1.2:8787', 'http://localhost.example.com']) {
      expect(checkWorkerUrl(url), url).toEqual({ ok: false, problem: 'not_https' });
    }
  });

  it('refuses what is not a web address', () => {
    for (const url of ['not a url', 'studio.example.workers.dev', 'ftp://studio.example', 'javascript:alert(1)', 'file:///etc/passwd']) {
      expect(checkWorkerUrl(url), url).toEqual({ ok: false, problem: 'not_a_url' });
    }
  });

  it('refuses a path, query, fragment or credentials: the worker answers at its root', () => {
    for (const url of ['https://studio.example/api', 'https://studio.example/?x=1', 'https://studio.example/#a', 'https://user:pw@studio.example']) {
      expect(checkWorkerUrl(url), url).toEqual({ ok: false, problem: 'not_an_origin' });
    }
  });
});

describe('whether the page’s own policy lets it reach an origin', () => {
  const page = 'https://someone.github.io';
  it('follows connect-src: its own origin by self, another only when listed', () => {
    expect(policyAllows(page, ["'self'"], page)).toBe(true);
    expect(policyAllows('https://w.example', ["'self'"], page)).toBe(false);
    expect(policyAllows('https://w.example', ["'self'", 'https://w.example'], page)).toBe(true);
    expect(policyAllows('https://other.example', ["'self'", 'https://w.example'], page)).toBe(false);
  });

  it('takes an unknown policy (the dev server has none) as allowing', () => {
    expect(policyAllows('https://w.example', undefined, page)).toBe(true);
  });
});
