// The prompt counter's words: per line it says it counts the longest line, and names the lines that are over.
import { addMessages } from '../../lib/i18n/dictionaries';
import { i18n, t } from '../../lib/i18n/index.svelte';
import usability from '../../lib/i18n/messages/usability';
import type { PromptCount } from '../../lib/form/prompt-count';

addMessages(usability);

const SHOWN_LINES = 3;

function linesText(lines: number[]): string {
  if (lines.length === 1) return t('prompt.line', { n: lines[0] });
  const list = lines.slice(0, SHOWN_LINES).join(i18n.locale === 'zh-CN' ? '、' : ', ');
  return t('prompt.lines', { list: lines.length > SHOWN_LINES ? `${list}…` : list });
}

export function promptCountText(count: PromptCount): { text: string; label: string } {
  const params = { n: count.chars, max: count.max };
  if (!count.perLine) return { text: t('form.promptCount', params), label: t('form.promptCountLabel', params) };
  if (!count.overLines.length) return { text: t('prompt.longestLine', params), label: t('prompt.longestLineLabel', params) };
  const lines = linesText(count.overLines);
  return { text: t('prompt.linesOver', { ...params, lines }), label: t('prompt.linesOverLabel', { ...params, lines }) };
}
