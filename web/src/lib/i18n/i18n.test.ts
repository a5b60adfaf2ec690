import { describe, expect, it } from 'vitest';
import type { ErrorCode, Rule } from '$contract';
import type { FormRule } from '../form/validate';
import type { TaskStatus } from '../tasks/types';
import { addMessages, dictionaries, loadLocale, type AreaMessages } from './dictionaries';
import { i18n, t } from './index.svelte';
import camera from './messages/camera';
import common from './messages/common';
import connection from './messages/connection';
import commonZh from './messages/common.zh-CN';
import errors from './messages/errors';
import exporting from './messages/exporting';
import form from './messages/form';
import formZh from './messages/form.zh-CN';
import gallery from './messages/gallery';
import h3extras from './messages/h3extras';
import notify from './messages/notify';
import queue from './messages/queue';
import queueZh from './messages/queue.zh-CN';
import references from './messages/references';
import settings from './messages/settings';
import update from './messages/update';
import usability from './messages/usability';

const areas: AreaMessages[] = [
  { en: common, 'zh-CN': commonZh },
  { en: form, 'zh-CN': formZh },
  { en: queue, 'zh-CN': queueZh },
  camera,
  connection,
  errors,
  exporting,
  gallery,
  h3extras,
  settings,
  update,
  notify,
  usability,
  references,
];

// Records keyed by the union types: svelte-check fails when a Rule or ErrorCode is added and not listed here.
const RULES: Record<FormRule, true> = {
  body_not_object: true,
  field_unknown: true,
  field_type: true,
  model_required: true,
  model_unknown: true,
  mode_unsupported: true,
  field_not_for_model: true,
  prompt_required: true,
  prompt_too_long: true,
  resolution_unknown: true,
  resolution_not_allowed: true,
  duration_not_allowed: true,
  image_required: true,
  image_not_url: true,
  image_format: true,
  image_too_large: true,
  image_too_small: true,
  image_aspect: true,
  subject_reference_shape: true,
  url_invalid: true,
  batch_too_large: true,
  references_refused: true,
} satisfies Record<Rule | 'batch_too_large' | 'references_refused', true>;

const ERROR_CODES: Record<ErrorCode, true> = {
  invalid_request: true,
  unauthorized: true,
  forbidden: true,
  not_found: true,
  method_not_allowed: true,
  payload_too_large: true,
  unsupported_media_type: true,
  range_not_satisfiable: true,
  link_expired: true,
  rate_limited: true,
  quota_exhausted: true,
  insufficient_balance: true,
  sensitive_input: true,
  sensitive_output: true,
  invalid_params: true,
  key_rejected: true,
  account_unverified: true,
  model_unavailable: true,
  task_failed: true,
  upstream_error: true,
  upstream_unreadable: true,
  upstream_timeout: true,
  no_key: true,
  idempotency_mismatch: true,
  idempotency_busy: true,
  internal_error: true,
};

// Codes the SPA itself puts on a task or shows (web/src/lib/api/errors.ts, tasks/submit.ts, db/archive.ts).
const SPA_ERROR_CODES = ['network_error', 'client_timeout', 'client_error', 'interrupted', 'aborted', 'imported_unsent', 'rejected'];

const STATUSES: Record<TaskStatus, true> = {
  queued: true,
  submitting: true,
  uncertain: true,
  rejected: true,
  Preparing: true,
  Queueing: true,
  Processing: true,
  Success: true,
  Fail: true,
};

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('i18n', () => {
  it('loads Chinese for the first screen on demand, and the other areas as they arrive', async () => {
    expect(dictionaries.en['form.generate']).toBe('Generate');
    await loadLocale('zh-CN');
    expect(dictionaries['zh-CN']['form.generate']).toBe('生成');
    const lazyAreas = [camera, connection, errors, exporting, gallery, h3extras, settings, update, notify, usability, references];
    for (const area of lazyAreas) addMessages(area);
  });

  it('every area gives the same keys in English and Simplified Chinese', () => {
    for (const area of areas) {
      expect(Object.keys(area['zh-CN']).sort()).toEqual(Object.keys(area.en).sort());
    }
  });

  it('no key is defined by two areas', () => {
    const total = areas.reduce((n, a) => n + Object.keys(a.en).length, 0);
    expect(Object.keys(dictionaries.en)).toHaveLength(total);
  });

  it('translations keep the same placeholders and are not empty', () => {
    for (const [key, en] of Object.entries(dictionaries.en)) {
      const zh = dictionaries['zh-CN'][key];
      expect(zh.trim(), key).not.toBe('');
      expect(placeholders(zh), key).toEqual(placeholders(en));
    }
  });

  it('every validation rule has a sentence in both locales', () => {
    for (const rule of Object.keys(RULES)) {
      expect(dictionaries.en[`rule.${rule}`], rule).toBeTruthy();
      expect(dictionaries['zh-CN'][`rule.${rule}`], rule).toBeTruthy();
    }
  });

  it('every worker error code has a sentence in both locales', () => {
    for (const code of Object.keys(ERROR_CODES)) {
      expect(dictionaries.en[`error.${code}`], code).toBeTruthy();
      expect(dictionaries['zh-CN'][`error.${code}`], code).toBeTruthy();
    }
  });

  it('every error code the SPA itself sets has a sentence in both locales', () => {
    for (const code of SPA_ERROR_CODES) {
      expect(dictionaries.en[`error.${code}`], code).toBeTruthy();
      expect(dictionaries['zh-CN'][`error.${code}`], code).toBeTruthy();
    }
  });

  it('every task status, local ones included, has a label on the first screen in both locales', async () => {
    await loadLocale('zh-CN');
    for (const status of Object.keys(STATUSES)) {
      expect(queue[`status.${status}`], status).toBeTruthy();
      expect(queueZh[`status.${status}`], status).toBeTruthy();
    }
  });

  it('the controls tests find by name are named exactly in English', () => {
    i18n.set('en');
    expect(['form.prompt', 'form.model', 'form.resolution', 'form.duration', 'form.generate'].map((k) => t(k))).toEqual([
      'Prompt',
      'Model',
      'Resolution',
      'Duration',
      'Generate',
    ]);
  });

  it('switches locale and fills placeholders', async () => {
    await loadLocale('zh-CN');
    i18n.set('zh-CN');
    expect(t('form.generate')).toBe('生成');
    expect(t('form.seconds', { n: 6 })).toBe('6 秒');
    i18n.set('en');
    expect(t('form.seconds', { n: 10 })).toBe('10 s');
  });
});
