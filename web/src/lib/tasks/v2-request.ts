// A task's request is a v1 body (Hailuo models) or a v2 body (MiniMax-H3 family): one check and one send for both.
import { isV2Model, validateV2Create, validateVideoRequest, type Mode, type V2Issue, type V2Mode, type ValidationIssue, type VideoRequest } from '$contract';
import type { ApiClient } from '../api/client';
import type { V2Body } from '../api/v2';

export type StudioRequest = VideoRequest | V2Body;
export type TaskMode = Mode | V2Mode;
export type RequestIssue = ValidationIssue | V2Issue;

export type RequestValidation = { ok: true; value: StudioRequest; mode: TaskMode } | { ok: false; issue: RequestIssue };

export function isV2Request(request: StudioRequest): request is V2Body {
  return isV2Model(request.model);
}

export function validateStudioRequest(request: StudioRequest): RequestValidation {
  if (!isV2Request(request)) return validateVideoRequest(request);
  const result = validateV2Create(request);
  if (!result.ok) return result;
  const { summary } = result;
  return { ok: true, value: result.value as unknown as V2Body, mode: summary.mode };
}

/** The create call for either API; answers MiniMax's task id. */
/** Sends a create on the API its model belongs to, with the row's Idempotency-Key (a resend is then charged once). */
export async function createFor(api: Pick<ApiClient, 'createTask'> & Partial<Pick<ApiClient, 'v2'>>, request: StudioRequest, idempotencyKey?: string): Promise<string> {
  if (!isV2Request(request)) return (await api.createTask(request, idempotencyKey)).task_id;
  if (!api.v2) throw new Error('This client cannot send MiniMax-H3 videos.');
  return (await api.v2.create(request, idempotencyKey)).task_id;
}

export function promptOf(request: StudioRequest): string {
  if (!isV2Request(request)) return request.prompt ?? '';
  const text = request.content.find((item) => item.type === 'text');
  return text?.type === 'text' ? text.text : '';
}
