// The poller's two calls, for a v1 (Hailuo) or a v2 (MiniMax-H3 family) task: the same answer shape for both.
import { isV2Model } from '$contract';
import type { ApiClient, QueryResult, VideoStream } from '../api/client';
import type { TaskError, TaskRecord } from './types';
import { v2QueryResult } from './v2-status';

export type PollApi = Pick<ApiClient, 'queryTask' | 'videoStream'> & Partial<Pick<ApiClient, 'v2'>>;

export type PollResult = QueryResult & { error?: TaskError; patch?: Partial<Omit<TaskRecord, 'id'>> };

function v2Of(api: PollApi): NonNullable<PollApi['v2']> {
  if (!api.v2) throw new Error('This client cannot follow MiniMax-H3 videos.');
  return api.v2;
}

export async function pollOnce(api: PollApi, model: string, taskId: string): Promise<PollResult> {
  if (!isV2Model(model)) return api.queryTask(taskId);
  return v2QueryResult(await v2Of(api).query(taskId));
}

export function streamOnce(api: PollApi, model: string, fileId: string): Promise<VideoStream> {
  return isV2Model(model) ? v2Of(api).videoStream(fileId) : api.videoStream(fileId);
}
