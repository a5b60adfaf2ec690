// One check for a task's request, v1 or v2, before anything is sent. Its own module: the contract's validators
// are not needed to draw the first screen, so they arrive with the first check.
import { validateV2Create, validateV2Regeneration, validateVideoRequest } from '$contract';
import type { V2Body } from '../api/v2';
import { hasBaseVideo, isV2Request, type RequestIssue, type StudioRequest, type TaskMode } from './v2-request';

export type RequestValidation = { ok: true; value: StudioRequest; mode: TaskMode } | { ok: false; issue: RequestIssue };

export function validateStudioRequest(request: StudioRequest): RequestValidation {
  if (!isV2Request(request)) return validateVideoRequest(request);
  const result = hasBaseVideo(request) ? validateV2Regeneration(request) : validateV2Create(request);
  if (!result.ok) return result;
  const { summary } = result;
  return { ok: true, value: result.value as unknown as V2Body, mode: summary.mode };
}
