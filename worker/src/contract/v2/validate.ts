// Validation of MiniMax v2 bodies (create, Context-IR, regeneration) and list queries, run by the worker before any
// upstream call and by the SPA before it sends. Strict where MiniMax's rule is verified; fields it may accept but we
// cannot confirm (seed, aigc_watermark on the global host, unknown keys) are left for MiniMax to judge: a refused
// request costs nothing, a refused valid one would cost the user a feature. Every failure names field and rule.
import { promptLength } from '../prompt';
import { formatAllowed, readMediaSource, type MediaKind } from './media';
import {
  PROMPT_EXPANSION_MODES,
  V2_FIXED_RATIOS,
  V2_MEDIA_LIMITS,
  V2_PROMPT_MAX_CHARS,
  V2_RATIOS,
  v2ModelSpec,
  type V2Mode,
  type V2ModelSpec,
} from './models';

export type V2Rule =
  | 'body_not_object'
  | 'field_type'
  | 'model_required'
  | 'model_unknown'
  | 'mode_unsupported'
  | 'field_not_for_model'
  | 'field_not_for_endpoint'
  | 'content_required'
  | 'content_item'
  | 'role_invalid'
  | 'prompt_required'
  | 'prompt_too_long'
  | 'text_repeated'
  | 'resolution_required'
  | 'resolution_not_allowed'
  | 'duration_required'
  | 'duration_not_allowed'
  | 'ratio_unknown'
  | 'ratio_required'
  | 'too_many_media'
  | 'frames_and_references'
  | 'audio_alone'
  | 'last_frame_alone'
  | 'base_video_required'
  | 'media_url'
  | 'media_format'
  | 'media_too_large'
  | 'image_pixels'
  | 'image_aspect'
  | 'extra_invalid'
  | 'url_invalid'
  | 'query_invalid';

export interface V2Issue {
  field: string;
  rule: V2Rule;
  message: string;
}

export interface V2Summary {
  mode: V2Mode;
  prompt: string;
  firstFrame: number;
  lastFrame: number;
  images: number;
  videos: number;
  audios: number;
}

export type V2Validation = { ok: true; value: Record<string, unknown>; summary: V2Summary } | { ok: false; issue: V2Issue };

type Endpoint = 'create' | 'context_ir' | 'regeneration';

class Invalid extends Error {
  constructor(readonly issue: V2Issue) {
    super(issue.message);
  }
}

function fail(field: string, rule: V2Rule, message: string): never {
  throw new Invalid({ field, rule, message });
}

function run(check: () => { value: Record<string, unknown>; summary: V2Summary }): V2Validation {
  try {
    return { ok: true, ...check() };
  } catch (e) {
    if (e instanceof Invalid) return { ok: false, issue: e.issue };
    throw e;
  }
}

/** `POST /v2/video_generation` */
export function validateV2Create(input: unknown): V2Validation {
  // Stryker disable next-line StringLiteral: a create is the endpoint that is neither 'context_ir' nor 'regeneration' (the only names compared)
  return run(() => checkBody(input, 'create'));
}

/** `POST /v2/h3_context_ir`: the create's content and duration, no resolution. */
export function validateV2ContextIr(input: unknown): V2Validation {
  return run(() => checkBody(input, 'context_ir'));
}

/** `POST /v2/video_regeneration`: MiniMax-H3 at 2K, the original inputs plus exactly one base_video. */
export function validateV2Regeneration(input: unknown): V2Validation {
  return run(() => checkBody(input, 'regeneration'));
}

