// A strict, in-process stand-in for MiniMax's video API, v1 (Hailuo) and v2 (MiniMax-H3), and its download CDN.
// Demo mode runs it inside the worker; every test and benchmark runs against it. Routes by path only:
//   v1: POST /v1/video_generation · GET /v1/query/video_generation · GET /v1/files/retrieve
//   v2: POST /v2/video_generation · POST /v2/h3_context_ir · POST /v2/video_regeneration
//       GET /v2/query/video_generation[/{task_id}] · DELETE /v2/video_generation/{task_id}   (v2/api.ts)
//   GET|HEAD /cdn/* · /__sim/*
// Prompt directives (sim:error=…, sim:fail=…, sim:bytes=…, sim:slow) are described in directives.ts; v2 reads
// them from the text item.

import { bufferSource, pseudoRandomSource, type ByteSource } from './bytes';
import { serveCdn } from './cdn';
import { handleControl } from './control';
import { readDirectives } from './directives';
import { faultResponse, Hangs, type Fault, type FaultTarget } from './faults';
import { baseResp, invalidParams, jsonText, minimaxError, minimaxJson, notFoundText } from './responses';
import { checkCreateBody, OUTPUT_SIZE, outputResolution } from './rules';
import { LinkSigner } from './signing';
import { TaskStore, type Task } from './tasks';
import type { DemoMedia } from './media/library';
import { createV2Api } from './v2/api';

export type { Fault, FaultTarget } from './faults';
export { DIRECTIVES } from './directives';
export { pseudoRandomBytes } from './bytes';

export interface SimulatorOptions {
  keys: string[];
  /** one file every task serves, v1 and v2 alike (tests compare bytes); else `media` */
  video?: Uint8Array;
  /** demo videos of the asked size and length (H3 with stereo audio) */
  media?: DemoMedia;
  downloadOrigin: string;
  stagesMs?: { preparing: number; queueing: number; processing: number };
  linkTtlSeconds?: number;
  /** v1 creates per key and minute */
  rpm?: number;
  /** v2 creates per key and minute (MiniMax-H3: 300) */
  v2Rpm?: number;
  /** v2 queued + running tasks per key (MiniMax-H3: 30) */
  v2InFlight?: number;
  now?: () => number;
}

export interface SeenRequest {
  method: string;
  url: string;
  path: string;
  headers: Record<string, string>;
  body: string | null;
  at: number;
}

export interface Simulator {
  fetch(request: Request): Promise<Response>;
  seen: SeenRequest[];
  failNext(on: FaultTarget, fault: Fault): void;
  /** moves the simulator's clock forward (tasks finish, links and the 7-day window expire) */
  advanceClock(ms: number): void;
  reset(): void;
}

export const DEFAULT_STAGES_MS = { preparing: 2000, queueing: 3000, processing: 10000 };
const LOGIN_FAIL = "login fail: Please carry the API secret key in the 'Authorization' field of the request header";

