import { flushSync } from 'svelte';
import { describe, expect, it } from 'vitest';
import { loadLocale } from '../../lib/i18n/dictionaries';
import { i18n } from '../../lib/i18n/index.svelte';
import { useGenerateForm } from './testForm';

describe('the prompt counter with one prompt per line', () => {
  const mountForm = useGenerateForm();

  function render(): { root: HTMLElement; type(text: string): void; counter(): HTMLElement } {
    const root = mountForm();
    root.querySelector<HTMLInputElement>('input[name=batch][value=lines]')!.click();
    flushSync();
    const prompt = root.querySelector<HTMLTextAreaElement>('#prompt')!;
    return {
      root,
      type(text) {
        prompt.value = text;
        prompt.dispatchEvent(new Event('input'));
        flushSync();
      },
      counter: () => root.querySelector<HTMLElement>('#prompt-count')!,
    };
  }

  it('says it counts the longest line', () => {
    i18n.set('en');
    const form = render();
    form.type(`A cat\n${'x'.repeat(1234)}\nA dog`);
    expect(form.counter().textContent).toBe('Longest line: 1234 / 2000');
    expect(form.counter().getAttribute('aria-label')).toBe('Longest line: 1234 of 2000 characters');
  });

  it('names the lines that are over, and Generate stays blocked', () => {
    i18n.set('en');
    const form = render();
    form.type(`A cat\n\n${'x'.repeat(2001)}`);
    expect(form.counter().textContent).toBe('Line 3 over: 2001 / 2000');
    form.type(`${'y'.repeat(2100)}\nA cat\n${'x'.repeat(2001)}`);
    expect(form.counter().textContent).toBe('Lines 1, 3 over: 2100 / 2000');
    expect(form.root.querySelector<HTMLButtonElement>('button[type=submit]')?.disabled).toBe(true);
  });

  it('in Chinese', async () => {
    await loadLocale('zh-CN');
    i18n.set('zh-CN');
    const form = render();
    form.type('短\n' + 'x'.repeat(30));
    expect(form.counter().textContent).toBe('最长一行：30 / 2000');
    form.type('x'.repeat(2001));
    expect(form.counter().textContent).toBe('第 1 行超出：2001 / 2000');
  });
});
