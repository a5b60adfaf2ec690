// A task row read from outside (an imported file), checked field by field: what comes back is a TaskRecord built
// from checked values only, never the untrusted object itself. Unknown keys are dropped.
import { validateVideoRequest, type V2Usage } from '$contract';
import type { StoredVideo, TaskError, TaskRecord, TaskStatus } from '../tasks/types';

const STATUSES: readonly TaskStatus[] = ['queued', 'submitting', 'uncertain', 'rejected', 'Preparing', 'Queueing', 'Processing', 'Success', 'Fail'];
const MAX_ID_CHARS = 200;
const MAX_TEXT_CHARS = 10_000;

export class TaskShapeError extends Error {
  override readonly name = 'TaskShapeError';
}

type Fields = Record<string, unknown>;

function fail(field: string): never {
  throw new TaskShapeError(`field "${field}" is missing or of the wrong kind`);
}

function objectOf(value: unknown, field: string): Fields {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) fail(field);
  return value as Fields;
}

function text(o: Fields, key: string, max = MAX_TEXT_CHARS): string {
  const value = o[key];
  if (typeof value !== 'string' || value.length > max) fail(key);
  return value;
}

function time(o: Fields, key: string): number {
  const value = o[key];
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) fail(key);
  return value;
}

function count(o: Fields, key: string, min: number): number {
  const value = o[key];
  if (!Number.isSafeInteger(value) || (value as number) < min) fail(key);
  return value as number;
}

function digits(o: Fields, key: string): string {
  const value = text(o, key, 40);
  if (!/^\d+$/.test(value)) fail(key);
  return value;
}

/** `read` applied to o[key] when the key is present (undefined counts as absent). */
function optional<T>(o: Fields, key: string, read: (o: Fields, key: string) => T): { [k: string]: T } {
  return o[key] === undefined ? {} : { [key]: read(o, key) };
}

function flag(o: Fields, key: string): boolean {
  if (typeof o[key] !== 'boolean') fail(key);
  return o[key] as boolean;
}

/** A number MiniMax or the studio counted: finite and not negative (seconds may have a fraction). */
function amount(o: Fields, key: string): number {
  return time(o, key);
}

const USAGE_KEYS = ['output_seconds', 'input_seconds', 'input_image_count', 'image_count', 'prompt_tokens', 'completion_tokens'] as const;

/** MiniMax's v2 `usage`: only its known counts, each checked. */
function usage(o: Fields, key: string): V2Usage {
  const u = objectOf(o[key], key);
  return Object.assign({}, ...USAGE_KEYS.map((k) => optional(u, k, amount))) as V2Usage;
}

function waitingFor(o: Fields, key: string): NonNullable<TaskRecord['waitingFor']> {
  const value = o[key];
  if (value !== 'connection' && value !== 'rate_limit') fail(key);
  return value;
}

function video(o: Fields, key: string): StoredVideo {
  const v = objectOf(o[key], key);
  return { bytes: count(v, 'bytes', 1), chunks: count(v, 'chunks', 1), type: text(v, 'type', 100), savedAt: time(v, 'savedAt') };
}

function taskError(o: Fields, key: string): TaskError {
  const e = objectOf(o[key], key);
  return { code: text(e, 'code', 100), message: text(e, 'message'), ...optional(e, 'field', text), ...optional(e, 'rule', text) };
}

/** The row, or TaskShapeError naming the first field that is wrong. */
export function parseTaskRecord(value: unknown): TaskRecord {
  const o = objectOf(value, 'task');
  const validation = validateVideoRequest(o.request);
  if (!validation.ok) throw new TaskShapeError(`field "request" is not a valid request: ${validation.issue.message}`);
  const status = o.status;
  if (!STATUSES.includes(status as TaskStatus)) fail('status');
  const id = text(o, 'id', MAX_ID_CHARS);
  if (id === '') fail('id');
  const model = text(o, 'model', 100);
  if (model !== validation.value.model) fail('model');
  return {
    id,
    request: validation.value,
    mode: validation.mode,
    model,
    prompt: text(o, 'prompt'),
    status: status as TaskStatus,
    createdAt: time(o, 'createdAt'),
    favourite: flag(o, 'favourite'),
    ...optional(o, 'taskId', digits),
    ...optional(o, 'fileId', digits),
    ...optional(o, 'sentAt', time),
    ...optional(o, 'submittedAt', time),
    ...optional(o, 'finishedAt', time),
    ...optional(o, 'lastCheckedAt', time),
    ...optional(o, 'videoWidth', (f, k) => count(f, k, 1)),
    ...optional(o, 'videoHeight', (f, k) => count(f, k, 1)),
    ...optional(o, 'video', video),
    ...optional(o, 'error', taskError),
    ...optional(o, 'batchId', (f, k) => text(f, k, MAX_ID_CHARS)),
    ...optional(o, 'dismissed', flag),
    // kept so an imported row that is sent again is sent with the key it was first sent with (never charged twice)
    ...optional(o, 'idempotencyKey', (f, k) => text(f, k, MAX_ID_CHARS)),
    ...optional(o, 'waitingFor', waitingFor),
    ...optional(o, 'rateLimited', (f, k) => count(f, k, 0)),
    ...optional(o, 'addedById', flag),
    ...optional(o, 'usage', usage),
    ...optional(o, 'sourceId', (f, k) => text(f, k, MAX_ID_CHARS)),
    ...optional(o, 'sourceSeconds', amount),
    ...optional(o, 'remasterId', (f, k) => text(f, k, MAX_ID_CHARS)),
  } as TaskRecord;
}
