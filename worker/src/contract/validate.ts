// Validation of a MiniMax `POST /v1/video_generation` body (contract/README.md, "v1"), run by the worker before
// any upstream call and by the SPA before it sends. Every failure names its field and its rule.

import { IMAGE_LIMITS, imageFactsFromDataUrl, type ImageFacts } from './image';
import {
  durationsFor,
  modelSpec,
  modeOfBody,
  RESOLUTIONS,
  resolutionsFor,
  type Mode,
  type Resolution,
} from './models';
import { PROMPT_MAX_CHARS, promptLength } from './prompt';

export interface SubjectReference {
  type: 'character';
  image: string[];
}

export interface VideoRequest {
  model: string;
  prompt?: string;
  prompt_optimizer?: boolean;
  fast_pretreatment?: boolean;
  duration?: number;
  resolution?: Resolution;
  first_frame_image?: string;
  last_frame_image?: string;
  subject_reference?: SubjectReference[];
  callback_url?: string;
  aigc_watermark?: boolean;
}

export type Rule =
  | 'body_not_object'
  | 'field_unknown'
  | 'field_type'
  | 'model_required'
  | 'model_unknown'
  | 'mode_unsupported'
  | 'field_not_for_model'
  | 'prompt_required'
  | 'prompt_too_long'
  | 'resolution_unknown'
  | 'resolution_not_allowed'
  | 'duration_not_allowed'
  | 'image_required'
  | 'image_not_url'
  | 'image_format'
  | 'image_too_large'
  | 'image_too_small'
  | 'image_aspect'
  | 'subject_reference_shape'
  | 'url_invalid';

export interface ValidationIssue {
  field: string;
  rule: Rule;
  message: string;
  params?: Record<string, string | number>;
}

export type Validation = { ok: true; value: VideoRequest; mode: Mode } | { ok: false; issue: ValidationIssue };

export const FIELDS: Record<keyof VideoRequest, 'string' | 'boolean' | 'number' | 'array'> = {
  model: 'string',
  prompt: 'string',
  prompt_optimizer: 'boolean',
  fast_pretreatment: 'boolean',
  duration: 'number',
  resolution: 'string',
  first_frame_image: 'string',
  last_frame_image: 'string',
  subject_reference: 'array',
  callback_url: 'string',
  aigc_watermark: 'boolean',
};

class Invalid extends Error {
  constructor(readonly issue: ValidationIssue) {
    super(issue.message);
  }
}

function fail(field: string, rule: Rule, message: string, params?: ValidationIssue['params']): never {
  throw new Invalid({ field, rule, message, ...(params ? { params } : {}) });
}

export interface ValidateOptions {
  /** 'forward': a model id the contract does not know is checked only for model-free rules, for MiniMax to judge */
  unknownModel?: 'refuse' | 'forward';
}

export function validateVideoRequest(input: unknown, options: ValidateOptions = {}): Validation {
  try {
    return check(input, options);
  } catch (e) {
    if (e instanceof Invalid) return { ok: false, issue: e.issue };
    throw e;
  }
}

