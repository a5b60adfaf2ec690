import { describe, expect, it } from 'vitest';
import { makeTask } from '../db/test-kit';
import { DurationBook } from './estimate';
import type { TaskRecord } from './types';

const took = (seconds: number, overrides: Partial<TaskRecord> = {}): TaskRecord =>
  makeTask({ status: 'Success', submittedAt: 1_000, finishedAt: 1_000 + seconds * 1000, ...overrides });

describe('DurationBook', () => {
  it('estimates the median of finished tasks of the same model, resolution and duration', () => {
    const book = new DurationBook();
    for (const s of [100, 300, 200]) book.add(took(s));
    expect(book.estimate(took(0))).toBe(200);
    expect(book.estimate(took(0, { request: { model: 'MiniMax-Hailuo-2.3', prompt: 'a cat', duration: 10, resolution: '768P' } }))).toBeNull();
    book.add(makeTask({ status: 'Fail', submittedAt: 1, finishedAt: 5_000 })); // only successes count
    expect(book.estimate(took(0))).toBe(200);
  });

  it('counts a task once, whether it finished here or came with the stored history', () => {
    const book = new DurationBook();
    const fast = took(100);
    book.add(fast);
    book.addEarlier([took(400), took(400), fast]);
    expect(book.estimate(fast)).toBe(400); // [400, 400, 100], not [400, 400, 100, 100]
  });

  it('keeps the latest of each kind: the stored history goes before what finished since', () => {
    const book = new DurationBook(3);
    book.add(took(10));
    book.add(took(20));
    book.addEarlier([took(500), took(600), took(700)]);
    // [500, 600, 700, 10, 20] keeps its last 3: [700, 10, 20]
    expect(book.estimate(took(0))).toBe(20);
    book.add(took(30));
    expect(book.estimate(took(0))).toBe(20); // [10, 20, 30]
  });
});
