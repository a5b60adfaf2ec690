// The simulator's own reading of MiniMax's create-body rules (shared/minimax-api.md §2.1–§2.5), written
// independently of worker/src/contract/validate.ts and models.ts on purpose: it is the oracle that catches bugs
// in the shared validator. Only the image header reader (contract/image.ts) is reused.
//
// Returns null when MiniMax would accept the body, else the "<what>" of `2013 invalid params, <what>`.

import { imageFactsFromDataUrl } from '../contract/image';

type Family = 'hailuo' | 'series01';

interface ModelRule {
  family: Family;
  text: boolean; // text to video without any image
  firstFrame: boolean; // first_frame_image accepted
  lastFrame: boolean; // first + last frame
  subject: boolean; // subject_reference (required when true)
}

const MODEL_RULES: Record<string, ModelRule> = {
  'MiniMax-Hailuo-2.3': { family: 'hailuo', text: true, firstFrame: true, lastFrame: false, subject: false },
  'MiniMax-Hailuo-2.3-Fast': { family: 'hailuo', text: false, firstFrame: true, lastFrame: false, subject: false },
  'MiniMax-Hailuo-02': { family: 'hailuo', text: true, firstFrame: true, lastFrame: true, subject: false },
  'T2V-01-Director': { family: 'series01', text: true, firstFrame: false, lastFrame: false, subject: false },
  'T2V-01': { family: 'series01', text: true, firstFrame: false, lastFrame: false, subject: false },
  'I2V-01-Director': { family: 'series01', text: false, firstFrame: true, lastFrame: false, subject: false },
  'I2V-01-live': { family: 'series01', text: false, firstFrame: true, lastFrame: false, subject: false },
  'I2V-01': { family: 'series01', text: false, firstFrame: true, lastFrame: false, subject: false },
  'S2V-01': { family: 'series01', text: false, firstFrame: false, lastFrame: false, subject: true },
};

export const SIMULATED_MODELS = Object.keys(MODEL_RULES);

const FIELD_TYPES: Record<string, 'string' | 'boolean' | 'integer' | 'array'> = {
  model: 'string',
  prompt: 'string',
  prompt_optimizer: 'boolean',
  fast_pretreatment: 'boolean',
  duration: 'integer',
  resolution: 'string',
  first_frame_image: 'string',
  last_frame_image: 'string',
  subject_reference: 'array',
  callback_url: 'string',
  aigc_watermark: 'boolean',
};

const MAX_PROMPT_CODE_POINTS = 2000;
const MAX_IMAGE_BYTES = 20 * 1024 * 1024; // "< 20 MB"
const MIN_SHORT_SIDE_EXCLUSIVE = 300; // "short side > 300 px"
const MIN_ASPECT = 2 / 5;
const MAX_ASPECT = 5 / 2;

/** Output sizes reported by query on Success (768P/512P UNCONFIRMED, see §2.3). */
export const OUTPUT_SIZE: Record<string, { width: number; height: number }> = {
  '1080P': { width: 1920, height: 1080 },
  '768P': { width: 1366, height: 768 },
  '720P': { width: 1280, height: 720 },
  '512P': { width: 912, height: 512 },
};

function typeOf(value: unknown): string {
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number' && Number.isInteger(value)) return 'integer';
  return value === null ? 'null' : typeof value;
}

/** The resolution MiniMax renders for an accepted body. */
export function outputResolution(body: Record<string, unknown>): string {
  if (typeof body.resolution === 'string') return body.resolution;
  return MODEL_RULES[body.model as string]?.family === 'series01' ? '720P' : '768P';
}

