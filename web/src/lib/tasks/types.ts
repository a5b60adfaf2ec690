// The shape of a generation as the SPA keeps it (IndexedDB row) and shows it.
import type { V2Usage } from '$contract';
import type { StudioRequest, TaskMode } from './v2-request';

/** MiniMax's own statuses (§4.2), exact spelling. Terminal: Success | Fail. */
export type UpstreamStatus = 'Preparing' | 'Queueing' | 'Processing' | 'Success' | 'Fail';

/**
 * Local lifecycle around MiniMax's statuses:
 * - `queued`: accepted by the studio and written down, waiting for its paced slot; not sent yet, so nothing is
 *   charged. Survives a reload: the next start sends it in its turn. Any tab may write one; only the leader tab sends.
 * - `submitting`: row written, create request in flight (never shown as "submitted").
 * - `uncertain`: the create may have reached MiniMax but no answer came (network drop, reload mid-request).
 *   Never re-sent automatically: it could be charged twice. The user may retry by hand.
 * - `rejected`: the worker or MiniMax refused the create (nothing charged); `error` says why.
 */
export type TaskStatus = 'queued' | 'submitting' | 'uncertain' | 'rejected' | UpstreamStatus;

export interface TaskError {
  code: string;
  message: string;
  field?: string;
  rule?: string;
}

export interface StoredVideo {
  bytes: number;
  chunks: number;
  type: string;
  savedAt: number;
}

export interface TaskRecord {
  /** local id (primary key), a UUID made before anything is sent */
  id: string;
  /** MiniMax's task_id, a digit string */
  taskId?: string;
  /** the exact body sent: to POST /api/v1/video_generation, or /api/v2/video_generation for the MiniMax-H3 family */
  request: StudioRequest;
  mode: TaskMode;
  model: string;
  prompt: string;
  status: TaskStatus;
  createdAt: number;
  /** when the create left this browser (the paced slot it used): the pace counts these across reloads and tabs */
  sentAt?: number;
  submittedAt?: number;
  finishedAt?: number;
  /** MiniMax's file_id, kept as a string (int64); for a v2 task its task id (its video is fetched by task). Never a CDN URL. */
  fileId?: string;
  videoWidth?: number;
  videoHeight?: number;
  /** present once the bytes are in IndexedDB */
  video?: StoredVideo;
  error?: TaskError;
  favourite: boolean;
  /** v2: what MiniMax reports it used (seconds, images), once finished; prices the task */
  usage?: V2Usage;
  /** v2: the local id of the task this one remasters */
  sourceId?: string;
  lastCheckedAt?: number;
  batchId?: string;
  /**
   * The user put this row away without retrying or deleting it (the way out of `uncertain`): it leaves the live
   * queue and stays in the history as it is.
   */
  dismissed?: boolean;
}

export const LIVE_STATUSES: readonly TaskStatus[] = ['Preparing', 'Queueing', 'Processing'];

export function isLive(task: Pick<TaskRecord, 'status' | 'taskId'>): boolean {
  return !!task.taskId && LIVE_STATUSES.includes(task.status);
}
