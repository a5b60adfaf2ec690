// The shape of a generation as the SPA keeps it (IndexedDB row) and shows it.
import type { V2Usage } from '$contract';
import type { StudioRequest, TaskMode } from './v2-request';

/** MiniMax's own statuses (§4.2), exact spelling. Terminal: Success | Fail. */
export type UpstreamStatus = 'Preparing' | 'Queueing' | 'Processing' | 'Success' | 'Fail';

/**
 * Local lifecycle around MiniMax's statuses:
 * - `queued`: accepted by the studio and written down, waiting for its paced slot; not sent yet, so nothing is
 *   charged. Survives a reload: the next start sends it in its turn. Any tab may write one; only the leader tab sends.
 * - `submitting`: row written, create request in flight (never shown as "submitted"). A row with an
 *   `idempotencyKey` whose answer never came (reload, offline) goes back to `queued` and is sent again with the same
 *   key: the worker answers a repeated key with the first answer, so it is never charged twice.
 * - `uncertain`: the create may have reached MiniMax and sending it again could be charged twice (an answer saying
 *   MiniMax timed out, or a row sent without a key). Never re-sent automatically. The user may retry by hand.
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
  /** sent as `Idempotency-Key` with every create of this row (a UUID written before the first send) */
  idempotencyKey?: string;
  /** why a `queued` row waits besides its turn: no connection (it was sent and no answer came), or MiniMax's rate limit */
  waitingFor?: 'connection' | 'rate_limit';
  /** how many times MiniMax's rate limit refused this row's create (it stops and asks after a few) */
  rateLimited?: number;
  /** added by its task id by hand ("Add an existing task"): the request is not known */
  addedById?: boolean;
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
  /** v2, on a remaster: the seconds it renders (the source's length), for its price before MiniMax's usage */
  sourceSeconds?: number;
  /** v2: the local id of this video's latest remaster at 2K */
  remasterId?: string;
  lastCheckedAt?: number;
  batchId?: string;
  /**
   * The user put this row away without retrying or deleting it (the way out of `uncertain`): it leaves the live
   * queue and stays in the history as it is.
   */
  dismissed?: boolean;
}

/** Rate-limit refusals of one row after which it stops and waits for the user instead of being sent again. */
export const MAX_RATE_LIMITED = 5;

export const LIVE_STATUSES: readonly TaskStatus[] = ['Preparing', 'Queueing', 'Processing'];

export function isLive(task: Pick<TaskRecord, 'status' | 'taskId'>): boolean {
  return !!task.taskId && LIVE_STATUSES.includes(task.status);
}
