// The price of what the form would send, before Generate: per video and for the whole batch.
import { estimateV2Cost, isV2Model, type Cost } from '$contract';
import type { FormReference } from '../references/rules';
import type { FormValues } from './request';

export interface FormCost {
  each: Cost;
  /** the batch together; unknown if each is */
  total: Cost;
  count: number;
}

type Priced = Pick<FormValues, 'model' | 'resolution' | 'duration' | 'mode' | 'images'> & { sentReferences?: readonly FormReference[] };

export function formCost(values: Priced, count: number): FormCost {
  const frames = values.mode === 'fl2v' ? 2 : values.mode === 'i2v' ? 1 : 0;
  const references = values.sentReferences ?? [];
  const images = frames + references.filter((r) => r.kind === 'image').length;
  const videoSeconds = references.flatMap((r) => (r.kind === 'video' && r.seconds !== undefined ? [r.seconds] : []));
  const each = isV2Model(values.model)
    ? estimateV2Cost({ model: values.model, resolution: values.resolution, duration: values.duration, images, videoSeconds })
    : ({ known: false } as const);
  const total: Cost = each.known ? { ...each, usd: Math.round(each.usd * count * 10_000) / 10_000 } : each;
  return { each, total, count };
}

/** The two languages the studio speaks write dollars alike but for the sign ("US$" in Chinese). */
const DOLLAR_SIGN: Record<string, string> = { en: '$', 'en-US': '$', 'zh-CN': 'US$' };

/**
 * Dollars as people read prices: cents, or a tenth of a cent under ten cents. Written by hand for our languages:
 * the first currency `Intl.NumberFormat` of a page loads locale data, tens of milliseconds of its first paint on a
 * busy machine (a profile showed it); the tests hold it to what Intl writes.
 */
export function formatUsd(usd: number, locale: string): string {
  const digits = usd < 0.1 && usd > 0 ? 3 : 2;
  const sign = DOLLAR_SIGN[locale];
  const shortest = String(Math.abs(usd));
  if (sign === undefined || !Number.isFinite(usd) || shortest.includes('e')) {
    return new Intl.NumberFormat(locale, { style: 'currency', currency: 'USD', minimumFractionDigits: 2, maximumFractionDigits: digits }).format(usd);
  }
  // Rounded half up on the decimal digits (as Intl does: 0.0455 is $0.046, though 0.0455 * 1000 is 45.4999…).
  const units = Math.round(Number(`${shortest}e${digits}`));
  const scale = 10 ** digits;
  let fraction = String(units % scale).padStart(digits, '0');
  if (digits === 3 && fraction.endsWith('0')) fraction = fraction.slice(0, 2);
  const grouped = String(Math.floor(units / scale)).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${usd < 0 ? '-' : ''}${sign}${grouped}.${fraction}`;
}
