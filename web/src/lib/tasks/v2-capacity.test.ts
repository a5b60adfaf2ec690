import { describe, expect, it } from 'vitest';
import { V2_RATE_LIMITS } from '$contract';
import type { TaskRecord } from './types';
import { heldForPlace, v2OnMiniMax, waitsForV2Place } from './v2-capacity';

type Row = Pick<TaskRecord, 'model' | 'status' | 'taskId'>;
const h3 = (status: TaskRecord['status'], taskId: string | null = '1'): Row => ({ model: 'MiniMax-H3', status, ...(taskId ? { taskId } : {}) });
const cap = V2_RATE_LIMITS.tasksInFlight;

describe('the MiniMax-H3 in-flight cap, as the queue reads it', () => {
  it('counts H3 tasks MiniMax is working on: not Hailuo ones, not unsent, refused, uncertain or finished rows', () => {
    const rows: Row[] = [
      h3('Preparing'),
      h3('Queueing'),
      { model: 'MiniMax-H3-Max', status: 'Processing', taskId: '2' },
      h3('Processing', null),
      h3('queued', null),
      h3('submitting', null),
      h3('uncertain'),
      h3('rejected'),
      h3('Success'),
      h3('Fail'),
      { model: 'MiniMax-Hailuo-2.3', status: 'Processing', taskId: '3' },
    ];
    expect(v2OnMiniMax(rows)).toBe(3);
  });

  it(`holds an H3 send at ${cap} on MiniMax, not at one fewer, and never a Hailuo send`, () => {
    const full = Array.from({ length: cap }, () => h3('Processing'));
    expect(waitsForV2Place('MiniMax-H3', full)).toBe(true);
    expect(waitsForV2Place('MiniMax-H3-Max', full)).toBe(true);
    expect(waitsForV2Place('MiniMax-H3', full.slice(1))).toBe(false);
    expect(waitsForV2Place('MiniMax-Hailuo-2.3', full)).toBe(false);
  });

  it('names the first waiting H3 send as the one held, past Hailuo sends ahead of it', () => {
    const full = Array.from({ length: cap }, () => h3('Processing'));
    const pending = [
      { key: 'hailuo', request: { model: 'MiniMax-Hailuo-2.3' } },
      { key: 'h3-a', request: { model: 'MiniMax-H3' } },
      { key: 'h3-b', request: { model: 'MiniMax-H3' } },
    ];
    expect(heldForPlace(pending, full)).toBe('h3-a');
    expect(heldForPlace(pending, full.slice(1))).toBeNull();
    expect(heldForPlace([], full)).toBeNull();
  });
});
