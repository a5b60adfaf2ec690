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

/** Dollars as people read prices: cents, or a tenth of a cent under ten cents. */
export function formatUsd(usd: number, locale: string): string {
  const digits = usd < 0.1 && usd > 0 ? 3 : 2;
  return new Intl.NumberFormat(locale, { style: 'currency', currency: 'USD', minimumFractionDigits: 2, maximumFractionDigits: digits }).format(usd);
}
