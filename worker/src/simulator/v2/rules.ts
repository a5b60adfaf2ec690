// The simulator's own reading of MiniMax's v2 body rules (shared/minimax-v2.md §1, §3), written independently of
// worker/src/contract on purpose: it is the oracle the shared validator is tested against. Strict where the
// reference is VERIFIED, tolerant where it is not (unknown top-level fields such as `seed` are ignored).
// H3-Max takes reference (R2V) inputs: the newest reference page says so, older ones say "coming soon".
// Every problem is a full 2013 message without its " (2013)" tail.

import { nearestRatio, RATIOS, type Ratio } from './sizes';
import { isHttpUrl, pixelProblem, readMediaUrl, type MediaInput, type MediaKind } from './media-input';

export type Endpoint = 'generation' | 'context_ir' | 'regeneration';

interface ModelRule {
  resolutions: string[];
  minDuration: number;
}

export const V2_MODELS: Record<string, ModelRule> = {
  'MiniMax-H3': { resolutions: ['768P', '2K'], minDuration: 4 },
  'MiniMax-H3-Max': { resolutions: ['480P', '768P'], minDuration: 5 },
};
const MAX_DURATION = 15;
const MAX_TEXT = 7000;
const RATIO_VALUES = ['adaptive', ...RATIOS];
const EXPANSION_MODES = ['disabled', 'balanced', 'quality'];

const IMAGE_ROLES = ['first_frame', 'last_frame', 'reference_image'];
const ROLES: Record<MediaKind, string[]> = { image: IMAGE_ROLES, video: ['reference_video'], audio: ['reference_audio'] };
const LIMITS: Record<string, number> = { first_frame: 1, last_frame: 1, reference_image: 9, reference_video: 3, reference_audio: 3 };
const MAX_REFERENCES = 12;

export const MISSING_TEXT = 'invalid params, content must include a non-empty text item (prompt is required)';
export const T2V_RATIO = "invalid params, ratio is required for t2va (text-only) and cannot be 'adaptive'; allowed: 16:9/4:3/1:1/3:4/9:16/21:9";

export interface MediaItem extends MediaInput {
  kind: MediaKind;
  role: string;
}

export interface V2Request {
  model: string;
  /** '' for Context-IR */
  resolution: string;
  /** asked seconds; regeneration takes the base video's instead (0 here) */
  duration: number;
  text: string;
  mode: 't2v' | 'i2v' | 'r2v';
  /** the ratio the output uses (T2V: the asked one; otherwise read from an input where readable, else 16:9) */
  ratio: Ratio;
  media: MediaItem[];
  baseVideo?: MediaItem;
}

export function supportedDurations(model: string): string {
  const out: string[] = [];
  for (let s = V2_MODELS[model].minDuration; s <= MAX_DURATION; s++) out.push(`${s}s`);
  return out.join(', ');
}

