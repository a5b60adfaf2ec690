// What the Generate button's status line says as a batch's sends settle: green only for tasks MiniMax took.
import { t } from '../i18n/index.svelte';
import type { PacedOutcome, PendingSubmission } from '../tasks/pacer';

export interface SendReport {
  tone: 'neutral' | 'ok' | 'warn';
  text: string;
}

/** The line for `outcomes` settled so far out of `total`; null while none has settled. */
export function reportOf(outcomes: readonly PacedOutcome[], total: number): SendReport | null {
  const taken = outcomes.filter((o) => o.ok).length;
  const refused = outcomes.filter((o) => !o.ok && o.reason !== 'cancelled').length;
  if (taken + refused === 0) return null;
  const parts = [
    ...(taken > 0 ? [t('form.taken', { n: taken, total })] : []),
    ...(refused > 0 ? [t('form.notTaken', { n: refused, total })] : []),
  ];
  return { tone: refused > 0 ? 'warn' : 'ok', text: parts.join(' ') };
}

/** Calls `show` each time one of `items` settles. */
export function sendReport(items: readonly PendingSubmission[], show: (report: SendReport) => void): void {
  const settled: PacedOutcome[] = [];
  for (const item of items) {
    void item.outcome.then((outcome) => {
      settled.push(outcome);
      const report = reportOf(settled, items.length);
      if (report) show(report);
    });
  }
}