function checkBody(input: unknown, endpoint: Endpoint): { value: Record<string, unknown>; summary: V2Summary } {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) fail('body', 'body_not_object', 'The request body must be a JSON object.');
  const body = input as Record<string, unknown>;
  const model = body.model;
  if (model === undefined || model === null || model === '') fail('model', 'model_required', 'Choose a model.');
  if (typeof model !== 'string') fail('model', 'field_type', '"model" must be a string.');
  const spec = v2ModelSpec(model);
  if (!spec) fail('model', 'model_unknown', `"${model}" is not a MiniMax v2 video model; use MiniMax-H3 or MiniMax-H3-Max.`);
  if (endpoint === 'regeneration' && spec.id !== 'MiniMax-H3') {
    fail('model', 'mode_unsupported', `Regeneration re-renders MiniMax-H3 videos only, not ${spec.id}.`);
  }

  const summary = checkContent(body.content, endpoint);
  if (!spec.modes.includes(summary.mode)) fail('content', 'mode_unsupported', `${spec.id} does not make ${MODE_NAMES[summary.mode]}.`);

  if (endpoint === 'context_ir') {
    if (body.resolution !== undefined) fail('resolution', 'field_not_for_endpoint', 'Prompt expansion takes no resolution: leave it out.');
  } else {
    checkResolution(body.resolution, spec, endpoint);
  }
  if (endpoint !== 'regeneration') checkDuration(body.duration, spec);
  if (endpoint !== 'regeneration') checkRatio(body.ratio, summary.mode);
  checkExtra(body.extra, spec);
  if (body.aigc_watermark !== undefined && typeof body.aigc_watermark !== 'boolean') {
    fail('aigc_watermark', 'field_type', '"aigc_watermark" must be true or false.');
  }
  if (body.callback_url !== undefined && (typeof body.callback_url !== 'string' || readMediaSource(body.callback_url).kind !== 'web')) {
    fail('callback_url', 'url_invalid', 'callback_url must be an http(s) URL.');
  }
  return { value: body, summary };
}

const MODE_NAMES: Record<V2Mode, string> = {
  t2v: 'text-to-video',
  i2v: 'videos from frames',
  r2v: 'videos from references',
};

const ITEM_FIELD: Record<string, MediaKind> = { image_url: 'image', video_url: 'video', audio_url: 'audio' };
const ROLES: Record<MediaKind, readonly string[]> = {
  image: ['first_frame', 'last_frame', 'reference_image'],
  video: ['reference_video', 'base_video'],
  audio: ['reference_audio'],
};

function checkContent(content: unknown, endpoint: Endpoint): V2Summary {
  if (!Array.isArray(content) || content.length === 0) {
    fail('content', 'content_required', 'content must be a list with a text item (the prompt).');
  }
  let prompt: string | undefined;
  const counts = { firstFrame: 0, lastFrame: 0, images: 0, videos: 0, audios: 0, baseVideos: 0 };
  const mediaCount = content.filter((item) => (item as { type?: unknown } | null)?.type !== 'text').length;
  content.forEach((raw, index) => {
    const field = `content[${index}]`;
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) fail(field, 'content_item', `${field} must be an object with a "type".`);
    const item = raw as Record<string, unknown>;
    if (item.type === 'text') {
      if (typeof item.text !== 'string') fail(`${field}.text`, 'field_type', `${field}.text must be a string.`);
      if (prompt !== undefined) fail(field, 'text_repeated', 'Put the whole prompt in one text item.');
      prompt = item.text;
      return;
    }
    const kind = typeof item.type === 'string' && Object.hasOwn(ITEM_FIELD, item.type) ? ITEM_FIELD[item.type] : undefined;
    if (!kind) fail(`${field}.type`, 'content_item', `${field}.type must be text, image_url, video_url or audio_url.`);
    // A lone image with no role is a first frame (MiniMax's rule); with other media a role is needed to place it.
    const role = item.role ?? (kind === 'image' && mediaCount === 1 ? 'first_frame' : undefined);
    if (typeof role !== 'string' || !ROLES[kind].includes(role)) {
      fail(`${field}.role`, 'role_invalid', `${field}.role must be one of ${ROLES[kind].filter((r) => r !== 'base_video').join(', ')}.`);
    }
    if (role === 'base_video' && endpoint !== 'regeneration') {
      fail(`${field}.role`, 'role_invalid', 'A base_video is only for regeneration (re-rendering a video at 2K).');
    }
    checkMediaUrl(item[item.type as string], kind, `${field}.${item.type as string}.url`);
    if (role === 'first_frame') counts.firstFrame++;
    else if (role === 'last_frame') counts.lastFrame++;
    else if (role === 'reference_image') counts.images++;
    else if (role === 'reference_video') counts.videos++;
    else if (role === 'reference_audio') counts.audios++;
    else counts.baseVideos++;
  });
  if (prompt === undefined || !prompt.trim()) {
    fail('content', 'prompt_required', 'content must include a non-empty text item (prompt is required).');
  }
  const length = promptLength(prompt);
  if (length > V2_PROMPT_MAX_CHARS) fail('content', 'prompt_too_long', `The prompt is ${length} characters; MiniMax takes at most ${V2_PROMPT_MAX_CHARS}.`);
  checkCounts(counts, endpoint);
  const references = counts.images + counts.videos + counts.audios;
  const mode: V2Mode = references > 0 ? 'r2v' : counts.firstFrame + counts.lastFrame > 0 ? 'i2v' : 't2v';
  const { baseVideos: _b, ...rest } = counts;
  return { mode, prompt, ...rest };
}

