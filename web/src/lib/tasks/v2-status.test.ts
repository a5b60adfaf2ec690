import { describe, expect, it } from 'vitest';
import { CANCELLED, EXPIRED, v2QueryResult, v2StatusOf } from './v2-status';

const base = { id: '424010985738629', model: 'MiniMax-H3', resolution: '2K', duration: 5, task_type: 'generation' };

describe('v2 statuses in the studio lifecycle', () => {
  it('maps queued and running to live statuses, and an unknown one to still running', () => {
    expect(v2StatusOf('queued')).toBe('Queueing');
    expect(v2StatusOf('running')).toBe('Processing');
    expect(v2StatusOf('rendering')).toBe('Processing');
  });

  it('ends a succeeded task with its video fetched by task id and the usage kept', () => {
    const usage = { total_seconds: 5, output_seconds: 5, input_image_count: 1 };
    const result = v2QueryResult({ ...base, status: 'succeeded', content: { url: '/api/v2/video_generation/424010985738629/content?t=x' }, usage });
    expect(result).toMatchObject({ status: 'Success', file_id: '424010985738629', patch: { usage } });
    expect(result.error).toBeUndefined();
  });

  it('keeps asking while a success has no link yet, and stores no empty usage', () => {
    const result = v2QueryResult({ ...base, status: 'succeeded', usage: {} });
    expect(result.file_id).toBeUndefined();
    expect(result.patch).toEqual({});
  });

  it('fails with MiniMax reason, and counts cancelled (free) and the old expired as failures', () => {
    const failed = v2QueryResult({ ...base, status: 'failed', error: { code: '1026', message: 'video description contains sensitive content' } });
    expect(failed).toMatchObject({ status: 'Fail', error: { code: 'minimax_1026', message: 'MiniMax could not make this video: video description contains sensitive content' } });
    expect(v2QueryResult({ ...base, status: 'cancelled' })).toMatchObject({ status: 'Fail', error: CANCELLED });
    expect(CANCELLED.message).toMatch(/nothing was charged/);
    expect(v2QueryResult({ ...base, status: 'expired' })).toMatchObject({ status: 'Fail', error: EXPIRED });
  });
});
