// A refusal as a sentence in the reader's language, naming the file and the rule.
import { t } from '../i18n/index.svelte';
import type { Params } from '../i18n/index.svelte';
import type { Refusal } from './rules';

export function refusalText(refusal: Refusal): string {
  const kind = refusal.params.kind;
  const kinds: Params = typeof kind === 'string' ? { kind: t(`refs.kind.${kind}`), kinds: t(`refs.kinds.${kind}`) } : {};
  return t(`refs.rule.${refusal.rule}`, { ...refusal.params, ...kinds, name: refusal.name });
}
