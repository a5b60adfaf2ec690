// What a task cost: MiniMax's own `usage` once it has come, the estimate from the request until then; nothing for
// a task MiniMax never made (refused, cancelled, failed: not charged).
import { costFromUsage, estimateV2Cost, isV2Model, PRICE_UNKNOWN, totalCost, type Cost, type CostTotals } from '$contract';
import { isRegeneration } from './remaster';
import type { TaskRecord } from './types';
import { isV2Request } from './v2-request';

export type TaskCost = { kind: 'none' } | { kind: 'estimate' | 'usage'; cost: Cost };

const NOT_CHARGED: readonly TaskRecord['status'][] = ['rejected', 'Fail', 'queued'];

export function taskCost(task: Pick<TaskRecord, 'model' | 'request' | 'status' | 'usage'> & Partial<Pick<TaskRecord, 'sourceSeconds'>>): TaskCost {
  if (NOT_CHARGED.includes(task.status)) return { kind: 'none' };
  const request = task.request;
  if (!isV2Model(task.model) || !isV2Request(request)) return { kind: 'estimate', cost: PRICE_UNKNOWN };
  const resolution = request.resolution ?? '';
  if (isRegeneration(request)) {
    if (task.usage) return { kind: 'usage', cost: costFromUsage(task.model, resolution, 'regeneration', task.usage) };
    if (task.sourceSeconds === undefined) return { kind: 'estimate', cost: PRICE_UNKNOWN };
    return { kind: 'estimate', cost: estimateV2Cost({ model: task.model, resolution, duration: task.sourceSeconds, regeneration: true }) };
  }
  if (task.usage) return { kind: 'usage', cost: costFromUsage(task.model, resolution, 'generation', task.usage) };
  const images = request.content.filter((item) => item.type === 'image_url').length;
  return { kind: 'estimate', cost: estimateV2Cost({ model: task.model, resolution, duration: request.duration ?? 0, images }) };
}

export interface SpendTotals {
  today: CostTotals;
  month: CostTotals;
  all: CostTotals;
}

/** What finished tasks cost, for today, this calendar month and all time (local time), unknown ones counted apart. */
export function spendTotals(tasks: readonly (Pick<TaskRecord, 'model' | 'request' | 'status' | 'usage' | 'createdAt'> & Partial<Pick<TaskRecord, 'sourceSeconds'>>)[], now: Date): SpendTotals {
  const dayStart = new Date(now.getFullYear(), now.getMonth(), now.getDate()).getTime();
  const monthStart = new Date(now.getFullYear(), now.getMonth(), 1).getTime();
  const costs = tasks
    .filter((task) => task.status === 'Success')
    .map((task) => ({ at: task.createdAt, cost: costOf(taskCost(task)) }));
  return {
    today: totalCost(costs.filter((c) => c.at >= dayStart).map((c) => c.cost)),
    month: totalCost(costs.filter((c) => c.at >= monthStart).map((c) => c.cost)),
    all: totalCost(costs.map((c) => c.cost)),
  };
}

function costOf(cost: TaskCost): Cost {
  return cost.kind === 'none' ? { known: true, usd: 0, certainty: 'corroborated' } : cost.cost;
}
