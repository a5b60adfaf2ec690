// The MiniMax-H3 family on MiniMax's v2 video API: which model takes which mode, resolution, duration and ratio,
// and the limits on what a request may carry. The one truth for the worker's /api/v2 validation and the SPA's
// pickers. Facts and how sure they are: worker/src/contract/README.md ("v2").

export type V2ModelId = 'MiniMax-H3' | 'MiniMax-H3-Max';
/** text only; first and/or last frame; references (images, videos, audio) */
export type V2Mode = 't2v' | 'i2v' | 'r2v';
export type V2Resolution = '480P' | '768P' | '2K';
export type V2Ratio = 'adaptive' | '21:9' | '16:9' | '4:3' | '1:1' | '3:4' | '9:16';
export type PromptExpansionMode = 'disabled' | 'balanced' | 'quality';

export interface V2ModelSpec {
  id: V2ModelId;
  modes: readonly V2Mode[];
  /** the first is the default */
  resolutions: readonly V2Resolution[];
  /** whole seconds, inclusive */
  minDuration: number;
  maxDuration: number;
  /** `extra.prompt_expansion_mode` is read (H3-Max only) */
  promptExpansion: boolean;
}

export const V2_MODELS: readonly V2ModelSpec[] = [
  { id: 'MiniMax-H3', modes: ['t2v', 'i2v', 'r2v'], resolutions: ['768P', '2K'], minDuration: 4, maxDuration: 15, promptExpansion: false },
  // R2V for H3-Max: the newest create page says yes, the model list says "coming soon"; MiniMax decides (free refusal).
  { id: 'MiniMax-H3-Max', modes: ['t2v', 'i2v', 'r2v'], resolutions: ['768P', '480P'], minDuration: 5, maxDuration: 15, promptExpansion: true },
];

export const V2_DEFAULT_MODEL: V2ModelId = 'MiniMax-H3';
export const V2_RATIOS: readonly V2Ratio[] = ['adaptive', '21:9', '16:9', '4:3', '1:1', '3:4', '9:16'];
/** text-only videos need a concrete ratio */
export const V2_FIXED_RATIOS: readonly V2Ratio[] = V2_RATIOS.filter((r) => r !== 'adaptive');
export const PROMPT_EXPANSION_MODES: readonly PromptExpansionMode[] = ['disabled', 'balanced', 'quality'];
export const V2_PROMPT_MAX_CHARS = 7000;

/** The whole JSON body, data URIs included (base64 adds about a third). */
export const V2_BODY_MAX_BYTES = 64 * 1024 * 1024;

export const V2_MEDIA_LIMITS = {
  image: { maxBytes: 30 * 1024 * 1024, minSide: 256, maxSide: 5760, minAspect: 0.4, maxAspect: 2.5, maxReferences: 9 },
  video: { maxBytes: 50 * 1024 * 1024, minSeconds: 2, maxSeconds: 15, totalSeconds: 15, maxReferences: 3 },
  audio: { maxBytes: 15 * 1024 * 1024, minSeconds: 2, maxSeconds: 15, totalSeconds: 15, maxReferences: 3 },
  maxReferences: 12,
} as const;

/** Formats a data URI may declare, by media kind (subtype after `image/`, `video/`, `audio/`). */
export const V2_DATA_FORMATS = {
  image: ['jpeg', 'jpg', 'png', 'webp', 'heic', 'heif'],
  video: ['mp4', 'quicktime'],
  audio: ['wav', 'x-wav', 'wave', 'mp3', 'mpeg'],
} as const;

/**
 * The v2 family's own limits (reported for MiniMax-H3 by third parties; H3-Max not listed, assumed the same):
 * requests a minute and tasks queued or running at once, per account.
 */
export const V2_RATE_LIMITS = { requestsPerMinute: 300, tasksInFlight: 30 } as const;

/** Query answers only tasks created in the last 7 days. */
export const V2_QUERY_WINDOW_SECONDS = 7 * 24 * 3600;

export function v2ModelSpec(id: string): V2ModelSpec | undefined {
  return V2_MODELS.find((m) => m.id === id);
}

export function isV2Model(id: unknown): id is V2ModelId {
  return typeof id === 'string' && v2ModelSpec(id) !== undefined;
}

export function v2Durations(model: string): number[] {
  const spec = v2ModelSpec(model);
  if (!spec) return [];
  return Array.from({ length: spec.maxDuration - spec.minDuration + 1 }, (_, i) => spec.minDuration + i);
}
