// What a task cost: MiniMax's own `usage` once it has come, the estimate from the request until then; nothing for
// a task MiniMax never made (refused, cancelled, failed: not charged).
import { costFromUsage, estimateV2Cost, isV2Model, PRICE_UNKNOWN, type Cost } from '$contract';
import type { TaskRecord } from './types';
import { isV2Request } from './v2-request';

export type TaskCost = { kind: 'none' } | { kind: 'estimate' | 'usage'; cost: Cost };

const NOT_CHARGED: readonly TaskRecord['status'][] = ['rejected', 'Fail', 'queued'];

export function taskCost(task: Pick<TaskRecord, 'model' | 'request' | 'status' | 'usage'>): TaskCost {
  if (NOT_CHARGED.includes(task.status)) return { kind: 'none' };
  const request = task.request;
  if (!isV2Model(task.model) || !isV2Request(request)) return { kind: 'estimate', cost: PRICE_UNKNOWN };
  const resolution = request.resolution ?? '';
  if (task.usage) return { kind: 'usage', cost: costFromUsage(task.model, resolution, 'generation', task.usage) };
  const images = request.content.filter((item) => item.type === 'image_url').length;
  return { kind: 'estimate', cost: estimateV2Cost({ model: task.model, resolution, duration: request.duration ?? 0, images }) };
}
