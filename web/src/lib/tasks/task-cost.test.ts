import { describe, expect, it } from 'vitest';
import { spendTotals, taskCost } from './task-cost';

const request = { model: 'MiniMax-H3' as const, content: [{ type: 'text' as const, text: 'x' }], resolution: '2K' as const, duration: 5, ratio: '16:9' as const };

describe('taskCost', () => {
  it('estimates from the request until MiniMax reports usage, then uses the usage', () => {
    expect(taskCost({ model: 'MiniMax-H3', request, status: 'Processing' })).toEqual({
      kind: 'estimate',
      cost: { known: true, usd: 0.65, certainty: 'corroborated' },
    });
    expect(taskCost({ model: 'MiniMax-H3', request, status: 'Success', usage: { output_seconds: 6, input_image_count: 0 } })).toMatchObject({
      kind: 'usage',
      cost: { usd: 0.78 },
    });
  });

  it('charges nothing for a task MiniMax refused, cancelled or failed', () => {
    expect(taskCost({ model: 'MiniMax-H3', request, status: 'Fail' })).toEqual({ kind: 'none' });
    expect(taskCost({ model: 'MiniMax-H3', request, status: 'rejected' })).toEqual({ kind: 'none' });
  });

  it('says unknown for a Hailuo task', () => {
    expect(taskCost({ model: 'MiniMax-Hailuo-2.3', request: { model: 'MiniMax-Hailuo-2.3', prompt: 'x' }, status: 'Success' })).toEqual({
      kind: 'estimate',
      cost: { known: false },
    });
  });
});

describe('spendTotals', () => {
  it('adds finished tasks by local day, month and all time, counting unpriced ones apart', () => {
    const now = new Date(2026, 10, 30, 18, 0);
    const done = { model: 'MiniMax-H3', request, status: 'Success' as const, usage: { output_seconds: 5, input_image_count: 0 } };
    const totals = spendTotals(
      [
        { ...done, createdAt: new Date(2026, 10, 30, 9, 0).getTime() },
        { ...done, createdAt: new Date(2026, 10, 2, 9, 0).getTime() },
        { ...done, createdAt: new Date(2026, 9, 31, 9, 0).getTime() },
        { ...done, status: 'Fail' as const, createdAt: new Date(2026, 10, 30, 10, 0).getTime() },
        { model: 'MiniMax-Hailuo-02', request: { model: 'MiniMax-Hailuo-02', prompt: 'x' }, status: 'Success' as const, createdAt: new Date(2026, 10, 30, 11, 0).getTime() },
      ],
      now,
    );
    expect(totals).toEqual({ today: { usd: 0.65, unknown: 1 }, month: { usd: 1.3, unknown: 1 }, all: { usd: 1.95, unknown: 1 } });
  });
});