export function checkV2Body(input: unknown, endpoint: Endpoint): V2Request | string {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) return 'invalid params, request body must be a JSON object';
  const body = input as Record<string, unknown>;

  if (body.model === undefined || body.model === '') return 'invalid params, model is required';
  if (typeof body.model !== 'string' || !Object.hasOwn(V2_MODELS, body.model)) return `invalid params, model ${String(body.model)} is not supported`;
  const model = body.model;
  if (endpoint === 'regeneration' && model !== 'MiniMax-H3') {
    return `invalid params, model ${model} does not support video regeneration, supported models: MiniMax-H3`;
  }

  if (body.content === undefined) return 'invalid params, content is required';
  if (!Array.isArray(body.content)) return 'invalid params, content must be an array';

  const resolution = checkResolution(body, model, endpoint);
  if (resolution.problem) return resolution.problem;

  let duration = 0;
  if (endpoint !== 'regeneration') {
    if (body.duration === undefined) return 'invalid params, duration is required';
    if (typeof body.duration !== 'number' || !Number.isInteger(body.duration)) return 'invalid params, duration must be an integer';
    duration = body.duration;
    if (duration < V2_MODELS[model].minDuration || duration > MAX_DURATION) {
      return `model ${model} does not support duration ${duration}s, supported durations: ${supportedDurations(model)}`;
    }
  }

  if (body.ratio !== undefined && (typeof body.ratio !== 'string' || !RATIO_VALUES.includes(body.ratio))) {
    return `invalid params, ratio must be one of ${RATIO_VALUES.join(', ')}`;
  }
  if (body.callback_url !== undefined && (typeof body.callback_url !== 'string' || !isHttpUrl(body.callback_url))) {
    return 'invalid params, callback_url must be an http(s) URL';
  }
  if (body.aigc_watermark !== undefined && typeof body.aigc_watermark !== 'boolean') return 'invalid params, aigc_watermark must be a boolean';
  const extraProblem = checkExtra(body.extra, model);
  if (extraProblem) return extraProblem;

  const content = readContent(body.content, endpoint);
  if (typeof content === 'string') return content;
  const { text, media, baseVideo } = content;

  const roles = media.map((m) => m.role);
  const count = (role: string) => roles.filter((r) => r === role).length;
  for (const [role, limit] of Object.entries(LIMITS)) {
    if (count(role) > limit) return `invalid params, at most ${limit} ${role} item${limit > 1 ? 's are' : ' is'} allowed`;
  }
  const references = roles.filter((r) => r.startsWith('reference_')).length;
  if (references > MAX_REFERENCES) return `invalid params, at most ${MAX_REFERENCES} reference files are allowed in total`;
  const frames = count('first_frame') + count('last_frame');
  if (frames > 0 && references > 0) {
    return 'invalid params, first_frame/last_frame cannot be combined with reference_image, reference_video or reference_audio';
  }
  if (count('reference_audio') > 0 && count('reference_image') + count('reference_video') === 0) {
    return 'invalid params, reference_audio cannot be input alone; add a reference_image or reference_video';
  }
  // The reference lists last-frame-only as a mode but also says last_frame "must be paired with first_frame";
  // we refuse it, as two client libraries do, so nothing we accept can be refused upstream.
  if (count('last_frame') > 0 && count('first_frame') === 0) return 'invalid params, last_frame must be paired with first_frame';

  const durations = checkReferenceDurations(media);
  if (durations) return durations;

  const mode = frames > 0 ? 'i2v' : references > 0 ? 'r2v' : 't2v';
  if (mode === 't2v' && endpoint === 'generation' && (body.ratio === undefined || body.ratio === 'adaptive')) return T2V_RATIO;

  return {
    model,
    resolution: resolution.value,
    duration,
    text,
    mode,
    ratio: outputRatio(mode, body.ratio as string | undefined, media),
    media,
    ...(baseVideo ? { baseVideo } : {}),
  };
}

function checkResolution(body: Record<string, unknown>, model: string, endpoint: Endpoint): { value: string; problem?: string } {
  if (endpoint === 'context_ir') {
    return body.resolution === undefined ? { value: '' } : { value: '', problem: 'invalid params, resolution is not a field of h3_context_ir' };
  }
  if (body.resolution === undefined) return { value: '', problem: 'invalid params, resolution is required' };
  if (endpoint === 'regeneration') {
    return body.resolution === '2K' ? { value: '2K' } : { value: '', problem: 'invalid params, resolution must be 2K for video regeneration' };
  }
  const allowed = V2_MODELS[model].resolutions;
  if (typeof body.resolution !== 'string' || !allowed.includes(body.resolution)) {
    return { value: '', problem: `invalid params, model ${model} does not support resolution ${String(body.resolution)}, supported resolutions: ${allowed.join(', ')}` };
  }
  return { value: body.resolution };
}

function checkExtra(extra: unknown, model: string): string | null {
  if (extra === undefined) return null;
  if (model !== 'MiniMax-H3-Max') return 'invalid params, extra is only supported by MiniMax-H3-Max';
  if (typeof extra !== 'object' || extra === null || Array.isArray(extra)) return 'invalid params, extra must be an object';
  for (const key of Object.keys(extra)) {
    if (key !== 'prompt_expansion_mode') return `invalid params, extra.${key} is not a supported field`;
  }
  const mode = (extra as Record<string, unknown>).prompt_expansion_mode;
  if (mode !== undefined && (typeof mode !== 'string' || !EXPANSION_MODES.includes(mode))) {
    return `invalid params, extra.prompt_expansion_mode must be one of ${EXPANSION_MODES.join(', ')}`;
  }
  return null;
}

