// Fetching a video's bytes from MiniMax's CDN and streaming them back: only allow-listed hosts, never the key.
import { ApiError } from '../http/errors';

export interface FileSource {
  fetch: typeof fetch;
  /** parsed-hostname patterns: exact `host` or `*.suffix` */
  hosts: string[];
  /** http is allowed only when the upstream base itself is http (a simulator on loopback) */
  allowHttp: boolean;
  /** how long the file host may take to start answering (headers); the body itself may take as long as it needs */
  timeoutMs?: number;
}

const PASSED_HEADERS = ['content-length', 'content-range', 'accept-ranges', 'etag', 'last-modified'];
const MAX_REDIRECTS = 3;

export function parseHostList(list: string | undefined): string[] {
  return (list ?? '')
    .split(',')
    .map((h) => h.trim().toLowerCase())
    .filter(Boolean);
}

/** An IP address as the URL parser leaves it: dotted IPv4 (`0x7f.1`, `2130706433` are folded into it) or [IPv6]. */
function isIpLiteral(host: string): boolean {
  return /^\d{1,3}(?:\.\d{1,3}){3}$/.test(host) || host.startsWith('[');
}

export function hostAllowed(hostname: string, patterns: string[]): boolean {
  const host = hostname.toLowerCase().replace(/\.$/, '');
  // An IP literal only by an exact entry: `*.0.1` must not let a download_url reach 10.0.0.1 (SSRF into a network).
  if (isIpLiteral(host)) return patterns.includes(host);
  return patterns.some((p) => (p.startsWith('*.') ? host.endsWith(p.slice(1)) && host.length > p.length - 1 : host === p));
}

