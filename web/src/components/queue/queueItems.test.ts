import { flushSync, mount, unmount } from 'svelte';
import { afterEach, describe, expect, it } from 'vitest';
import { i18n, t } from '../../lib/i18n/index.svelte';
import { loadLocale } from '../../lib/i18n/dictionaries';
import type { PendingSubmission } from '../../lib/tasks/pacer';
import type { TaskRecord } from '../../lib/tasks/types';
import FinishedItem from './FinishedItem.svelte';
import LiveItem from './LiveItem.svelte';
import PendingItem from './PendingItem.svelte';

function task(prompt: string, status: TaskRecord['status']): TaskRecord {
  return {
    id: `id-${prompt}`,
    request: { model: 'MiniMax-Hailuo-2.3', prompt, duration: 6, resolution: '768P' },
    mode: 't2v',
    model: 'MiniMax-Hailuo-2.3',
    prompt,
    status,
    createdAt: 0,
    favourite: false,
    error: status === 'Fail' ? { code: 'task_failed', message: 'failed' } : undefined,
  };
}

function pending(prompt: string): PendingSubmission {
  return { key: `k-${prompt}`, request: { model: 'MiniMax-Hailuo-2.3', prompt }, enqueuedAt: 0, outcome: new Promise(() => undefined) };
}

/** The accessible name of each button: its aria-label, else its text. */
function buttonNames(root: HTMLElement): string[] {
  return [...root.querySelectorAll('button')].map((b) => b.getAttribute('aria-label') ?? b.textContent?.trim() ?? '');
}

describe('queue items name their buttons by the task', () => {
  const mounted: ReturnType<typeof mount>[] = [];
  afterEach(() => {
    mounted.splice(0).forEach((app) => unmount(app));
    document.body.innerHTML = '';
    i18n.set('en');
  });

  function render(list: () => void): HTMLElement {
    const root = document.createElement('ul');
    document.body.append(root);
    list.call(root);
    flushSync();
    return root;
  }

  it('two failed videos: Retry and Remove say which prompt, and keep the visible word first', () => {
    i18n.set('en');
    const root = render(function (this: HTMLElement) {
      for (const prompt of ['A red fox in the snow', 'A lighthouse at dawn']) mounted.push(mount(FinishedItem, { target: this, props: { task: task(prompt, 'Fail') } }));
    });
    const names = buttonNames(root);
    expect(names).toEqual(['Retry “A red fox in the snow”', 'Remove “A red fox in the snow”', 'Retry “A lighthouse at dawn”', 'Remove “A lighthouse at dawn”']);
    expect(new Set(names).size).toBe(names.length);
  });

  it('waiting sends and uncertain tasks too, with long prompts cut short', () => {
    const long = 'A very long prompt about a slow pan over a mountain valley at sunrise with mist';
    const root = render(function (this: HTMLElement) {
      mounted.push(mount(PendingItem, { target: this, props: { item: pending('A cat'), sendsAt: null, now: 0 } }));
      mounted.push(mount(PendingItem, { target: this, props: { item: pending(long), sendsAt: null, now: 0 } }));
      mounted.push(mount(LiveItem, { target: this, props: { task: task('A dog', 'uncertain'), now: 0 } }));
    });
    expect(buttonNames(root)).toEqual([
      'Remove “A cat”',
      'Remove “A very long prompt about a slow pan ove…”',
      'Retry “A dog”',
      'Dismiss “A dog”',
      'Remove “A dog”',
    ]);
  });

  it('a waiting MiniMax-H3 send held by the in-flight cap says why, and only that one', () => {
    const root = render(function (this: HTMLElement) {
      mounted.push(mount(PendingItem, { target: this, props: { item: pending('A kite'), sendsAt: null, now: 0, waitsForPlace: true } }));
      mounted.push(mount(PendingItem, { target: this, props: { item: pending('A heron'), sendsAt: null, now: 0 } }));
    });
    const [held, next] = [...root.children] as HTMLElement[];
    expect(held.textContent).toContain('Waits for a place: MiniMax works on at most 30 MiniMax-H3 videos of one account at once.');
    expect(next.textContent).not.toContain('Waits for a place');
  });

  it('in Chinese', async () => {
    await loadLocale('zh-CN');
    i18n.set('zh-CN');
    const root = render(function (this: HTMLElement) {
      mounted.push(mount(FinishedItem, { target: this, props: { task: task('雪中的红狐狸', 'Fail') } }));
    });
    expect(buttonNames(root)).toEqual(['重试“雪中的红狐狸”', '移除“雪中的红狐狸”']);
    expect(root.textContent).toContain(t('queue.remove'));
  });
});
