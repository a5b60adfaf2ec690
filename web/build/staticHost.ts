// `npm run build:static`: the page under its base with a CSP naming its worker, as `_headers` and as <meta>.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Plugin } from 'vite';
import { contentSecurityPolicy, withMetaPolicy, withPolicy } from './csp';
import type { StaticTarget } from './target';

export function staticHost(target: StaticTarget, outDir: () => string): Plugin {
  return {
    name: 'hailuo-static-host',
    apply: 'build',
    transformIndexHtml: {
      order: 'pre',
      // Right after the charset, before any script or link: a <meta> policy covers only what comes after it.
      handler: (html) => withMetaPolicy(html, contentSecurityPolicy(target.workerOrigin, 'meta')),
    },
    closeBundle() {
      const file = join(outDir(), '_headers');
      writeFileSync(file, withPolicy(readFileSync(file, 'utf8'), contentSecurityPolicy(target.workerOrigin, 'header')));
    },
  };
}
