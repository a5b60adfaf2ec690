// The SPA's calls to the worker's /api/v2 (MiniMax-H3 family): create, query, cancel, Context-IR, remaster, and
// the video bytes behind a task's content link. Built on the same request and error handling as the v1 client.
import type { PromptExpansionMode, V2ModelId, V2Ratio, V2Resolution, V2TaskType, V2Usage } from '$contract';

export type V2Role = 'first_frame' | 'last_frame' | 'reference_image' | 'reference_video' | 'reference_audio' | 'base_video';

export type V2ContentItem =
  | { type: 'text'; text: string }
  | { type: 'image_url'; image_url: { url: string }; role: V2Role }
  | { type: 'video_url'; video_url: { url: string }; role: V2Role }
  | { type: 'audio_url'; audio_url: { url: string }; role: V2Role };

/** The body of POST /api/v2/video_generation (also Context-IR and regeneration, which leave some fields out). */
export interface V2Body {
  model: V2ModelId;
  content: V2ContentItem[];
  resolution?: V2Resolution;
  duration?: number;
  ratio?: V2Ratio;
  extra?: { prompt_expansion_mode: PromptExpansionMode };
  aigc_watermark?: boolean;
  /** the prompt is the text item of `content`, never a top-level field */
  prompt?: never;
}

export type V2Status = 'queued' | 'running' | 'succeeded' | 'failed' | 'cancelled' | 'expired';

export interface V2Task {
  id: string;
  model: string;
  status: V2Status | string;
  error?: { code?: string; message?: string };
  created_at?: number;
  updated_at?: number;
  content?: { url?: string; prompt?: string };
  resolution?: string;
  duration?: number;
  ratio?: string;
  task_type?: V2TaskType | string;
  usage?: V2Usage;
}

export interface V2Transport {
  json<T>(path: string, init: RequestInit, timeoutMs: number, isShape: (v: unknown) => v is T): Promise<T>;
  headers(json: boolean): Headers;
  videoAt(path: string): Promise<{ stream: ReadableStream<Uint8Array>; bytes: number | undefined }>;
  /** the absolute URL of a path of the worker */
  link(path: string): string;
}

const TIMEOUTS = { query: 20_000, create: 60_000 } as const;

export function createV2Api(transport: V2Transport) {
  function post(path: string, body: unknown, idempotencyKey?: string): Promise<{ task_id: string }> {
    const h = transport.headers(true);
    h.set('Content-Type', 'application/json');
    if (idempotencyKey !== undefined) h.set('Idempotency-Key', idempotencyKey);
    return transport.json(path, { method: 'POST', headers: h, body: JSON.stringify(body) }, TIMEOUTS.create, isCreated);
  }

  async function query(taskId: string): Promise<V2Task> {
    const path = `/api/v2/query/video_generation/${encodeURIComponent(taskId)}`;
    return (await transport.json(path, { headers: transport.headers(true) }, TIMEOUTS.query, isQueried)).task;
  }

  return {
    create: (body: V2Body, idempotencyKey?: string) => post('/api/v2/video_generation', body, idempotencyKey),
    contextIr: (body: Omit<V2Body, 'resolution'>, idempotencyKey?: string) => post('/api/v2/h3_context_ir', body, idempotencyKey),
    regenerate: (body: V2Body, idempotencyKey?: string) => post('/api/v2/video_regeneration', body, idempotencyKey),
    query,
    /** Cancels a queued task (free). */
    async cancel(taskId: string): Promise<void> {
      const path = `/api/v2/video_generation/${encodeURIComponent(taskId)}`;
      await transport.json(path, { method: 'DELETE', headers: transport.headers(true) }, TIMEOUTS.query, (v): v is unknown => true);
    },
    /** The worker's address of a finished task's video (what a remaster names as its base video). */
    contentLink(taskId: string): string {
      return transport.link(`/api/v2/video_generation/${encodeURIComponent(taskId)}/content`);
    },
    /** The video of a finished task, with credentials (the worker fetches a fresh MiniMax link each time). */
    videoStream(taskId: string) {
      return transport.videoAt(`/api/v2/video_generation/${encodeURIComponent(taskId)}/content`);
    },
  };
}

export type V2Api = ReturnType<typeof createV2Api>;

function isCreated(v: unknown): v is { task_id: string } {
  return typeof (v as { task_id?: unknown } | null)?.task_id === 'string';
}

function isQueried(v: unknown): v is { task: V2Task } {
  const task = (v as { task?: V2Task } | null)?.task;
  return typeof task?.id === 'string' && typeof task.status === 'string';
}