/** Checks a download URL before any byte is asked for (stops the worker becoming an open proxy). */
export function checkDownloadUrl(raw: string, source: FileSource): URL {
  let url: URL;
  try {
    url = new URL(raw.replace(/^http:\/\//i, source.allowHttp ? 'http://' : 'https://'));
  } catch {
    throw new ApiError(502, 'upstream_unreadable', 'MiniMax gave a download link that is not a URL.');
  }
  const schemeOk = url.protocol === 'https:' || (source.allowHttp && url.protocol === 'http:');
  // A non-default port reaches another service on an allowed host; only a local test setup (http upstream,
  // host listed exactly, e.g. 127.0.0.1) has one.
  const portOk = url.port === '' || (source.allowHttp && source.hosts.includes(url.hostname.toLowerCase()));
  // userinfo would let `api.minimax.io@evil.com` pass a naive prefix check (the real host is evil.com).
  if (!schemeOk || !portOk || url.username || url.password || !hostAllowed(url.hostname, source.hosts)) {
    throw new ApiError(502, 'upstream_error', 'MiniMax gave a download link on a host this studio does not fetch from.');
  }
  return url;
}

/** A single `bytes=` range, or null for none; anything else is unsatisfiable (416). */
export function parseRange(header: string | null): string | null {
  if (header === null) return null;
  const match = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!match || (match[1] === '' && match[2] === '') || (match[1] !== '' && match[2] !== '' && +match[1] > +match[2])) {
    throw new ApiError(416, 'range_not_satisfiable', 'The Range header must be one range like "bytes=0-1023".');
  }
  return match[0];
}

export interface StreamOptions {
  range: string | null;
  filename: string;
  signal?: AbortSignal;
}

/** Streams the CDN answer through with allow-listed headers only; follows redirects only to allowed hosts. */
export async function streamFile(url: URL, source: FileSource, options: StreamOptions): Promise<Response> {
  let current = url;
  for (let hop = 0; hop <= MAX_REDIRECTS; hop++) {
    const headers: Record<string, string> = {}; // no Authorization: the key never goes to the download host
    if (options.range) headers.Range = options.range;
    const response = await fetchWithDeadline(current, source, headers, options.signal);
    if (response.status >= 300 && response.status < 400 && response.headers.get('location')) {
      await response.body?.cancel();
      current = checkDownloadUrl(new URL(response.headers.get('location')!, current).toString(), source);
      continue;
    }
    return passThrough(response, options.filename);
  }
  throw new ApiError(502, 'upstream_error', 'MiniMax’s file host redirected too many times.');
}

/**
 * The client's signal aborts the CDN fetch (a viewer who leaves stops the download, body included); a file host
 * that does not start answering within `timeoutMs` gets 504 instead of holding the request open.
 */
async function fetchWithDeadline(url: URL, source: FileSource, headers: Record<string, string>, client?: AbortSignal): Promise<Response> {
  const controller = new AbortController();
  if (client?.aborted) controller.abort(client.reason);
  // Stryker disable next-line ObjectLiteral,BooleanLiteral: a signal fires 'abort' once, so `once` changes nothing observable
  client?.addEventListener('abort', () => controller.abort(client.reason), { once: true });
  let timedOut = false;
  const timer =
    source.timeoutMs === undefined
      ? undefined
      : setTimeout(() => {
          timedOut = true;
          controller.abort(new DOMException('The file host did not answer in time.', 'TimeoutError'));
        }, source.timeoutMs);
  try {
    // redirect: manual, so every hop is checked against the allow-list before it is fetched.
    return await source.fetch(url.toString(), { headers, redirect: 'manual', signal: controller.signal });
  } catch {
    if (timedOut) throw new ApiError(504, 'upstream_timeout', 'MiniMax’s file host did not answer in time. Try again in a moment.');
    throw new ApiError(502, 'upstream_error', 'The video could not be fetched from MiniMax’s file host.');
  } finally {
    if (timer !== undefined) clearTimeout(timer);
  }
}

async function passThrough(response: Response, filename: string): Promise<Response> {
  if (response.status === 403 || response.status === 410) {
    await response.body?.cancel();
    throw new ApiError(410, 'link_expired', 'The video link has expired. Ask for it again.');
  }
  if (response.status === 416) {
    await response.body?.cancel();
    throw new ApiError(416, 'range_not_satisfiable', 'The requested range is outside the video.', {
      headers: { 'Content-Range': response.headers.get('content-range') ?? 'bytes */*' },
    });
  }
  if (response.status !== 200 && response.status !== 206) {
    await response.body?.cancel();
    throw new ApiError(502, 'upstream_error', `MiniMax’s file host answered HTTP ${response.status}.`);
  }
  const headers = new Headers();
  for (const name of PASSED_HEADERS) {
    const value = response.headers.get(name);
    if (value !== null) headers.set(name, value);
  }
  headers.set('Content-Type', 'video/mp4');
  headers.set('Accept-Ranges', 'bytes');
  headers.set('Content-Disposition', contentDisposition(filename));
  headers.set('X-Content-Type-Options', 'nosniff');
  headers.set('Cache-Control', 'no-store');
  return new Response(withKnownLength(response.body, headers.get('content-length')), { status: response.status, headers });
}

interface FixedLengthStreamCtor {
  new (length: number): TransformStream<Uint8Array, Uint8Array>;
}

/**
 * workerd sends a stream of unknown length chunked, dropping Content-Length (players and download bars need it);
 * a FixedLengthStream keeps it. Outside workerd (Node tests) the stream passes as is.
 */
function withKnownLength(body: ReadableStream<Uint8Array> | null, length: string | null): ReadableStream<Uint8Array> | null {
  const Fixed = (globalThis as { FixedLengthStream?: FixedLengthStreamCtor }).FixedLengthStream;
  if (!body || !Fixed || length === null || !/^\d+$/.test(length)) return body;
  return body.pipeThrough(new Fixed(Number(length)));
}

/** RFC 6266: an ASCII fallback with no quote/CR/LF, plus the UTF-8 form. */
export function contentDisposition(filename: string): string {
  const ascii = filename.replace(/[^A-Za-z0-9._-]/g, '_').slice(0, 120) || 'video.mp4';
  return `inline; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(filename)}`;
}
