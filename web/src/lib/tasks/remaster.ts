// "Remaster at 2K": a finished 768P MiniMax-H3 video re-rendered at 2K by MiniMax's regeneration. The new task's
// body is the source's own inputs (with the prompt it was made with) plus the source video as `base_video`, sent
// as a link of the worker (which swaps it for MiniMax's fresh link after checking the caller owns that task).
import { estimateV2Cost, PRICE_UNKNOWN, type Cost } from '$contract';
import type { V2Body, V2ContentItem } from '../api/v2';
import type { TaskRecord } from './types';
import { isV2Request, type StudioRequest } from './v2-request';

export function isRegeneration(request: StudioRequest): boolean {
  return isV2Request(request) && request.content.some((item) => item.type === 'video_url' && item.role === 'base_video');
}

/** Only a finished, stored 768P MiniMax-H3 generation (not itself a remaster) can be remastered. */
export function canRemaster(task: Pick<TaskRecord, 'model' | 'request' | 'status' | 'video' | 'taskId'>): boolean {
  const request = task.request;
  return (
    task.model === 'MiniMax-H3' &&
    task.status === 'Success' &&
    !!task.video &&
    !!task.taskId &&
    isV2Request(request) &&
    request.resolution === '768P' &&
    !isRegeneration(request)
  );
}

/** The regeneration body for `source`, whose video the worker serves at `baseVideoUrl`. */
export function remasterRequest(source: Pick<TaskRecord, 'request'>, baseVideoUrl: string): V2Body {
  if (!isV2Request(source.request)) throw new Error('Only MiniMax-H3 videos can be remastered.');
  const inputs = source.request.content.filter((item) => item.type === 'text' || item.role !== 'base_video');
  const base: V2ContentItem = { type: 'video_url', video_url: { url: baseVideoUrl }, role: 'base_video' };
  const body: V2Body = { model: 'MiniMax-H3', content: [...inputs, base], resolution: '2K' };
  if (source.request.aigc_watermark !== undefined) body.aigc_watermark = source.request.aigc_watermark;
  return body;
}

/** The seconds a remaster renders: the source's own length (MiniMax's usage when known, else what was asked). */
export function remasterSeconds(source: Pick<TaskRecord, 'request' | 'usage'>): number | undefined {
  const asked = isV2Request(source.request) ? source.request.duration : undefined;
  return source.usage?.output_seconds ?? asked;
}

/** The price shown before confirming a remaster. */
export function remasterCost(source: Pick<TaskRecord, 'request' | 'usage'>): Cost {
  const seconds = remasterSeconds(source);
  if (seconds === undefined) return PRICE_UNKNOWN;
  return estimateV2Cost({ model: 'MiniMax-H3', resolution: '2K', duration: seconds, regeneration: true });
}
