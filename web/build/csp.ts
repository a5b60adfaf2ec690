// The SPA's Content-Security-Policy, built for the worker it talks to. `header` is the `_headers` line (the default
// build ships web/public/_headers unchanged and a test keeps the two equal); `meta` is for hosts that send no
// headers of their own, without the directives a <meta> policy may not carry.

/** connect-src: 'self' plus the worker's origin when the page is hosted apart from it. */
export function connectSources(workerOrigin: string): string[] {
  return workerOrigin ? ["'self'", workerOrigin] : ["'self'"];
}

export function contentSecurityPolicy(workerOrigin: string, delivery: 'header' | 'meta'): string {
  const worker = workerOrigin ? ` ${workerOrigin}` : '';
  const directives = [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data: blob:",
    `media-src 'self' blob:${worker}`,
    `connect-src ${connectSources(workerOrigin).join(' ')}`,
    "worker-src 'self'",
    "manifest-src 'self'",
    "font-src 'self'",
    // Browsers ignore (and Chromium logs an error for) frame-ancestors in a <meta> policy.
    ...(delivery === 'header' ? ["frame-ancestors 'none'"] : []),
    "base-uri 'self'",
    "form-action 'self'",
    "object-src 'none'",
  ];
  return directives.join('; ');
}

/** `_headers` with its Content-Security-Policy line replaced by `policy`. */
export function withPolicy(headersFile: string, policy: string): string {
  const line = /^(\s+Content-Security-Policy:).*$/m;
  if (!line.test(headersFile)) throw new Error('web/public/_headers has no Content-Security-Policy line');
  return headersFile.replace(line, `$1 ${policy}`);
}

/** index.html with `policy` as a <meta http-equiv> right after its charset declaration. */
export function withMetaPolicy(html: string, policy: string): string {
  const charset = /<meta charset="[^"]*"\s*\/?>/i;
  if (!charset.test(html)) throw new Error('index.html has no <meta charset>');
  const escaped = policy.replace(/&/g, '&amp;').replace(/"/g, '&quot;');
  return html.replace(charset, (tag) => `${tag}\n    <meta http-equiv="Content-Security-Policy" content="${escaped}" />`);
}
