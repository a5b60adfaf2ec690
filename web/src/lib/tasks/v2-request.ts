// A task's request is a v1 body (Hailuo models) or a v2 body (MiniMax-H3 family): one send for both (one check:
// request-validation.ts, a chunk of its own).
import { isV2Model, type Mode, type V2Issue, type V2Mode, type ValidationIssue, type VideoRequest } from '$contract';
import type { ApiClient } from '../api/client';
import type { V2Body } from '../api/v2';

export type StudioRequest = VideoRequest | V2Body;
export type TaskMode = Mode | V2Mode;
export type RequestIssue = ValidationIssue | V2Issue;

export function isV2Request(request: StudioRequest): request is V2Body {
  return isV2Model(request.model);
}

/** A remaster (regeneration) carries the video it re-renders; it has its own endpoint. */
export function hasBaseVideo(request: V2Body): boolean {
  return request.content.some((item) => item.type === 'video_url' && item.role === 'base_video');
}

/** Sends a create on the API its model belongs to, with the row's Idempotency-Key (a resend is then charged once). */
export async function createFor(api: Pick<ApiClient, 'createTask'> & Partial<Pick<ApiClient, 'v2'>>, request: StudioRequest, idempotencyKey?: string): Promise<string> {
  if (!isV2Request(request)) return (await api.createTask(request, idempotencyKey)).task_id;
  if (!api.v2) throw new Error('This client cannot send MiniMax-H3 videos.');
  const send = hasBaseVideo(request) ? api.v2.regenerate : api.v2.create;
  return (await send(request, idempotencyKey)).task_id;
}

export function promptOf(request: StudioRequest): string {
  if (!isV2Request(request)) return request.prompt ?? '';
  const text = request.content.find((item) => item.type === 'text');
  return text?.type === 'text' ? text.text : '';
}
