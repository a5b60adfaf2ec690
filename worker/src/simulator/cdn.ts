// The simulated CDN (Aliyun OSS-like): signed, expiring links; Range; streamed bodies.

import { streamRange, type ByteSource } from './bytes';
import { ossError } from './responses';
import type { LinkSigner } from './signing';

export interface StoredFile {
  fileId: string;
  path: string; // '/cdn/…/output.mp4'
  source: ByteSource;
  createdAtSeconds: number;
}

export interface CdnRequest {
  request: Request;
  url: URL;
  nowMs: number;
  file: StoredFile | undefined;
  signer: LinkSigner;
  cutAfter?: number;
}

export async function serveCdn({ request, url, nowMs, file, signer, cutAfter }: CdnRequest): Promise<Response> {
  if (request.method !== 'GET' && request.method !== 'HEAD') {
    return ossError(405, 'MethodNotAllowed', 'The specified method is not allowed against this resource.');
  }
  if (request.headers.has('authorization')) {
    return ossError(400, 'InvalidArgument', 'Authorization header is invalid.', {
      ArgumentName: 'Authorization',
      ArgumentValue: 'Signature in query string and Authorization header cannot both be provided.',
    });
  }
  const expires = Number(url.searchParams.get('Expires'));
  const signature = url.searchParams.get('Signature');
  if (!url.searchParams.get('OSSAccessKeyId') || !signature || !Number.isSafeInteger(expires)) {
    return ossError(403, 'AccessDenied', 'You have no right to access this object because of bucket acl.');
  }
  const nowSeconds = Math.floor(nowMs / 1000);
  if (nowSeconds > expires) {
    return ossError(403, 'AccessDenied', 'Request has expired.', {
      Expires: new Date(expires * 1000).toISOString(),
      ServerTime: new Date(nowMs).toISOString(),
    });
  }
  if (!(await signer.verify(url.pathname, expires, signature))) {
    return ossError(403, 'SignatureDoesNotMatch', 'The request signature we calculated does not match the signature you provided.');
  }
  if (!file) return ossError(404, 'NoSuchKey', 'The specified key does not exist.');

  const length = file.source.length;
  const headers: Record<string, string> = {
    'content-type': 'video/mp4',
    'accept-ranges': 'bytes',
    etag: `"${Number(file.fileId).toString(16).toUpperCase().padStart(32, '0')}"`,
    'last-modified': new Date(file.createdAtSeconds * 1000).toUTCString(),
  };
  const range = parseRange(request.headers.get('range'), length);
  if (range === 'unsatisfiable') {
    return ossError(416, 'InvalidRange', 'The requested range cannot be satisfied.', {}, { 'content-range': `bytes */${length}` });
  }
  const [start, end] = range ?? [0, length];
  headers['content-length'] = String(end - start);
  if (range) headers['content-range'] = `bytes ${start}-${end - 1}/${length}`;
  const status = range ? 206 : 200;
  if (request.method === 'HEAD') return new Response(null, { status, headers });
  return new Response(streamRange(file.source, start, end, cutAfter), { status, headers });
}

/**
 * `bytes=a-b`, `a-`, `-n` → [start, end) ; null when absent, malformed or multi-range (served whole, as OSS does);
 * 'unsatisfiable' when it starts past the end or asks for a zero-length suffix.
 */
export function parseRange(header: string | null, length: number): [number, number] | null | 'unsatisfiable' {
  if (header === null) return null;
  const match = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!match || (match[1] === '' && match[2] === '')) return null;
  if (match[1] === '') {
    const suffix = Number(match[2]);
    if (suffix === 0 || length === 0) return 'unsatisfiable';
    return [Math.max(0, length - suffix), length];
  }
  const start = Number(match[1]);
  const last = match[2] === '' ? Infinity : Number(match[2]);
  if (last < start) return null;
  if (start >= length) return 'unsatisfiable';
  return [start, Math.min(last, length - 1) + 1];
}