function check(input: unknown, options: ValidateOptions): Validation {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    fail('body', 'body_not_object', 'The request body must be a JSON object.');
  }
  const body = input as Record<string, unknown>;
  for (const [key, value] of Object.entries(body)) {
    if (value === undefined) continue; // JSON.stringify drops it: the same as absent
    const type = Object.hasOwn(FIELDS, key) ? FIELDS[key as keyof VideoRequest] : undefined;
    if (!type) fail(key, 'field_unknown', `"${key}" is not a MiniMax video_generation field.`, { name: key });
    const actual = Array.isArray(value) ? 'array' : typeof value;
    if (actual !== type || (type === 'number' && !Number.isInteger(value))) {
      fail(key, 'field_type', `"${key}" must be ${type === 'number' ? 'a whole number' : `a ${type}`}.`, { type });
    }
  }
  const request = body as unknown as VideoRequest;
  if (!request.model) fail('model', 'model_required', 'Choose a model.');
  const spec = modelSpec(request.model);
  if (!spec && options.unknownModel === 'forward') return checkModelFree(request);
  if (!spec) fail('model', 'model_unknown', `"${request.model}" is not a MiniMax video model.`, { model: request.model });

  const mode = modeOfBody(request);
  if (!spec.modes[mode]) {
    if (mode === 't2v') {
      fail('first_frame_image', 'image_required', `${spec.id} makes video from an image: add a first frame.`, { model: spec.id });
    }
    const field = mode === 'i2v' ? 'first_frame_image' : mode === 'fl2v' ? 'last_frame_image' : 'subject_reference';
    fail(field, 'mode_unsupported', `${spec.id} does not support ${MODE_NAMES[mode]}.`, { model: spec.id, mode });
  }
  if (mode === 'fl2v' && request.first_frame_image === undefined) {
    fail('first_frame_image', 'image_required', 'First and last frame video needs a first frame too.', { model: spec.id });
  }
  if (mode === 's2v' && request.first_frame_image !== undefined) {
    fail('first_frame_image', 'field_not_for_model', 'S2V-01 takes a subject reference, not a first frame.', { model: spec.id });
  }
  if (mode === 's2v' && request.last_frame_image !== undefined) {
    fail('last_frame_image', 'field_not_for_model', 'Only MiniMax-Hailuo-02 takes a last frame.', { model: spec.id });
  }
  if (request.fast_pretreatment !== undefined && !spec.fastPretreatment) {
    fail('fast_pretreatment', 'field_not_for_model', `fast_pretreatment does not apply to ${spec.id}.`, { model: spec.id });
  }

  checkPrompt(request.prompt, mode);
  const value = checkOutput(request, spec.id, mode, spec.fixedOutput);
  if (request.first_frame_image !== undefined) checkImage('first_frame_image', request.first_frame_image);
  if (request.last_frame_image !== undefined) checkImage('last_frame_image', request.last_frame_image);
  if (mode === 's2v') checkSubjectReference(request.subject_reference);
  if (request.callback_url !== undefined && !isWebUrl(request.callback_url)) {
    fail('callback_url', 'url_invalid', 'callback_url must be an http(s) URL.');
  }
  return { ok: true, value, mode };
}

/** The rules that hold for every model (prompt, images, callback): all a model the contract does not know gets. */
function checkModelFree(request: VideoRequest): Validation {
  // MiniMax's ids are short names (MiniMax-Hailuo-02, video-01): anything else is surely not one.
  if (!/^[A-Za-z0-9][\w.-]{0,63}$/.test(request.model)) {
    fail('model', 'model_unknown', `"${request.model}" is not a MiniMax video model.`, { model: request.model });
  }
  const mode = modeOfBody(request);
  checkPrompt(request.prompt, mode);
  if (request.first_frame_image !== undefined) checkImage('first_frame_image', request.first_frame_image);
  if (request.last_frame_image !== undefined) checkImage('last_frame_image', request.last_frame_image);
  if (request.subject_reference !== undefined) checkSubjectReference(request.subject_reference);
  if (request.callback_url !== undefined && !isWebUrl(request.callback_url)) {
    fail('callback_url', 'url_invalid', 'callback_url must be an http(s) URL.');
  }
  return { ok: true, value: request, mode };
}

const MODE_NAMES: Record<Mode, string> = {
  t2v: 'text to video',
  i2v: 'image to video',
  fl2v: 'first and last frame video',
  s2v: 'subject reference video',
};

function checkPrompt(prompt: string | undefined, mode: Mode): void {
  if (mode === 't2v' && !prompt?.trim()) fail('prompt', 'prompt_required', 'Write a prompt: text to video needs one.');
  if (prompt !== undefined) {
    const length = promptLength(prompt);
    if (length > PROMPT_MAX_CHARS) {
      fail('prompt', 'prompt_too_long', `The prompt is ${length} characters; MiniMax takes at most ${PROMPT_MAX_CHARS}.`, {
        length,
        max: PROMPT_MAX_CHARS,
      });
    }
  }
}

