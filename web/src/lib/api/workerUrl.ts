// The Worker URL a page may call: an https:// origin, or plain http on this machine for development.

export type WorkerUrlCheck =
  | { ok: true; origin: string }
  | { ok: false; problem: 'not_a_url' | 'not_https' | 'not_an_origin' };

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

function isLoopback(hostname: string): boolean {
  return LOOPBACK_HOSTS.has(hostname) || hostname.endsWith('.localhost');
}

/** '' (same origin) is ok and stays ''; anything else must be a bare origin, returned normalised. */
export function checkWorkerUrl(input: string): WorkerUrlCheck {
  const text = input.trim();
  if (!text) return { ok: true, origin: '' };
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return { ok: false, problem: 'not_a_url' };
  }
  if (!/^https?:$/.test(url.protocol) || !url.hostname) return { ok: false, problem: 'not_a_url' };
  // Plain http would hand the access code and a BYOK key to anyone on the network path.
  if (url.protocol === 'http:' && !isLoopback(url.hostname)) return { ok: false, problem: 'not_https' };
  // The worker answers at its root (/api/…): a path, query or credentials would be silently dropped or leaked.
  const bare = (url.pathname === '/' || url.pathname === '') && !url.search && !url.hash && !url.username && !url.password;
  if (!bare) return { ok: false, problem: 'not_an_origin' };
  return { ok: true, origin: url.origin };
}

/**
 * Whether a page whose CSP connect-src is `connectSrc` may fetch `origin`. `connectSrc` undefined: the page's
 * policy is unknown (a dev server), taken as allowing it.
 */
export function policyAllows(origin: string, connectSrc: readonly string[] | undefined, pageOrigin: string): boolean {
  if (!origin || connectSrc === undefined) return true;
  if (connectSrc.includes('*')) return true;
  if (origin === pageOrigin && connectSrc.includes("'self'")) return true;
  return connectSrc.includes(origin);
}
