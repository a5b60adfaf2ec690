// "Expand prompt": MiniMax's Context-IR writes a fuller prompt from the user's (a task of its own: created, then
// asked about until it ends). The result is only offered: the caller shows it to accept, edit or discard.
import { isV2Model } from '$contract';
import { ApiError } from '../api/errors';
import type { V2Api, V2Body } from '../api/v2';
import type { StudioRequest } from './v2-request';

export type ContextIrBody = Omit<V2Body, 'resolution' | 'extra'>;

export type ExpandResult =
  | { ok: true; prompt: string }
  /** `message`: MiniMax's or the worker's own words, when it said why */
  | { ok: false; reason: 'empty' | 'failed' | 'timeout' | 'no_prompt' | 'aborted'; code?: string; message?: string };

export interface ExpandDeps {
  api: Pick<V2Api, 'contextIr' | 'query'>;
  sleep: (ms: number) => Promise<void>;
  newKey: () => string;
}

/** Waits between checks: soon at first (the reference's example took 29 s), then every 5 s, about 3 minutes in all. */
export const EXPAND_DELAYS_MS: readonly number[] = [2_000, 3_000, ...Array<number>(36).fill(5_000)];

/** The Context-IR body for a form's request: its model, inputs, duration and ratio; no resolution, no extra. */
export function contextIrBody(request: StudioRequest): ContextIrBody | null {
  if (!isV2Model(request.model) || !('content' in request)) return null;
  const { resolution: _r, extra: _e, ...body } = request;
  return body;
}

export function promptOfBody(body: ContextIrBody): string {
  const text = body.content.find((item) => item.type === 'text');
  return text?.type === 'text' ? text.text.trim() : '';
}

export async function expandPrompt(body: ContextIrBody, deps: ExpandDeps, signal?: AbortSignal): Promise<ExpandResult> {
  if (!promptOfBody(body)) return { ok: false, reason: 'empty' };
  let taskId: string;
  try {
    taskId = (await deps.api.contextIr(body, deps.newKey())).task_id;
  } catch (error) {
    return failed(error);
  }
  for (const delay of EXPAND_DELAYS_MS) {
    await deps.sleep(delay);
    if (signal?.aborted) return { ok: false, reason: 'aborted' };
    let task;
    try {
      task = await deps.api.query(taskId);
    } catch (error) {
      if (error instanceof ApiError && (error.isNetwork || error.status >= 500 || error.status === 429)) continue; // asked again
      return failed(error);
    }
    if (task.status === 'succeeded') {
      const prompt = task.content?.prompt?.trim();
      return prompt ? { ok: true, prompt } : { ok: false, reason: 'no_prompt' };
    }
    if (task.status === 'failed' || task.status === 'cancelled' || task.status === 'expired') {
      return { ok: false, reason: 'failed', ...(task.error?.code ? { code: task.error.code } : {}), ...(task.error?.message ? { message: task.error.message } : {}) };
    }
  }
  return { ok: false, reason: 'timeout' };
}

function failed(error: unknown): ExpandResult {
  if (error instanceof ApiError) return { ok: false, reason: 'failed', code: error.code, message: error.message };
  return { ok: false, reason: 'failed', message: error instanceof Error ? error.message : String(error) };
}
