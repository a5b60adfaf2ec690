// "Remaster at 2K" on the user's word: the price first (a confirm), then a new task followed in the queue.
import { formatUsd } from '../../lib/form/cost';
import { i18n, t } from '../../lib/i18n/index.svelte';
import { remasterCost } from '../../lib/tasks/remaster';
import { studio } from '../../lib/tasks/studio.svelte';
import type { TaskRecord } from '../../lib/tasks/types';
import { sessionResults } from '../queue/session.svelte';

export function remasterPriceText(source: Pick<TaskRecord, 'request' | 'usage'>): string {
  const cost = remasterCost(source);
  return cost.known ? t('remaster.price', { usd: formatUsd(cost.usd, i18n.locale) }) : t('remaster.priceUnknown');
}

/** True when the remaster was queued; false when the user declined. Throws when it could not be queued. */
export async function confirmRemaster(source: TaskRecord, ask: (text: string) => boolean = (text) => confirm(text)): Promise<boolean> {
  if (!ask(t('remaster.confirm', { price: remasterPriceText(source) }))) return false;
  const result = await studio.remaster(source.id);
  if (!result) throw new Error(t('remaster.sourceGone'));
  if (!result.ok) throw new Error(result.issue.message);
  sessionResults.follow(result.items);
  return true;
}
