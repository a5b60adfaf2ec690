// Names a queue button by its task ("Remove “A red fox…”"), so a list of them can be told apart by ear.
import { promptExcerpt } from '../../lib/form/describe';
import { addMessages } from '../../lib/i18n/dictionaries';
import { t } from '../../lib/i18n/index.svelte';
import usability from '../../lib/i18n/messages/usability';

addMessages(usability);

export type TaskAction = 'remove' | 'retry' | 'dismiss' | 'cancel' | 'checkNow' | 'play';

export function taskActionName(action: TaskAction, prompt: string): string {
  return t(`task.${action}`, { prompt: promptExcerpt(prompt, 40) });
}