function checkCounts(c: { firstFrame: number; lastFrame: number; images: number; videos: number; audios: number; baseVideos: number }, endpoint: Endpoint): void {
  const limits = V2_MEDIA_LIMITS;
  if (c.firstFrame > 1) fail('content', 'too_many_media', 'Use one first frame at most.');
  if (c.lastFrame > 1) fail('content', 'too_many_media', 'Use one last frame at most.');
  if (c.images > limits.image.maxReferences) fail('content', 'too_many_media', `Use at most ${limits.image.maxReferences} reference images (there are ${c.images}).`);
  if (c.videos > limits.video.maxReferences) fail('content', 'too_many_media', `Use at most ${limits.video.maxReferences} reference videos (there are ${c.videos}).`);
  if (c.audios > limits.audio.maxReferences) fail('content', 'too_many_media', `Use at most ${limits.audio.maxReferences} reference audio clips (there are ${c.audios}).`);
  const references = c.images + c.videos + c.audios;
  if (references > limits.maxReferences) fail('content', 'too_many_media', `Use at most ${limits.maxReferences} references in all (there are ${references}).`);
  if (references > 0 && c.firstFrame + c.lastFrame > 0) {
    fail('content', 'frames_and_references', 'Frames (first/last) and references cannot be used together: choose one.');
  }
  if (c.audios > 0 && c.images + c.videos === 0) fail('content', 'audio_alone', 'Reference audio cannot be used alone: add a reference image or video.');
  // The create page lists "last frame" as a mode, but its role text says a last frame must be paired with a first
  // frame and two independent clients reject it alone; we side with the role text (a certain mode, never a gamble).
  if (c.lastFrame > 0 && c.firstFrame === 0) fail('content', 'last_frame_alone', 'A last frame needs a first frame too.');
  if (endpoint === 'regeneration' && c.baseVideos !== 1) {
    fail('content', 'base_video_required', 'Regeneration needs exactly one video with role "base_video" (the 768P video to re-render).');
  }
}

function checkMediaUrl(holder: unknown, kind: MediaKind, field: string): void {
  const url = (holder as { url?: unknown } | null)?.url;
  if (typeof holder !== 'object' || holder === null || typeof url !== 'string') fail(field, 'media_url', `${field} must be a URL string.`);
  const source = readMediaSource(url);
  if (source.kind === 'invalid') fail(field, 'media_url', `${field} must be a public http(s) URL, an mm_file:// id or a base64 data URI.`);
  if (source.kind !== 'data') return;
  if (source.media !== kind || !formatAllowed(kind, source.format)) {
    fail(field, 'media_format', `${field} must be ${FORMAT_NAMES[kind]} (data:${kind}/…;base64).`);
  }
  const limit = V2_MEDIA_LIMITS[kind].maxBytes;
  if (source.bytes > limit) {
    fail(field, 'media_too_large', `The ${kind} is ${(source.bytes / 1024 / 1024).toFixed(1)} MB; MiniMax takes at most ${limit / 1024 / 1024} MB.`);
  }
  const image = source.image;
  if (!image || image.width === 0 || image.height === 0) return;
  const { minSide, maxSide, minAspect, maxAspect } = V2_MEDIA_LIMITS.image;
  if (Math.min(image.width, image.height) < minSide || Math.max(image.width, image.height) > maxSide) {
    fail(field, 'image_pixels', `The image is ${image.width}×${image.height}; each side must be ${minSide}–${maxSide} px.`);
  }
  const aspect = image.width / image.height;
  if (aspect < minAspect || aspect > maxAspect) {
    fail(field, 'image_aspect', `The image is ${image.width}×${image.height}; width ÷ height must be between 0.4 and 2.5.`);
  }
}

const FORMAT_NAMES: Record<MediaKind, string> = {
  image: 'a JPG, PNG, WebP or HEIC image',
  video: 'an MP4 or MOV video',
  audio: 'a WAV or MP3 clip',
};