/** Checks resolution × duration; for 01-series models drops the fixed 720P / 6 s that MiniMax reportedly rejects. */
function checkOutput(request: VideoRequest, model: string, mode: Mode, fixedOutput: boolean): VideoRequest {
  const allowed = resolutionsFor(model, mode);
  const resolution = request.resolution ?? allowed[0];
  if (!RESOLUTIONS.includes(resolution)) {
    fail('resolution', 'resolution_unknown', `"${resolution}" is not a resolution; use one of ${RESOLUTIONS.join(', ')}.`, {
      resolution,
    });
  }
  if (!allowed.includes(resolution)) {
    fail('resolution', 'resolution_not_allowed', `${model} (${MODE_NAMES[mode]}) offers ${allowed.join(', ')}, not ${resolution}.`, {
      model,
      resolution,
      allowed: allowed.join(', '),
    });
  }
  const durations = durationsFor(model, mode, resolution);
  const duration = request.duration ?? 6;
  if (!durations.includes(duration as 6 | 10)) {
    fail('duration', 'duration_not_allowed', `${model} at ${resolution} makes ${durations.join(' or ')} s videos, not ${duration} s.`, {
      model,
      resolution,
      duration,
      allowed: durations.join(', '),
    });
  }
  if (!fixedOutput) return request;
  const { duration: _d, resolution: _r, ...rest } = request;
  return rest;
}

function checkImage(field: string, image: string): void {
  if (/^https?:\/\//i.test(image)) {
    if (!isWebUrl(image)) fail(field, 'image_not_url', 'The image must be a public http(s) URL or a data URL.');
    return;
  }
  const facts = imageFactsFromDataUrl(image);
  if (!facts) fail(field, 'image_not_url', 'The image must be a public http(s) URL or a data:image/…;base64 URL.');
  const issue = imageIssue(field, facts);
  if (issue) throw new Invalid(issue);
}

/** §2.4 for facts read anywhere (the worker from a data URL, the SPA from a picked file). */
export function imageIssue(field: string, facts: ImageFacts): ValidationIssue | null {
  const mb = (facts.bytes / 1024 / 1024).toFixed(1);
  if (facts.format === 'unknown') {
    return { field, rule: 'image_format', message: 'The image must be a JPG, PNG or WebP file.' };
  }
  if (facts.bytes >= IMAGE_LIMITS.maxBytes) {
    return { field, rule: 'image_too_large', message: `The image is ${mb} MB; MiniMax takes less than 20 MB.`, params: { mb } };
  }
  const short = Math.min(facts.width, facts.height);
  if (short < IMAGE_LIMITS.minShortSide) {
    return {
      field,
      rule: 'image_too_small',
      message: `The image is ${facts.width}×${facts.height}; its short side must be more than 300 px.`,
      params: { width: facts.width, height: facts.height },
    };
  }
  const aspect = facts.width / facts.height;
  if (aspect < IMAGE_LIMITS.minAspect || aspect > IMAGE_LIMITS.maxAspect) {
    return {
      field,
      rule: 'image_aspect',
      message: `The image is ${facts.width}×${facts.height}; its aspect ratio must be between 2:5 and 5:2.`,
      params: { width: facts.width, height: facts.height },
    };
  }
  return null;
}

function checkSubjectReference(value: SubjectReference[] | undefined): void {
  const shape = 'subject_reference must be [{"type":"character","image":["<URL or data URL>"]}] with one subject.';
  if (value === undefined) fail('subject_reference', 'image_required', 'S2V-01 needs a subject reference image.', { model: 'S2V-01' });
  if (value.length !== 1) fail('subject_reference', 'subject_reference_shape', shape);
  const [subject] = value;
  const keys = typeof subject === 'object' && subject !== null ? Object.keys(subject).sort().join() : '';
  if (keys !== 'image,type' || subject.type !== 'character' || !Array.isArray(subject.image)) {
    fail('subject_reference', 'subject_reference_shape', shape);
  }
  if (subject.image.length !== 1 || typeof subject.image[0] !== 'string') {
    fail('subject_reference', 'subject_reference_shape', shape);
  }
  checkImage('subject_reference', subject.image[0]);
}

function isWebUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === 'https:' || url.protocol === 'http:') && !url.username && !url.password && !!url.hostname;
  } catch {
    return false;
  }
}
