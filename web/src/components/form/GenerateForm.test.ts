import { flushSync } from 'svelte';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { studio } from '../../lib/tasks/studio.svelte';
import { useGenerateForm } from './testForm';

function byLabel(root: HTMLElement, text: string): HTMLElement {
  const label = [...root.querySelectorAll('label')].find((l) => l.textContent?.trim() === text);
  const control = label?.htmlFor ? root.querySelector<HTMLElement>(`#${label.htmlFor}`) : null;
  if (!control) throw new Error(`no control labelled ${text}`);
  return control;
}

describe('GenerateForm', () => {
  const render = useGenerateForm();
  afterEach(() => vi.restoreAllMocks());

  it('names its controls Prompt, Model, Resolution, Duration and Generate', () => {
    const root = render();
    expect(byLabel(root, 'Prompt').tagName).toBe('TEXTAREA');
    expect(byLabel(root, 'Model').tagName).toBe('SELECT');
    expect(byLabel(root, 'Resolution').tagName).toBe('SELECT');
    expect(byLabel(root, 'Duration').tagName).toBe('SELECT');
    const generate = [...root.querySelectorAll('button')].find((b) => b.textContent?.trim() === 'Generate');
    expect(generate?.type).toBe('submit');
  });

  it('offers only the valid durations and notes what a switch dropped', () => {
    const root = render();
    const duration = byLabel(root, 'Duration') as HTMLSelectElement;
    const resolution = byLabel(root, 'Resolution') as HTMLSelectElement;
    duration.value = '10';
    duration.dispatchEvent(new Event('change', { bubbles: true }));
    flushSync();
    resolution.value = '1080P';
    resolution.dispatchEvent(new Event('change', { bubbles: true }));
    flushSync();
    expect([...duration.options].map((o) => o.value)).toEqual(['6']);
    expect(root.textContent).toContain('1080P isn’t offered by MiniMax-Hailuo-2.3 at 10 s — switched to 6 s.');
  });

  it('shows the counter and blocks Generate above 2000 characters', () => {
    const root = render();
    const prompt = byLabel(root, 'Prompt') as HTMLTextAreaElement;
    prompt.value = 'x'.repeat(2001);
    prompt.dispatchEvent(new Event('input'));
    flushSync();
    expect(root.querySelector('#prompt-count')?.textContent).toBe('2001 / 2000');
    const generate = root.querySelector<HTMLButtonElement>('button[type=submit]');
    expect(generate?.disabled).toBe(true);
  });

  it('submits the exact MiniMax body, and shows the issue next to the prompt when invalid', async () => {
    const submit = vi.spyOn(studio, 'submit').mockResolvedValue({ ok: true, items: [] });
    const root = render();
    const form = root.querySelector('form')!;
    form.dispatchEvent(new Event('submit', { cancelable: true }));
    await vi.waitFor(() => expect(root.querySelector('#prompt-issue')?.textContent).toBeTruthy());
    expect(submit).not.toHaveBeenCalled();

    const prompt = byLabel(root, 'Prompt') as HTMLTextAreaElement;
    prompt.value = 'A cat';
    prompt.dispatchEvent(new Event('input'));
    flushSync();
    prompt.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', ctrlKey: true, bubbles: true }));
    await vi.waitFor(() => expect(submit).toHaveBeenCalled());
    expect(submit.mock.calls[0][0]).toEqual([{ model: 'MiniMax-Hailuo-2.3', prompt: 'A cat', duration: 6, resolution: '768P' }]);
  });

  it('on MiniMax-H3: a whole-second slider, shapes for text only, the price before Generate, the v2 body sent', async () => {
    const submit = vi.spyOn(studio, 'submit').mockResolvedValue({ ok: true, items: [] });
    const root = render('MiniMax-H3');
    const duration = byLabel(root, 'Duration') as HTMLInputElement;
    expect([duration.type, duration.min, duration.max, duration.step]).toEqual(['range', '4', '15', '1']);
    duration.value = '10';
    duration.dispatchEvent(new Event('input', { bubbles: true }));
    const resolution = byLabel(root, 'Resolution') as HTMLSelectElement;
    expect([...resolution.options].map((o) => o.value)).toEqual(['768P', '2K']);
    resolution.value = '2K';
    resolution.dispatchEvent(new Event('change', { bubbles: true }));
    flushSync();
    expect(root.querySelector('#generate-cost')?.textContent).toContain('Estimated price: $1.30.');
    const square = root.querySelector<HTMLInputElement>('input[name=ratio][value="1:1"]')!;
    square.click();
    flushSync();
    expect(root.querySelector('#prompt-count')?.textContent).toBe('0 / 7000');

    const prompt = byLabel(root, 'Prompt') as HTMLTextAreaElement;
    prompt.value = 'A lighthouse at dawn';
    prompt.dispatchEvent(new Event('input'));
    flushSync();
    root.querySelector('form')!.dispatchEvent(new Event('submit', { cancelable: true }));
    await vi.waitFor(() => expect(submit).toHaveBeenCalled());
    expect(submit.mock.calls[0][0]).toEqual([
      { model: 'MiniMax-H3', content: [{ type: 'text', text: 'A lighthouse at dawn' }], resolution: '2K', duration: 10, ratio: '1:1' },
    ]);
  });

  it('says "price unknown" for a Hailuo model rather than guess', () => {
    const root = render();
    expect(root.querySelector('#generate-cost')?.textContent).toContain('Price unknown');
  });
});
