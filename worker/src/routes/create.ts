// Paid creates (v1 and v2): counted against the caller's budget only when they reach MiniMax, made idempotent by an
// `Idempotency-Key` (IETF httpapi-idempotency-key draft), and finished even when the client has gone away.
import { ApiError } from '../http/errors';
import { sha256Hex } from '../security/ratelimit';
import type { RouteContext } from './context';
import { recordOwned } from './ownership';

/** What a create made: the answer to send and the task id MiniMax gave. */
export interface Created {
  status: number;
  body: string;
  taskId: string;
}

/** A repeat of a key still in flight waits for the first this long (longer than a create may take upstream). */
const BUSY_WAIT_MS = 75_000;

/**
 * Runs `send` at most once per Idempotency-Key: a repeat answers the stored answer without calling MiniMax, waits
 * while the first is in flight, and is refused when its body differs. Only creates that got a task id are stored;
 * a refusal or a failure frees the key, so sending it again is a fresh attempt.
 */
export async function idempotentCreate(ctx: RouteContext, forwarded: string, send: (signal?: AbortSignal) => Promise<Created>): Promise<Response> {
  const key = idempotencyKey(ctx.request);
  if (key === null) {
    await ctx.countCreate();
    const created = await send(ctx.request.signal);
    await recordOwned(ctx, 'task', created.taskId);
    return answer(created, false);
  }
  const fingerprint = await sha256Hex(`${new URL(ctx.request.url).pathname}\n${forwarded}`);
  for (let wait = 100, waited = 0; ; waited += wait, wait = Math.min(wait * 2, 1000)) {
    const claim = await ctx.ledger.claim(key, fingerprint);
    if (claim.state === 'replay') return answer({ ...claim.answer, taskId: '' }, true);
    if (claim.state === 'mismatch') {
      throw new ApiError(422, 'idempotency_mismatch', 'This Idempotency-Key was already used for a different request. Use a new key for a new video.', {
        field: 'Idempotency-Key',
      });
    }
    if (claim.state === 'new') break;
    if (waited >= BUSY_WAIT_MS) {
      throw new ApiError(409, 'idempotency_busy', 'A request with this Idempotency-Key is still being sent. Try again in a moment.', {
        field: 'Idempotency-Key',
        retryAfter: 5,
      });
    }
    await new Promise((resolve) => setTimeout(resolve, wait));
  }
  // The create runs to its end and is stored whatever the client does: a reload must find it, not pay again.
  const work = (async () => {
    try {
      await ctx.countCreate();
      const created = await send();
      await ctx.ledger.settle(key, { status: created.status, body: created.body });
      await recordOwned(ctx, 'task', created.taskId);
      return created;
    } catch (error) {
      await ctx.ledger.release(key);
      throw error;
    }
  })();
  ctx.waitUntil(work.catch(() => undefined));
  return answer(await work, false);
}

function answer(created: Omit<Created, 'taskId'> & { taskId?: string }, replayed: boolean): Response {
  const headers: Record<string, string> = { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' };
  if (replayed) headers['Idempotent-Replayed'] = 'true';
  return new Response(created.body, { status: created.status, headers });
}

/** The header's value: 1–255 visible ASCII characters (a UUID in the studio), or null when absent. */
function idempotencyKey(request: Request): string | null {
  const value = request.headers.get('idempotency-key');
  if (value === null) return null;
  // Quoted form of the draft's sf-string accepted too: "…".
  const key = /^"(.*)"$/.exec(value)?.[1] ?? value;
  if (!/^[\x21-\x7e]{1,255}$/.test(key)) {
    throw new ApiError(400, 'invalid_request', 'Idempotency-Key must be 1–255 visible ASCII characters (a UUID is best).', { field: 'Idempotency-Key' });
  }
  return key;
}
