// The form's values → the exact MiniMax `video_generation` bodies the studio sends (one per batch item).
import { isV2Model, modelSpec, type Duration, type Mode, type PromptExpansionMode, type Resolution, type V2Ratio, type V2Resolution, type VideoRequest } from '$contract';
import type { FormReference } from '../references/rules';
import type { StudioRequest } from '../tasks/v2-request';
import type { FormResolution } from './catalogue';
import { buildV2Request } from './request-v2';

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
  resolution: FormResolution;
  /** whole seconds */
  duration: number;
  /** v2 only: the shape of a text-only video */
  ratio: V2Ratio;
  /** v2 only (MiniMax-H3-Max) */
  expansion: PromptExpansionMode;
  prompt: string;
  promptOptimizer: boolean;
  fastPretreatment: boolean;
  images: FormImages;
  /** MiniMax-H3 references the form would send (text mode) */
  references?: readonly FormReference[];
  batch: Batch;
}

/** One body, fields in MiniMax's documented order; nothing the model or mode does not take. */
export function buildRequest(values: FormValues, prompt = values.prompt): StudioRequest {
  if (isV2Model(values.model)) {
    return buildV2Request({ ...values, model: values.model, resolution: values.resolution as V2Resolution }, prompt);
  }
  const spec = modelSpec(values.model);
  const body: VideoRequest = { model: values.model };
  const text = prompt.trim();
  if (text || values.mode === 't2v') body.prompt = text;
  if (!values.promptOptimizer) body.prompt_optimizer = false; // MiniMax's default is true
  if (spec?.fastPretreatment && values.promptOptimizer && values.fastPretreatment) body.fast_pretreatment = true;
  if (spec && !spec.fixedOutput) {
    body.duration = values.duration as Duration;
    body.resolution = values.resolution as Resolution;
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
export function buildRequests(values: FormValues): StudioRequest[] {
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
