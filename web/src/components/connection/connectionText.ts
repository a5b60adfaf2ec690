// A connection test's outcome as a sentence in the reader's language (Settings and the main screen's notice).
import type { ConnectionResult } from '../../lib/api/connection';
import { errorText } from '../../lib/form/describe';
import { addMessages } from '../../lib/i18n/dictionaries';
import { t } from '../../lib/i18n/index.svelte';
import connectionMessages from '../../lib/i18n/messages/connection';

addMessages(connectionMessages);

export function problemText(problem: Extract<ConnectionResult, { kind: 'invalid' }>['problem']): string {
  return t(`connection.problem.${problem}`);
}

export function connectionText(outcome: ConnectionResult): string {
  switch (outcome.kind) {
    case 'connected':
      return t('connection.connected', { origin: outcome.origin, mode: t(`connection.mode.${outcome.mode}`) });
    case 'invalid':
      return problemText(outcome.problem);
    case 'refused':
      return t('connection.refused', { origin: outcome.origin, status: outcome.status, message: errorText(outcome) });
    case 'origin_not_allowed':
      return t('connection.origin_not_allowed', { origin: outcome.origin, pageOrigin: outcome.pageOrigin });
    default:
      return t(`connection.${outcome.kind}`, { origin: outcome.origin });
  }
}
