import { validateStudioRequest } from './request-validation';
import { promptOf, type RequestIssue, type StudioRequest } from './v2-request';
import type { TaskRecord } from './types';

export type QueuedRows =
  | { ok: true; rows: TaskRecord[] }
  /** request `index` is invalid: no rows */
  | { ok: false; index: number; issue: RequestIssue };

/**
 * The `queued` rows for `requests`, all validated first (no rows if one is invalid). `nextCreatedAt` must be
 * strictly increasing, so a batch keeps its order in the `status` index across reloads.
 */
export function queuedRows(
  requests: readonly StudioRequest[],
  batchId: string | undefined,
  stamp: { newId: () => string; nextCreatedAt: () => number },
): QueuedRows {
  const valid = [];
  for (const [index, request] of requests.entries()) {
    const validation = validateStudioRequest(request);
    if (!validation.ok) return { ok: false, index, issue: validation.issue };
    valid.push(validation);
  }
  const rows = valid.map(({ value, mode }): TaskRecord => {
    const createdAt = stamp.nextCreatedAt();
    return {
      id: stamp.newId(),
      idempotencyKey: stamp.newId(),
      request: value,
      mode,
      model: value.model,
      prompt: promptOf(value),
      status: 'queued',
      createdAt,
      favourite: false,
      ...(batchId !== undefined ? { batchId } : {}),
    };
  });
  return { ok: true, rows };
}
