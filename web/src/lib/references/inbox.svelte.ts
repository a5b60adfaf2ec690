// Files on their way into the form's references (picked, dropped or pasted), read one at a time, with a line for
// screen readers saying what happened to each.
import type { GenerateForm } from '../form/form.svelte';
import { t } from '../i18n/index.svelte';
import { promptNames } from './names';
import { readReference } from './read';
import { refusalText } from './text';

class ReferenceInbox {
  status = $state('');
  reading = $state<string | null>(null);

  async add(form: GenerateForm, files: Iterable<File>): Promise<void> {
    for (const file of files) {
      this.reading = file.name;
      this.status = t('refs.reading', { name: file.name });
      try {
        const reference = await readReference(file);
        form.addReferences([reference]);
        const name = promptNames(form.references).get(reference.id);
        this.status = reference.refusal ? refusalText(reference.refusal) : t('refs.added', { name: file.name, ref: name ?? '' });
      } catch {
        const refusal = { rule: 'unreadable' as const, name: file.name, params: { kind: 'image' } };
        form.addReferences([{ id: crypto.randomUUID(), kind: 'image', name: file.name, dataUrl: '', bytes: file.size, refusal }]);
        this.status = refusalText(refusal);
      }
    }
    this.reading = null;
  }
}

export const referenceInbox = new ReferenceInbox();
