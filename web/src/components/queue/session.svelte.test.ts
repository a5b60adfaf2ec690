import { describe, expect, it } from 'vitest';
import type { TaskRecord } from '../../lib/tasks/types';
import { SessionResults } from './session.svelte';

function made(id: string, status: TaskRecord['status'] = 'Success'): TaskRecord {
  return {
    id,
    request: { model: 'MiniMax-Hailuo-2.3', prompt: id },
    mode: 't2v',
    model: 'MiniMax-Hailuo-2.3',
    prompt: id,
    status,
    createdAt: 0,
    favourite: false,
    video: status === 'Success' ? { bytes: 10, chunks: 1, type: 'video/mp4', savedAt: 0 } : undefined,
  };
}

describe('"Just made": one player at a time', () => {
  it('the newest finished video is the one playing; a failure does not take its place; choosing another switches', () => {
    const results = new SessionResults();
    results.add(made('a'));
    results.add(made('b'));
    expect(results.playing).toBe('b');
    results.add(made('c', 'Fail'));
    expect(results.playing).toBe('b');
    results.play('a');
    expect(results.playing).toBe('a');
  });

  it('a video being watched is not interrupted by the next one to finish', () => {
    const results = new SessionResults();
    results.add(made('a'));
    results.watching = true;
    results.add(made('b'));
    expect(results.playing).toBe('a');
    results.watching = false;
    results.add(made('c'));
    expect(results.playing).toBe('c');
    results.watching = true;
    results.play('b');
    expect([results.playing, results.watching]).toEqual(['b', false]);
  });

  it('keeps the six newest, however many were made', () => {
    const results = new SessionResults();
    for (let i = 0; i < 28; i++) results.add(made(`v${i}`));
    expect(results.finished.map((t) => t.id)).toEqual(['v27', 'v26', 'v25', 'v24', 'v23', 'v22']);
  });
});
