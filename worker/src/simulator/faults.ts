// Injected failures (`failNext`): each one replaces the next answer of one kind of request (v1, v2 or CDN).

import { minimaxError, ossError } from './responses';
import { v2Error } from './v2/errors';

export const FAULT_TARGETS = [
  'create',
  'query',
  'retrieve',
  'cdn',
  'v2-create',
  'v2-query',
  'v2-list',
  'v2-delete',
  'v2-context-ir',
  'v2-regeneration',
] as const;

export type FaultTarget = (typeof FAULT_TARGETS)[number];

export type Fault =
  | { kind: 'code'; code: number; msg?: string }
  | { kind: 'hang' }
  | { kind: 'html' }
  | { kind: 'broken_json' }
  | { kind: 'http'; status: number }
  | { kind: 'empty' }
  /** CDN only: the file stream errors (a dropped connection) after this many body bytes. */
  | { kind: 'cut'; afterBytes: number };

const NGINX_502 = `<html>
<head><title>502 Bad Gateway</title></head>
<body>
<center><h1>502 Bad Gateway</h1></center>
<hr><center>nginx</center>
</body>
</html>
`;

/** Hung requests; reset() ends them all. */
export class Hangs {
  private readonly pending = new Set<() => void>();

  /** A response that never arrives; rejects with AbortError when the request's signal aborts, or on reset(). */
  hang(signal: AbortSignal | undefined): Promise<Response> {
    return new Promise<Response>((_, reject) => {
      // A pending timer keeps workerd from cancelling the request as "hung"; unref'd so Node can still exit.
      const keepAlive = setInterval(() => {}, 30_000) as unknown as { unref?: () => void };
      keepAlive.unref?.();
      const end = (reason: unknown) => {
        clearInterval(keepAlive as unknown as ReturnType<typeof setInterval>);
        this.pending.delete(release);
        signal?.removeEventListener('abort', onAbort);
        reject(reason);
      };
      const release = () => end(new Error('simulator reset while the request hung'));
      const onAbort = () => end(signal?.reason ?? new DOMException('The operation was aborted.', 'AbortError'));
      if (signal?.aborted) return onAbort();
      signal?.addEventListener('abort', onAbort, { once: true });
      this.pending.add(release);
    });
  }

  get count(): number {
    return this.pending.size;
  }

  releaseAll(): void {
    for (const release of [...this.pending]) release();
  }
}

/** The answer a fault gives in place of the real one (`hang` and `cut` are handled by the caller). */
export function faultResponse(fault: Exclude<Fault, { kind: 'hang' } | { kind: 'cut' }>, target: FaultTarget): Response {
  switch (fault.kind) {
    case 'code':
      if (target === 'cdn') {
        return ossError(fault.code >= 400 && fault.code <= 599 ? fault.code : 500, 'InternalError', fault.msg ?? 'We encountered an internal error. Please try again.');
      }
      // v2: the code's real HTTP status and error body
      if (target.startsWith('v2-')) return v2Error(fault.code, fault.msg);
      return minimaxError(fault.code, fault.msg, target === 'create' ? { task_id: '' } : {});
    case 'html':
      return new Response(NGINX_502, { status: 502, headers: { 'content-type': 'text/html', server: 'nginx' } });
    case 'broken_json':
      return new Response(target.startsWith('v2-') ? '{"task":{"id":"4240109857' : '{"task_id":"1069161122', { status: 200, headers: { 'content-type': 'application/json; charset=utf-8' } });
    case 'http':
      return new Response(null, { status: fault.status });
    case 'empty':
      return new Response('', { status: 200, headers: { 'content-type': 'application/json; charset=utf-8' } });
  }
}
