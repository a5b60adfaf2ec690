// The form's values → the exact MiniMax `video_generation` bodies the studio sends (one per batch item).
import { modelSpec, type Duration, type Mode, type Resolution, type VideoRequest } from '$contract';

export const MAX_BATCH = 10;

export type Batch = { kind: 'variations'; count: number } | { kind: 'lines' };

export interface FormImages {
  firstFrame?: string;
  lastFrame?: string;
  subject?: string;
}

export interface FormValues {
  mode: Mode;
  model: string;
  resolution: Resolution;
  duration: Duration;
  prompt: string;
  promptOptimizer: boolean;
  fastPretreatment: boolean;
  images: FormImages;
  batch: Batch;
}

/** One body, fields in MiniMax's documented order; nothing the model or mode does not take. */
export function buildRequest(values: FormValues, prompt = values.prompt): VideoRequest {
  const spec = modelSpec(values.model);
  const body: VideoRequest = { model: values.model };
  const text = prompt.trim();
  if (text || values.mode === 't2v') body.prompt = text;
  if (!values.promptOptimizer) body.prompt_optimizer = false; // MiniMax's default is true
  if (spec?.fastPretreatment && values.promptOptimizer && values.fastPretreatment) body.fast_pretreatment = true;
  if (spec && !spec.fixedOutput) {
    body.duration = values.duration;
    body.resolution = values.resolution;
  }
  const { firstFrame, lastFrame, subject } = values.images;
  if ((values.mode === 'i2v' || values.mode === 'fl2v') && firstFrame) body.first_frame_image = firstFrame;
  if (values.mode === 'fl2v' && lastFrame) body.last_frame_image = lastFrame;
  if (values.mode === 's2v' && subject) body.subject_reference = [{ type: 'character', image: [subject] }];
  return body;
}

/** The prompts of a "one prompt per line" batch: non-blank lines, trimmed. */
export function promptLines(prompt: string): string[] {
  return prompt
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line.length > 0);
}

/** Expands the batch: N copies of one body, or one body per prompt line. */
export function buildRequests(values: FormValues): VideoRequest[] {
  if (values.batch.kind === 'lines') {
    const lines = promptLines(values.prompt);
    return (lines.length ? lines : ['']).map((line) => buildRequest(values, line));
  }
  const count = clampCount(values.batch.count);
  const body = buildRequest(values);
  return Array.from({ length: count }, () => structuredClone(body));
}

export function clampCount(count: number): number {
  return Math.min(MAX_BATCH, Math.max(1, Math.round(Number.isFinite(count) ? count : 1)));
}