export function checkCreateBody(input: unknown): string | null {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) return 'body must be a JSON object';
  const body = input as Record<string, unknown>;
  for (const [field, expected] of Object.entries(FIELD_TYPES)) {
    if (Object.hasOwn(body, field) && typeOf(body[field]) !== expected) return `${field} must be ${expected}`;
  }
  if (body.model === undefined || body.model === '') return 'model is required';
  const model = body.model as string;
  const rule = Object.hasOwn(MODEL_RULES, model) ? MODEL_RULES[model] : undefined;
  if (!rule) return `model ${model} not supported`;

  const hasFirst = body.first_frame_image !== undefined;
  const hasLast = body.last_frame_image !== undefined;
  const hasSubject = body.subject_reference !== undefined;

  if (hasSubject && !rule.subject) return `subject_reference not supported by ${model}`;
  if (rule.subject && !hasSubject) return `subject_reference is required for ${model}`;
  if (hasFirst && !rule.firstFrame) return `first_frame_image not supported by ${model}`;
  if (hasLast && !rule.lastFrame) return `last_frame_image not supported by ${model}`;
  if (hasLast && !hasFirst) return 'first_frame_image is required with last_frame_image';
  if (!hasFirst && !rule.text && !rule.subject) return `first_frame_image is required for ${model}`;

  const prompt = body.prompt as string | undefined;
  const textOnly = !hasFirst && !hasSubject;
  if (textOnly && (prompt === undefined || prompt.trim() === '')) return 'prompt is required';
  if (prompt !== undefined && [...prompt].length > MAX_PROMPT_CODE_POINTS) {
    return `prompt exceeds ${MAX_PROMPT_CODE_POINTS} characters`;
  }

  const outputProblem = checkOutput(rule, body.resolution as string | undefined, body.duration as number | undefined, {
    i2vOnly: hasFirst && !hasLast,
    model,
  });
  if (outputProblem) return outputProblem;

  if (hasFirst) {
    const problem = checkImage('first_frame_image', body.first_frame_image as string);
    if (problem) return problem;
  }
  if (hasLast) {
    const problem = checkImage('last_frame_image', body.last_frame_image as string);
    if (problem) return problem;
  }
  if (hasSubject) {
    const problem = checkSubject(body.subject_reference as unknown[]);
    if (problem) return problem;
  }
  if (body.callback_url !== undefined && !isHttpUrl(body.callback_url as string)) return 'callback_url must be an http(s) URL';
  return null;
}

function checkOutput(
  rule: ModelRule,
  resolution: string | undefined,
  duration: number | undefined,
  ctx: { i2vOnly: boolean; model: string },
): string | null {
  if (rule.family === 'series01') {
    if (resolution !== undefined && resolution !== '720P') return `resolution ${resolution} not supported by ${ctx.model}`;
    if (duration !== undefined && duration !== 6) return `duration ${duration} not supported by ${ctx.model}`;
    return null;
  }
  const res = resolution ?? '768P';
  const allowed = ['768P', '1080P'];
  if (ctx.model === 'MiniMax-Hailuo-02' && ctx.i2vOnly) allowed.push('512P');
  if (!allowed.includes(res)) return `resolution ${res} not supported by ${ctx.model} in this mode`;
  const dur = duration ?? 6;
  const durations = res === '1080P' ? [6] : [6, 10];
  if (!durations.includes(dur)) return `duration ${dur} not supported at ${res}`;
  return null;
}

function checkImage(field: string, image: string): string | null {
  if (/^https?:\/\//i.test(image)) return isHttpUrl(image) ? null : `${field} is not a valid url`;
  if (!/^data:/i.test(image)) return `${field} must be a url or a base64 data url`;
  const facts = imageFactsFromDataUrl(image);
  if (!facts) return `${field} must be a base64 data url`;
  if (!['jpeg', 'png', 'webp'].includes(facts.format)) return `${field} format must be jpg, jpeg, png or webp`;
  if (facts.bytes >= MAX_IMAGE_BYTES) return `${field} must be smaller than 20MB`;
  if (Math.min(facts.width, facts.height) <= MIN_SHORT_SIDE_EXCLUSIVE) return `${field} short side must exceed 300px`;
  const aspect = facts.width / facts.height;
  if (aspect < MIN_ASPECT || aspect > MAX_ASPECT) return `${field} aspect ratio must be between 2:5 and 5:2`;
  return null;
}

function checkSubject(subjects: unknown[]): string | null {
  if (subjects.length !== 1) return 'subject_reference supports exactly one subject';
  const subject = subjects[0] as { type?: unknown; image?: unknown } | null;
  if (typeof subject !== 'object' || subject === null || Array.isArray(subject)) return 'subject_reference item must be an object';
  if (subject.type !== 'character') return 'subject_reference type must be character';
  if (!Array.isArray(subject.image) || subject.image.length !== 1 || typeof subject.image[0] !== 'string') {
    return 'subject_reference image must be an array with one url';
  }
  return checkImage('subject_reference.image', subject.image[0]);
}

function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== '';
  } catch {
    return false;
  }
}
