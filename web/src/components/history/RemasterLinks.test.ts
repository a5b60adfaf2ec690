import { flushSync, mount, unmount } from 'svelte';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { putTasks } from '../../lib/db';
import { freshDatabase, makeTask, settle } from '../../lib/db/test-kit';
import { errorText } from '../../lib/form/describe';
import { addMessages, loadErrorMessages } from '../../lib/i18n/dictionaries';
import { i18n } from '../../lib/i18n/index.svelte';
import extras from '../../lib/i18n/messages/h3extras';
import { OUT_OF_QUERY_WINDOW } from '../../lib/tasks/scheduler';
import RemasterLinks from './RemasterLinks.svelte';

addMessages(extras);

describe('remaster links in the history', () => {
  const mounted: ReturnType<typeof mount>[] = [];
  beforeEach(() => freshDatabase());
  afterEach(() => {
    for (const app of mounted.splice(0)) unmount(app);
    document.body.innerHTML = '';
    i18n.set('en');
  });

  async function render(task: { sourceId?: string; remasterId?: string }, shown: string[]): Promise<HTMLElement> {
    const target = document.createElement('div');
    document.body.append(target);
    mounted.push(mount(RemasterLinks, { target, props: { task, show: (id: string) => shown.push(id) } }));
    for (let i = 0; i < 5; i++) {
      await settle();
      flushSync();
    }
    return target;
  }

  it('a remaster names its source by prompt and leads to it', async () => {
    const source = makeTask({ prompt: 'A red kite over green dunes' });
    await putTasks([source]);
    const shown: string[] = [];
    const card = await render({ sourceId: source.id }, shown);
    expect(card.textContent).toContain('Remaster of “A red kite over green dunes”');
    const button = [...card.querySelectorAll('button')].find((b) => b.textContent === 'Show the original')!;
    button.click();
    expect(shown).toEqual([source.id]);
  });

  it('a remaster whose source was deleted says so, with nothing to click', async () => {
    const card = await render({ sourceId: 'gone' }, []);
    expect(card.textContent).toContain('Remaster of a video no longer in this history.');
    expect(card.querySelectorAll('button')).toHaveLength(0);
  });

  it('a remastered video says so and leads to its remaster; a plain one shows nothing', async () => {
    const shown: string[] = [];
    const card = await render({ remasterId: 'r-1' }, shown);
    expect(card.textContent).toContain('Remastered at 2K');
    card.querySelector('button')!.click();
    expect(shown).toEqual(['r-1']);
    expect((await render({}, [])).textContent?.trim()).toBe('');
  });

  it('the 7-day sentence reads in English and Chinese, with the other error sentences', async () => {
    await loadErrorMessages();
    expect(errorText(OUT_OF_QUERY_WINDOW)).toBe(OUT_OF_QUERY_WINDOW.message);
    i18n.set('zh-CN');
    expect(errorText(OUT_OF_QUERY_WINDOW)).toBe('MiniMax 只保留任务 7 天，而这个视频没有在此期间保存：它已无法再获取。');
  });
});