function checkResolution(value: unknown, spec: V2ModelSpec, endpoint: Endpoint): void {
  if (value === undefined || value === null || value === '') fail('resolution', 'resolution_required', `Choose a resolution: ${spec.resolutions.join(' or ')}.`);
  if (endpoint === 'regeneration') {
    if (value !== '2K') fail('resolution', 'resolution_not_allowed', 'Regeneration renders at 2K: set resolution to "2K".');
    return;
  }
  if (typeof value !== 'string' || !(spec.resolutions as readonly string[]).includes(value)) {
    fail('resolution', 'resolution_not_allowed', `${spec.id} renders ${spec.resolutions.join(' or ')}, not ${String(value)}.`);
  }
}

function checkDuration(value: unknown, spec: V2ModelSpec): void {
  if (value === undefined || value === null) fail('duration', 'duration_required', `Choose a duration of ${spec.minDuration}–${spec.maxDuration} s.`);
  if (typeof value !== 'number' || !Number.isInteger(value)) fail('duration', 'field_type', '"duration" must be a whole number of seconds.');
  if (value < spec.minDuration || value > spec.maxDuration) {
    fail('duration', 'duration_not_allowed', `${spec.id} makes videos of ${spec.minDuration}–${spec.maxDuration} s, not ${value} s.`);
  }
}

function checkRatio(value: unknown, mode: V2Mode): void {
  if (value !== undefined && (typeof value !== 'string' || !(V2_RATIOS as readonly string[]).includes(value))) {
    fail('ratio', 'ratio_unknown', `ratio must be one of ${V2_RATIOS.join(', ')}.`);
  }
  // With frames the image decides the shape and MiniMax treats any ratio as adaptive; references may leave it out.
  if (mode === 't2v' && (value === undefined || value === 'adaptive')) {
    fail('ratio', 'ratio_required', `A text-only video needs a ratio (${V2_FIXED_RATIOS.join(', ')}), not adaptive.`);
  }
}

function checkExtra(value: unknown, spec: V2ModelSpec): void {
  if (value === undefined) return;
  if (!spec.promptExpansion) fail('extra', 'field_not_for_model', `"extra" is for MiniMax-H3-Max only; ${spec.id} takes none.`);
  const keys = typeof value === 'object' && value !== null && !Array.isArray(value) ? Object.keys(value) : null;
  const mode = (value as { prompt_expansion_mode?: unknown } | null)?.prompt_expansion_mode;
  if (!keys || keys.some((k) => k !== 'prompt_expansion_mode') || (mode !== undefined && !(PROMPT_EXPANSION_MODES as readonly unknown[]).includes(mode))) {
    fail('extra', 'extra_invalid', `extra must be {"prompt_expansion_mode": ${PROMPT_EXPANSION_MODES.map((m) => `"${m}"`).join(' | ')}}.`);
  }
}

/** List query parameters MiniMax reads, each checked; anything else is dropped rather than forwarded. */
export function validateV2ListQuery(params: URLSearchParams): { ok: true; value: URLSearchParams } | { ok: false; issue: V2Issue } {
  const out = new URLSearchParams();
  try {
    for (const [name, raw] of params) {
      if (name === 'page_num' || name === 'page_size') {
        if (!/^\d{1,4}$/.test(raw) || Number(raw) < 1) fail(name, 'query_invalid', `${name} must be a whole number from 1.`);
      } else if (name === 'filter.task_ids') {
        if (!/^\d{1,32}$/.test(raw)) fail(name, 'query_invalid', 'filter.task_ids must be task ids (digits).');
      } else if (name === 'filter.status') {
        if (!['queued', 'running', 'succeeded', 'failed', 'cancelled'].includes(raw)) fail(name, 'query_invalid', 'filter.status must be queued, running, succeeded, failed or cancelled.');
      } else if (name === 'filter.model') {
        if (!v2ModelSpec(raw)) fail(name, 'query_invalid', 'filter.model must be MiniMax-H3 or MiniMax-H3-Max.');
      } else if (name === 'filter.task_type') {
        if (!['generation', 'h3_context_ir', 'regeneration'].includes(raw)) fail(name, 'query_invalid', 'filter.task_type must be generation, h3_context_ir or regeneration.');
      } else continue;
      out.append(name, raw);
    }
  } catch (e) {
    if (e instanceof Invalid) return { ok: false, issue: e.issue };
    throw e;
  }
  return { ok: true, value: out };
}