export function createSimulator(options: SimulatorOptions): Simulator {
  const clock = options.now ?? (() => Date.now());
  let offsetMs = 0;
  const now = () => clock() + offsetMs;
  const stages = options.stagesMs ?? DEFAULT_STAGES_MS;
  const ttl = options.linkTtlSeconds ?? 3600;
  const rpm = options.rpm ?? 5;
  const origin = options.downloadOrigin.replace(/\/+$/, '');
  const fixed = options.video ? bufferSource(options.video) : undefined;
  const media = options.media;
  if (!fixed && !media) throw new Error('createSimulator: give `video` or `media`');
  const demo = (make: (media: DemoMedia) => Uint8Array): ByteSource => fixed ?? lazySource(() => make(media!));
  const signer = new LinkSigner();
  const tasks = new TaskStore();
  const hangs = new Hangs();
  const faults = new Map<FaultTarget, Fault[]>();
  const creates = new Map<string, number[]>(); // key → admitted create times (ms)
  const seen: SeenRequest[] = [];
  const v2 = createV2Api({
    keys: options.keys,
    now,
    stagesMs: stages,
    signer,
    origin,
    linkTtlSeconds: ttl,
    video: ({ width, height, frames }) => demo((m) => m.h3(width, height, frames)),
    rpm: options.v2Rpm ?? 300,
    inFlight: options.v2InFlight ?? 30,
  });

  function takeFault(target: FaultTarget): Fault | undefined {
    return faults.get(target)?.shift();
  }

  /** The caller's key, or the error MiniMax answers instead. */
  function authorize(request: Request, url: URL, extra: Record<string, unknown> = {}): { key: string } | { error: Response } {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(request.headers.get('authorization') ?? '');
    if (!match) return { error: minimaxError(1004, LOGIN_FAIL, extra) };
    if (!options.keys.includes(match[1])) return { error: minimaxError(2049, 'invalid api key', extra) };
    if (url.searchParams.has('GroupId')) return { error: minimaxError(1004, 'token not match group', extra) };
    return { key: match[1] };
  }

  function admitCreate(key: string): boolean {
    const at = now();
    const window = (creates.get(key) ?? []).filter((t) => at - t < 60_000);
    creates.set(key, window);
    if (window.length >= rpm) return false;
    window.push(at);
    return true;
  }

  async function create(request: Request, url: URL, bodyText: Promise<string>): Promise<Response> {
    const auth = authorize(request, url, { task_id: '' });
    if ('error' in auth) return auth.error;
    if (!admitCreate(auth.key)) return minimaxError(1002, 'rate limit exceeded(RPM)', { task_id: '' });
    const contentType = request.headers.get('content-type') ?? '';
    if (!/^application\/json\s*(;|$)/i.test(contentType)) return invalidParams('Content-Type must be application/json', { task_id: '' });
    let body: unknown;
    try {
      body = JSON.parse(await bodyText);
    } catch {
      return invalidParams('request body is not valid JSON', { task_id: '' });
    }
    const problem = checkCreateBody(body);
    if (problem) return invalidParams(problem, { task_id: '' });
    const fields = body as Record<string, unknown>;
    const directives = readDirectives(fields.prompt);
    if (directives.error !== undefined) return minimaxError(directives.error, undefined, { task_id: '' });
    const size = OUTPUT_SIZE[outputResolution(fields)];
    const seconds = typeof fields.duration === 'number' ? fields.duration : 6;
    const task = tasks.add({
      owner: auth.key,
      createdAt: now(),
      stagesMs: { ...stages, processing: stages.processing * (directives.slow ? 10 : 1) },
      ...(directives.fail !== undefined ? { failCode: directives.fail } : {}),
      source: directives.bytes !== undefined ? pseudoRandomSource(directives.bytes) : demo((m) => m.v1(size.width, size.height, seconds)),
      width: size.width,
      height: size.height,
    });
    return minimaxJson({ task_id: task.taskId, base_resp: baseResp(0) });
  }

  function query(request: Request, url: URL): Response {
    const auth = authorize(request, url);
    if ('error' in auth) return auth.error;
    const taskId = url.searchParams.get('task_id');
    if (!taskId) return invalidParams('task_id is required');
    const task = tasks.get(taskId);
    if (!task || task.owner !== auth.key) return invalidParams('task not found');
    const status = tasks.statusAt(task, now());
    if (status === 'Fail') {
      return minimaxJson({ task_id: task.taskId, status, base_resp: baseResp(task.failCode ?? 1000) });
    }
    if (status !== 'Success') return minimaxJson({ task_id: task.taskId, status, base_resp: baseResp(0) });
    return minimaxJson({
      task_id: task.taskId,
      status,
      file_id: task.fileId,
      video_width: task.width,
      video_height: task.height,
      base_resp: baseResp(0),
    });
  }

  async function retrieve(request: Request, url: URL): Promise<Response> {
    const auth = authorize(request, url);
    if ('error' in auth) return auth.error;
    const fileId = url.searchParams.get('file_id');
    if (!fileId) return invalidParams('file_id is required');
    if (!/^\d{1,18}$/.test(fileId)) return invalidParams('file_id must be an integer');
    const task = tasks.byFileId(fileId);
    if (!task || task.owner !== auth.key || tasks.statusAt(task, now()) !== 'Success') return invalidParams('file not found');
    const expires = Math.floor(now() / 1000) + ttl;
    const path = cdnPath(task);
    const signature = await signer.sign(path, expires);
    const downloadUrl = `${origin}${path}?Expires=${expires}&OSSAccessKeyId=sim&Signature=${encodeURIComponent(signature)}`;
    // Built by hand so file_id is a JSON number with its digits exactly as stored (int64 in MiniMax's schema).
    const file =
      `{"file_id":${task.fileId},"bytes":${task.source.length},"created_at":${tasks.finishedAtSeconds(task)},` +
      `"filename":"output.mp4","purpose":"video_generation","download_url":${JSON.stringify(downloadUrl)}}`;
    return jsonText(`{"file":${file},"base_resp":${JSON.stringify(baseResp(0))}}`);
  }

  function cdnFile(path: string) {
    if (path.startsWith('/cdn/inference_output/')) return v2.cdnFile(path);
    const task = tasks.byCdnPath(path);
    if (!task || tasks.statusAt(task, now()) !== 'Success') return undefined;
    return { fileId: task.fileId, path, source: task.source, createdAtSeconds: tasks.finishedAtSeconds(task) };
  }

  function record(request: Request, url: URL): SeenRequest {
    const entry: SeenRequest = {
      method: request.method,
      url: request.url,
      path: url.pathname,
      headers: Object.fromEntries(request.headers),
      body: null,
      at: now(),
    };
    seen.push(entry);
    return entry;
  }

  async function route(request: Request, url: URL, bodyText: Promise<string>): Promise<Response> {
    const path = url.pathname;
    const target = targetOf(request.method, path);
    const fault = target ? takeFault(target) : undefined;
    if (fault?.kind === 'hang') return hangs.hang(request.signal);
    if (fault && fault.kind !== 'cut') return faultResponse(fault, target!);
    const cut = fault?.kind === 'cut' ? fault.afterBytes : undefined;
    let response: Response;
    switch (target) {
      case 'create':
        response = await create(request, url, bodyText);
        break;
      case 'query':
        response = query(request, url);
        break;
      case 'retrieve':
        response = await retrieve(request, url);
        break;
      case 'v2-create':
        response = await v2.create(request, bodyText, 'generation');
        break;
      case 'v2-context-ir':
        response = await v2.create(request, bodyText, 'context_ir');
        break;
      case 'v2-regeneration':
        response = await v2.create(request, bodyText, 'regeneration');
        break;
      case 'v2-query':
        response = await v2.query(request, pathId(path, V2_QUERY));
        break;
      case 'v2-list':
        response = await v2.list(request, url);
        break;
      case 'v2-delete':
        response = v2.remove(request, pathId(path, V2_DELETE));
        break;
      case 'cdn':
        return serveCdn({ request, url, nowMs: now(), file: cdnFile(path), signer, ...(cut !== undefined ? { cutAfter: cut } : {}) });
      default:
        return notFoundText();
    }
    return cut === undefined ? response : cutBody(response, cut);
  }

  const simulator: Simulator = {
    seen,
    async fetch(request) {
      const url = new URL(request.url);
      if (url.pathname.startsWith('/__sim/')) return handleControl(request, url, simulator);
      const entry = record(request, url);
      const bodyText = request.method === 'GET' || request.method === 'HEAD' ? Promise.resolve('') : request.text();
      if (request.method !== 'GET' && request.method !== 'HEAD') entry.body = await bodyText;
      return route(request, url, bodyText);
    },
    advanceClock(ms) {
      offsetMs += ms;
    },
    failNext(on, fault) {
      const queue = faults.get(on) ?? [];
      queue.push(fault);
      faults.set(on, queue);
    },
    reset() {
      tasks.clear();
      seen.length = 0;
      faults.clear();
      creates.clear();
      v2.reset();
      hangs.releaseAll();
    },
  };
  return simulator;
}

