// The v2 (MiniMax-H3) routes: create (generation, Context-IR, regeneration), query, list, delete.
// Errors are v2's real-status JSON (errors.ts); the caller's key scopes every task.

import { pseudoRandomSource, type ByteSource } from '../bytes';
import { readDirectives } from '../directives';
import type { LinkSigner } from '../signing';
import { INVALID_TASK_ID, v2Error, v2Invalid, v2Json, v2Message } from './errors';
import { expandedPrompt, irUsage, videoUsage } from './outputs';
import { checkBaseVideo } from './regeneration';
import { checkV2Body, type Endpoint, type V2Request } from './rules';
import { h3FrameCount, V2_FRAME_SIZES } from './sizes';
import { statusAt, updatedAtSeconds, V2_STATUSES, V2_TASK_TYPES, V2TaskStore, type V2Task, type V2TaskType } from './tasks';

export interface V2Options {
  keys: string[];
  now: () => number;
  stagesMs: { preparing: number; queueing: number; processing: number };
  signer: LinkSigner;
  /** origin of content.url (the simulated CDN) */
  origin: string;
  linkTtlSeconds: number;
  /** the bytes of an H3 output of this size */
  video: (size: { width: number; height: number; frames: number }) => ByteSource;
  /** creates per key and minute (all three create endpoints together) */
  rpm: number;
  /** queued + running tasks per key */
  inFlight: number;
}

export const MAX_BODY_BYTES = 64 * 1024 * 1024;
export const MAX_PAGE_SIZE = 100;
const DEFAULT_PAGE_SIZE = 10;
const LOGIN_FAIL = "login fail: Please carry the API secret key in the 'Authorization' field of the request header";
const CDN_PATH = /^\/cdn\/inference_output\/(\d+)\/output\.mp4$/;

