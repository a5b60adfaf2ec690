// The notifier wired to this page: loaded once there is something to finish (the first Generate, or tasks
// resumed after a reload), so the first screen does not carry it.
import { promptExcerpt } from '../form/describe';
import { addMessages } from '../i18n/dictionaries';
import { i18n, t } from '../i18n/index.svelte';
import messages from '../i18n/messages/notify';
import { studio } from '../tasks/studio.svelte';
import { FinishedNotifier } from './notifier';

addMessages(messages);

export const notifier = new FinishedNotifier({
  onFinished: (listener) => studio.onFinished(listener),
  page: document,
  appTitle: () => t('app.title'),
  heading: (task) => t(task.status === 'Success' ? 'notify.done' : 'notify.failed'),
  body: (task) => promptExcerpt(task.prompt, 100),
  lang: () => i18n.locale,
  notification: globalThis.Notification,
  showViaServiceWorker: async (title, options) => {
    const registration = await navigator.serviceWorker?.ready;
    await registration?.showNotification(title, options);
  },
  focus: () => window.focus(),
});

notifier.start();
