import { describe, expect, it } from 'vitest';
import shippedHeaders from '../public/_headers?raw';
import { connectSources, contentSecurityPolicy, withMetaPolicy, withPolicy } from './csp';

function directives(policy: string): Map<string, string[]> {
  return new Map(policy.split(';').map((part) => {
    const [name = '', ...sources] = part.trim().split(/\s+/);
    return [name, sources];
  }));
}

describe('the page’s Content-Security-Policy', () => {
  it('for the worker-served build is exactly the policy web/public/_headers ships', () => {
    const line = /Content-Security-Policy: (.*)$/m.exec(shippedHeaders)?.[1];
    expect(contentSecurityPolicy('', 'header')).toBe(line);
  });

  it('lets a static page reach exactly its worker’s origin, for fetches and media, and nothing else more', () => {
    const same = directives(contentSecurityPolicy('', 'header'));
    const apart = directives(contentSecurityPolicy('https://studio.example.workers.dev', 'header'));
    expect(apart.get('connect-src')).toEqual(["'self'", 'https://studio.example.workers.dev']);
    expect(apart.get('media-src')).toEqual(["'self'", 'blob:', 'https://studio.example.workers.dev']);
    for (const [name, sources] of apart) {
      if (name !== 'connect-src' && name !== 'media-src') expect(sources, name).toEqual(same.get(name));
    }
    expect(connectSources('https://studio.example.workers.dev')).toEqual(["'self'", 'https://studio.example.workers.dev']);
  });

  it('leaves out of the <meta> policy the directive a <meta> cannot carry, and keeps every other', () => {
    const header = directives(contentSecurityPolicy('https://w.example', 'header'));
    const meta = directives(contentSecurityPolicy('https://w.example', 'meta'));
    expect(meta.has('frame-ancestors')).toBe(false);
    header.delete('frame-ancestors');
    expect(meta).toEqual(header);
  });

  it('replaces only the policy line of _headers', () => {
    const rewritten = withPolicy(shippedHeaders, 'default-src x');
    expect(rewritten).toContain('  Content-Security-Policy: default-src x\n');
    expect(rewritten.replace('default-src x', '')).toBe(shippedHeaders.replace(/(Content-Security-Policy: ).*/, '$1'));
    expect(() => withPolicy('/*\n  X-Frame-Options: DENY\n', 'default-src x')).toThrow(/no Content-Security-Policy line/);
  });

  it('puts the <meta> policy right after the charset, before every script, with its quotes escaped', () => {
    const html = '<head>\n<meta charset="utf-8" />\n<script type="module" src="/a.js"></script></head>';
    const out = withMetaPolicy(html, `default-src 'self'; x "y"`);
    const meta = out.indexOf('http-equiv="Content-Security-Policy"');
    expect(meta).toBeGreaterThan(out.indexOf('charset'));
    expect(meta).toBeLessThan(out.indexOf('<script'));
    expect(out).toContain(`content="default-src 'self'; x &quot;y&quot;"`);
  });
});
