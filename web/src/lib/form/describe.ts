// Sentences for what the form and the queue show, through t(): issues, worker errors, notes, parameters, times.
import { modelSpec, type ValidationIssue } from '$contract';
import { has, i18n, t, type Params } from '../i18n/index.svelte';
import type { TaskError, TaskRecord } from '../tasks/types';
import type { FormNote } from './form.svelte';
import type { FormIssue } from './validate';

function withModeName(params: Params): Params {
  return typeof params.mode === 'string' ? { ...params, mode: t(`mode.${params.mode}`) } : params;
}

/** A validation issue in the reader's language (by `rule.<rule>`), else the contract's English sentence. */
export function issueText(issue: FormIssue | ValidationIssue): string {
  const key = `rule.${issue.rule}`;
  if (!has(key)) return issue.message;
  const text = t(key, withModeName({ field: issue.field, ...('params' in issue ? issue.params : {}) }));
  return text.includes('{') ? issue.message : text; // a v2 issue carries no params for a v1 sentence
}

/** Codes whose stored sentence carries details no dictionary has (MiniMax's own words, the rule that failed). */
const OWN_WORDS = new Set(['task_failed', 'invalid_request']);

/**
 * A worker error stored on a task, by `error.<code>` in every language, so English and Chinese say the same thing.
 * English readers get the stored sentence where it carries details (OWN_WORDS) or the code is not in the dictionary.
 */
export function errorText(error: TaskError): string {
  const key = `error.${error.code}`;
  const ownWords = i18n.locale === 'en' && OWN_WORDS.has(error.code) && !!error.message;
  return has(key) && !ownWords ? t(key) : error.message;
}

export function noteText(note: FormNote): string {
  switch (note.kind) {
    case 'model':
      return t('note.model', { from: note.from, to: note.to, mode: t(`mode.${note.mode}`) });
    case 'resolution':
      return t('note.resolution', { model: note.model, from: note.from, to: note.to });
    case 'duration':
      return t('note.duration', { model: note.model, resolution: note.resolution, from: note.from, to: note.to });
    default:
      return t(`note.${note.kind}`, { model: note.model });
  }
}

/** "MiniMax-Hailuo-2.3 · 768P · 6 s"; fixed-output models show MiniMax's fixed 720P / 6 s. */
export function paramsText(task: Pick<TaskRecord, 'model' | 'request'>): string {
  const fixed = modelSpec(task.model)?.fixedOutput;
  const resolution = task.request.resolution ?? (fixed ? '720P' : '');
  const duration = task.request.duration ?? (fixed ? 6 : undefined);
  return [task.model, resolution, duration === undefined ? '' : t('form.seconds', { n: duration })]
    .filter(Boolean)
    .join(' · ');
}

export function durationText(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  if (s < 60) return t('time.seconds', { s });
  const m = Math.floor(s / 60);
  return s % 60 === 0 ? t('time.minutes', { m }) : t('time.minutesSeconds', { m, s: s % 60 });
}

export function promptExcerpt(prompt: string, max = 120): string {
  const chars = [...prompt.trim()];
  if (!chars.length) return t('queue.noPrompt');
  return chars.length > max ? `${chars.slice(0, max - 1).join('')}…` : chars.join('');
}

export function bytesText(bytes: number): string {
  const units = ['B', 'KB', 'MB', 'GB', 'TB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${value.toFixed(value < 10 && unit > 0 ? 1 : 0)} ${units[unit]}`;
}
