import { describe, expect, test } from 'vitest';
import { makeTask } from '../db/test-kit';
import type { PacedOutcome } from '../tasks/pacer';
import { reportOf } from './send-report';

const taken: PacedOutcome = { ok: true, task: makeTask() };
const refused: PacedOutcome = {
  ok: false,
  reason: 'rejected',
  task: makeTask({ status: 'rejected', taskId: undefined }),
  error: { code: 'insufficient_balance', message: 'no money' },
};

describe('the Generate status line', () => {
  test('green only when every settled send got a task_id', () => {
    expect(reportOf([taken], 1)).toEqual({ tone: 'ok', text: '1 of 1 accepted by MiniMax.' });
  });

  test('a refusal at once is never shown as a success', () => {
    expect(reportOf([refused], 1)).toEqual({ tone: 'warn', text: '1 of 1 not accepted: the queue says why.' });
    expect(reportOf([taken, refused], 3)?.tone).toBe('warn');
  });

  test('says nothing while no send has settled, nor for a cancelled one', () => {
    expect(reportOf([], 2)).toBeNull();
    expect(reportOf([{ ok: false, reason: 'cancelled' }], 2)).toBeNull();
  });
});