function readContent(items: unknown[], endpoint: Endpoint): { text: string; media: MediaItem[]; baseVideo?: MediaItem } | string {
  const texts: string[] = [];
  const media: MediaItem[] = [];
  const bases: MediaItem[] = [];
  const pending: { where: string; kind: MediaKind; role: unknown; url: unknown }[] = [];
  for (const [i, item] of items.entries()) {
    const where = `content[${i}]`;
    if (typeof item !== 'object' || item === null || Array.isArray(item)) return `invalid params, ${where} must be an object`;
    const entry = item as Record<string, unknown>;
    if (entry.type === 'text') {
      if (typeof entry.text !== 'string') return `invalid params, ${where}.text must be a string`;
      texts.push(entry.text);
      continue;
    }
    const kind = ({ image_url: 'image', video_url: 'video', audio_url: 'audio' } as const)[entry.type as string];
    if (!kind) return `invalid params, ${where}.type must be one of text, image_url, video_url, audio_url`;
    const holder = entry[`${kind}_url`];
    if (typeof holder !== 'object' || holder === null) return `invalid params, ${where}.${kind}_url must be an object with a url`;
    pending.push({ where, kind, role: entry.role, url: (holder as Record<string, unknown>).url });
  }

  const lone = pending.length === 1 && pending[0].kind === 'image' && pending[0].role === undefined;
  for (const { where, kind, role: asked, url } of pending) {
    const role = lone ? 'first_frame' : asked;
    if (role === undefined) return `invalid params, ${where}.role is required`;
    if (kind === 'video' && role === 'base_video') {
      if (endpoint !== 'regeneration') return `invalid params, ${where}.role base_video is only accepted by /v2/video_regeneration`;
    } else if (typeof role !== 'string' || !ROLES[kind].includes(role)) {
      return `invalid params, ${where}.role ${String(role)} is not valid for ${kind}_url, allowed: ${ROLES[kind].join(', ')}`;
    }
    const read = readMediaUrl(url, kind, where);
    if (typeof read === 'string') return read;
    const item: MediaItem = { ...read, kind, role: role as string };
    const facts = item.video?.video;
    if (facts && role !== 'base_video') {
      const problem = pixelProblem(facts.width, facts.height, where, 'video');
      if (problem) return problem;
      if (facts.fps < 23.976 - 0.01 || facts.fps > 60.01) return `invalid params, ${where} video frame rate must be 23.976–60 fps`;
    }
    (role === 'base_video' ? bases : media).push(item);
  }

  const nonEmpty = texts.filter((t) => t.trim() !== '');
  if (nonEmpty.length === 0) return MISSING_TEXT;
  if (texts.length > 1) return 'invalid params, content must include exactly one text item';
  if ([...texts[0]].length > MAX_TEXT) return `invalid params, text must be at most ${MAX_TEXT} characters`;
  if (endpoint === 'regeneration' && bases.length !== 1) return 'invalid params, content must include exactly one video_url item with role base_video';
  return { text: texts[0], media, ...(bases[0] ? { baseVideo: bases[0] } : {}) };
}

/** Readable reference videos and audios: each 2–15 s, and ≤ 15 s per kind in total. */
function checkReferenceDurations(media: MediaItem[]): string | null {
  for (const kind of ['video', 'audio'] as const) {
    let total = 0;
    for (const item of media.filter((m) => m.kind === kind)) {
      const seconds = kind === 'video' ? item.video?.seconds : item.audioSeconds;
      if (seconds === undefined) continue;
      if (seconds < 2 || seconds > 15) return `invalid params, each reference_${kind} must last 2–15 s`;
      total += seconds;
    }
    if (total > 15) return `invalid params, reference_${kind} items must last at most 15 s in total`;
  }
  return null;
}

function outputRatio(mode: V2Request['mode'], asked: string | undefined, media: MediaItem[]): Ratio {
  if (mode === 't2v') return (asked as Ratio | undefined) ?? '16:9';
  if (mode === 'r2v' && asked !== undefined && asked !== 'adaptive') return asked as Ratio;
  // I2V follows its image whatever ratio was sent; R2V "adaptive" follows its first readable reference.
  for (const item of mode === 'i2v' ? media : media.filter((m) => m.kind !== 'audio')) {
    const size = item.image ?? item.video?.video;
    if (size && size.width > 0 && size.height > 0) return nearestRatio(size.width, size.height);
  }
  return '16:9';
}