const V2_QUERY = '/v2/query/video_generation/';
const V2_DELETE = '/v2/video_generation/';

function targetOf(method: string, path: string): FaultTarget | undefined {
  if (path.startsWith('/v2/')) return v2TargetOf(method, path);
  if (path === '/v1/video_generation' && method === 'POST') return 'create';
  if (path === '/v1/query/video_generation' && method === 'GET') return 'query';
  if (path === '/v1/files/retrieve' && method === 'GET') return 'retrieve';
  if (path.startsWith('/cdn/')) return 'cdn';
  return undefined;
}

function v2TargetOf(method: string, path: string): FaultTarget | undefined {
  const id = (prefix: string) => path.startsWith(prefix) && path.length > prefix.length && !path.slice(prefix.length).includes('/');
  if (method === 'POST' && path === '/v2/video_generation') return 'v2-create';
  if (method === 'POST' && path === '/v2/h3_context_ir') return 'v2-context-ir';
  if (method === 'POST' && path === '/v2/video_regeneration') return 'v2-regeneration';
  if (method === 'GET' && path === '/v2/query/video_generation') return 'v2-list';
  if (method === 'GET' && id(V2_QUERY)) return 'v2-query';
  if (method === 'DELETE' && id(V2_DELETE)) return 'v2-delete';
  return undefined;
}

function pathId(path: string, prefix: string): string {
  try {
    return decodeURIComponent(path.slice(prefix.length));
  } catch {
    return path.slice(prefix.length);
  }
}

/** A file made on first use (a demo video is assembled only when someone reads it or its length). */
function lazySource(make: () => Uint8Array): ByteSource {
  let bytes: Uint8Array | undefined;
  const get = () => (bytes ??= make());
  return {
    get length() {
      return get().length;
    },
    slice: (start, end) => get().slice(start, end),
  };
}

function cdnPath(task: Task): string {
  return `/cdn/video_generation/${task.fileId}/output.mp4`;
}

/** The response with its body erroring after `afterBytes` bytes (a dropped connection). */
function cutBody(response: Response, afterBytes: number): Response {
  const reader = response.body!.getReader();
  let sent = 0;
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (sent >= afterBytes) return controller.error(new Error('simulator: connection reset (cut fault)'));
      const { done, value } = await reader.read();
      if (done) return controller.close();
      const part = value.subarray(0, afterBytes - sent);
      sent += part.length;
      controller.enqueue(part);
    },
  });
  return new Response(body, { status: response.status, headers: response.headers });
}