export function createV2Api(options: V2Options) {
  const tasks = new V2TaskStore();
  const creates = new Map<string, number[]>();

  function authorize(request: Request): { key: string } | { error: Response } {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(request.headers.get('authorization') ?? '');
    if (!match) return { error: v2Error(1004, LOGIN_FAIL) };
    if (!options.keys.includes(match[1])) return { error: v2Error(2049) };
    return { key: match[1] };
  }

  function admit(key: string): boolean {
    const at = options.now();
    const window = (creates.get(key) ?? []).filter((t) => at - t < 60_000);
    creates.set(key, window);
    if (window.length >= options.rpm) return false;
    window.push(at);
    return true;
  }

  async function create(request: Request, bodyText: Promise<string>, endpoint: Endpoint): Promise<Response> {
    const auth = authorize(request);
    if ('error' in auth) return auth.error;
    if (!admit(auth.key)) return v2Error(1002);
    if (!/^application\/json\s*(;|$)/i.test(request.headers.get('content-type') ?? '')) {
      return v2Invalid('invalid params, Content-Type must be application/json');
    }
    const text = await bodyText;
    if (utf8Length(text) > MAX_BODY_BYTES) {
      return v2Error(2013, 'invalid params, request body exceeds 64 MB', { status: 413, type: 'request_too_large_error' });
    }
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      return v2Invalid('invalid params, request body is not valid JSON');
    }
    const checked = checkV2Body(body, endpoint);
    if (typeof checked === 'string') return v2Invalid(checked);
    const now = options.now();
    let base: { ratio: string; frames: number; duration: number } | undefined;
    if (endpoint === 'regeneration') {
      const found = checkBaseVideo(checked.baseVideo!, { tasks, owner: auth.key, nowMs: now, origin: options.origin });
      if (typeof found === 'string') return v2Invalid(found);
      base = found;
    }
    if (tasks.inFlight(auth.key, now) >= options.inFlight) return v2Error(1002, 'rate limit, too many tasks in progress, please retry later');
    const directives = readDirectives(checked.text);
    if (directives.error !== undefined) return v2Error(directives.error);

    const processing = options.stagesMs.processing * (directives.slow ? 10 : 1);
    const common = {
      owner: auth.key,
      model: checked.model,
      createdAt: now,
      stagesMs: { queued: options.stagesMs.preparing + options.stagesMs.queueing, running: processing },
      ...(directives.fail !== undefined ? { failCode: directives.fail } : {}),
    };
    const sourceOf = (size: { width: number; height: number; frames: number }) =>
      directives.bytes !== undefined ? pseudoRandomSource(directives.bytes) : options.video(size);
    let task: V2Task;
    if (endpoint === 'context_ir') {
      const ratio = typeof (body as { ratio?: unknown }).ratio === 'string' ? ((body as { ratio: string }).ratio) : '';
      const prompt = expandedPrompt(checked, ratio);
      task = tasks.add({ ...common, taskType: 'h3_context_ir', resolution: '', duration: checked.duration, ratio, prompt, usage: irUsage(checked.text, prompt) });
    } else if (endpoint === 'regeneration') {
      const size = { ...V2_FRAME_SIZES['2K'][base!.ratio as keyof (typeof V2_FRAME_SIZES)['2K']], frames: base!.frames };
      const output = { ...size, source: sourceOf(size) };
      const usage = videoUsage(checked, size, base!.duration);
      task = tasks.add({ ...common, taskType: 'regeneration', resolution: '2K', duration: base!.duration, ratio: '', output, usage });
    } else {
      task = tasks.add({ ...common, taskType: 'generation', ...generationOutput(checked, sourceOf) });
    }
    return v2Json({ task_id: task.id });
  }

  function generationOutput(request: V2Request, sourceOf: (size: { width: number; height: number; frames: number }) => ByteSource) {
    const size = { ...V2_FRAME_SIZES[request.resolution][request.ratio], frames: h3FrameCount(request.duration) };
    return {
      resolution: request.resolution,
      duration: request.duration,
      ratio: request.ratio,
      output: { ...size, source: sourceOf(size) },
      usage: videoUsage(request, size, request.duration),
    };
  }

  async function taskView(task: V2Task, now: number, inList: boolean): Promise<Record<string, unknown>> {
    const status = statusAt(task, now);
    const view: Record<string, unknown> = { id: task.id, model: task.model, status };
    if (status === 'failed') view.error = { code: String(task.failCode), message: v2Message(task.failCode!) };
    view.created_at = Math.floor(task.createdAt / 1000);
    view.updated_at = updatedAtSeconds(task, now);
    if (status === 'succeeded') view.content = task.output ? { url: await signedUrl(task, now) } : { prompt: task.prompt };
    view.resolution = task.resolution;
    view.duration = task.duration;
    view.usage = status === 'succeeded' ? task.usage : {};
    view.ratio = task.ratio;
    view.task_type = task.taskType;
    if (!inList) view.modality = task.taskType === 'h3_context_ir' ? 'text' : 'video';
    return view;
  }

  async function signedUrl(task: V2Task, now: number): Promise<string> {
    const expires = Math.floor(now / 1000) + options.linkTtlSeconds;
    const path = `/cdn/inference_output/${task.fileId}/output.mp4`;
    const signature = await options.signer.sign(path, expires);
    return `${options.origin}${path}?Expires=${expires}&OSSAccessKeyId=sim&Signature=${encodeURIComponent(signature)}`;
  }

  async function query(request: Request, id: string): Promise<Response> {
    const auth = authorize(request);
    if ('error' in auth) return auth.error;
    const now = options.now();
    const task = tasks.visible(id, auth.key, now);
    if (!task) return v2Invalid(INVALID_TASK_ID);
    return v2Json({ task: await taskView(task, now, false) });
  }

  async function list(request: Request, url: URL): Promise<Response> {
    const auth = authorize(request);
    if ('error' in auth) return auth.error;
    const params = url.searchParams;
    const pageNum = integerParam(params.get('page_num'), 1);
    if (pageNum === undefined || pageNum < 1) return v2Invalid('invalid params, page_num must be an integer ≥ 1');
    const pageSize = integerParam(params.get('page_size'), DEFAULT_PAGE_SIZE);
    if (pageSize === undefined || pageSize < 1 || pageSize > MAX_PAGE_SIZE) {
      return v2Invalid(`invalid params, page_size must be an integer between 1 and ${MAX_PAGE_SIZE}`);
    }
    const status = params.get('filter.status');
    if (status !== null && !V2_STATUSES.includes(status as never)) return v2Invalid(`invalid params, filter.status must be one of ${V2_STATUSES.join(', ')}`);
    const taskType = params.get('filter.task_type');
    if (taskType !== null && !V2_TASK_TYPES.includes(taskType as V2TaskType)) {
      return v2Invalid(`invalid params, filter.task_type must be one of ${V2_TASK_TYPES.join(', ')}`);
    }
    const model = params.get('filter.model');
    const ids = params.getAll('filter.task_ids').flatMap((v) => v.split(',')).filter(Boolean);
    const now = options.now();
    const matching = tasks
      .recent(auth.key, now)
      .filter((t) => (status === null || statusAt(t, now) === status) && (taskType === null || t.taskType === taskType))
      .filter((t) => (model === null || t.model === model) && (ids.length === 0 || ids.includes(t.id)));
    const page = matching.slice((pageNum - 1) * pageSize, pageNum * pageSize);
    return v2Json({ items: await Promise.all(page.map((t) => taskView(t, now, true))), total: matching.length });
  }

  function remove(request: Request, id: string): Response {
    const auth = authorize(request);
    if ('error' in auth) return auth.error;
    const now = options.now();
    const task = tasks.visible(id, auth.key, now);
    if (!task) return v2Invalid(INVALID_TASK_ID);
    const status = statusAt(task, now);
    if (status === 'queued') {
      task.cancelledAt = now;
      return v2Json({ task_id: task.id, action: 'cancelled', status: 'cancelled' });
    }
    if (status === 'succeeded' || status === 'failed') {
      tasks.delete(task);
      return v2Json({ task_id: task.id, action: 'deleted', status });
    }
    return v2Invalid(
      status === 'running'
        ? `invalid params, task ${task.id} is running: only queued tasks can be cancelled and finished ones deleted`
        : `invalid params, task ${task.id} is already cancelled`,
    );
  }

  /** The CDN file at `path` when it is a succeeded v2 output. */
  function cdnFile(path: string) {
    const match = CDN_PATH.exec(path);
    const task = match ? tasks.byFileId(match[1]) : undefined;
    const now = options.now();
    if (!task?.output || statusAt(task, now) !== 'succeeded') return undefined;
    return { fileId: task.fileId, path, source: task.output.source, createdAtSeconds: updatedAtSeconds(task, now) };
  }

  return {
    create,
    query,
    list,
    remove,
    cdnFile,
    reset() {
      tasks.clear();
      creates.clear();
    },
  };
}

function utf8Length(text: string): number {
  if (text.length > MAX_BODY_BYTES || text.length * 3 <= MAX_BODY_BYTES) return text.length; // decided either way
  return /[^\x00-\x7f]/.test(text) ? new TextEncoder().encode(text).length : text.length;
}

function integerParam(value: string | null, fallback: number): number | undefined {
  if (value === null) return fallback;
  return /^\d{1,9}$/.test(value) ? Number(value) : undefined;
}
