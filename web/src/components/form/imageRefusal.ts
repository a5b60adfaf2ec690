// The sentence shown when a picked image is refused: the file's name, then the rule it breaks.
import { issueText } from '../../lib/form/describe';
import { addMessages } from '../../lib/i18n/dictionaries';
import { t } from '../../lib/i18n/index.svelte';
import usability from '../../lib/i18n/messages/usability';
import type { PreparedImage } from '../../lib/images/prepare';

addMessages(usability);

export function imageRefusal(fileName: string, refused: Extract<PreparedImage, { ok: false }>): string {
  const rule = issueText(refused.issue);
  const text = refused.couldNotShrink ? t('image.couldNotShrink', { rule }) : rule;
  return fileName ? t('image.fileIssue', { name: fileName, text }) : text;
}
