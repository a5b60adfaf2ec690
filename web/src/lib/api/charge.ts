// Whether a paid create cost money, decided here and nowhere else. MiniMax's own word comes first (v1 `base_resp`,
// v2 error envelope, a task id), then the worker's `error.code`, and the HTTP status last: v1 may answer a refusal
// with HTTP 200 + base_resp, v2 answers real statuses, and a proxy's HTML page says nothing at all.
import { isErrorBody } from '$contract';

/** 'charged': MiniMax took the task. 'not': refused (by the worker or MiniMax), nothing made. 'maybe': nobody knows. */
export type Charge = 'charged' | 'not' | 'maybe';

/** Why no answer came: the network, our timeout, an abort, or the page closed while the create was out. */
export type NoAnswer = 'network' | 'timeout' | 'abort' | 'interrupted';

export type CreateAnswer = { status: number; body: unknown } | { none: NoAnswer };

/** MiniMax's "request timeout": it may have made the task anyway. */
const UPSTREAM_TIMEOUT = 1001;

/** The worker's codes for "MiniMax's answer never came, or could not be read". */
const NO_UPSTREAM_ANSWER = new Set(['upstream_timeout', 'upstream_unreadable', 'internal_error']);

// Stryker disable StringLiteral: these come at 4xx, which the status rule also reads as 'not'; listed to be read
/** The worker's codes for a create it refused before calling MiniMax. */
const REFUSED_BEFORE_UPSTREAM = new Set([
  'invalid_request',
  'unauthorized',
  'forbidden',
  'not_found',
  'method_not_allowed',
  'payload_too_large',
  'unsupported_media_type',
  // Stryker restore StringLiteral
  'no_key',
]);

interface Body {
  task_id?: unknown;
  base_resp?: { status_code?: unknown };
  type?: unknown;
  error?: { code?: unknown; type?: unknown; message?: unknown; http_code?: unknown };
}

export function chargeOf(answer: CreateAnswer): Charge {
  // Stryker disable next-line ConditionalExpression,StringLiteral: a no-answer has no status nor body, which the rules below also read as maybe
  if ('none' in answer) return 'maybe';
  const body = (typeof answer.body === 'object' && answer.body !== null ? answer.body : {}) as Body;
  const ours = String(body.error?.code);
  if (NO_UPSTREAM_ANSWER.has(ours)) return 'maybe';
  if (REFUSED_BEFORE_UPSTREAM.has(ours)) return 'not';
  const statusCode = body.base_resp?.status_code;
  if (typeof statusCode === 'number') {
    if (statusCode === 0) return hasTaskId(body) ? 'charged' : 'maybe';
    return statusCode === UPSTREAM_TIMEOUT ? 'maybe' : 'not';
  }
  // Stryker disable next-line OptionalChaining: isV2Error has checked that body.error is an object
  if (isV2Error(body)) return v2Code(body) === UPSTREAM_TIMEOUT || ['408', '504'].includes(String(body.error?.http_code)) ? 'maybe' : 'not';
  if (answer.status >= 200 && answer.status < 300) return hasTaskId(body) ? 'charged' : 'maybe';
  if (!isErrorBody(answer.body) || answer.status >= 500) return 'maybe';
  return 'not';
}

function hasTaskId(body: Body): boolean {
  return typeof body.task_id === 'string' && /^\d+$/.test(body.task_id);
}

function isV2Error(body: Body): boolean {
  return body.type === 'error' && typeof body.error?.type === 'string';
}

/** v2 puts MiniMax's numeric code at the end of the message: "rate limit, please retry later (1002)". */
export function v2Code(body: { error?: { message?: unknown } } | undefined): number | undefined {
  const message = body?.error?.message;
  const match = typeof message === 'string' ? /\((\d{4})\)\s*$/.exec(message) : null;
  return match ? Number(match[1]) : undefined;
}
