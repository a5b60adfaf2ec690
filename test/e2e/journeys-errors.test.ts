// Journey 7, in demo and live mode: what MiniMax refuses reaches the user as the worker's sentence, never as a
// code; a task that MiniMax runs and then fails is shown as failed, with its reason.
import { describe, expect, it } from 'vitest';
import { openStudioPage, screenshot } from '../support/browser';
import { creates, FAST_STAGES, generate, queue, recordRequests, storedRow, writePrompt } from './support/journeys';
import { useStudioAndBrowser } from './support/studio-and-browser';

const INSUFFICIENT_BALANCE = 'The MiniMax account has insufficient balance. Top it up, then try again.';
const SENSITIVE_INPUT = 'MiniMax flagged the prompt or image as sensitive. Change it and try again.';
const SENSITIVE_OUTPUT = 'MiniMax flagged the generated video as sensitive. Change the prompt and try again.';

describe.each(['demo', 'live'] as const)('errors in words (%s mode)', (mode) => {
  const suite = useStudioAndBrowser(mode, { stages: FAST_STAGES });

  it('a refused create (1008 balance, 1026 sensitive input) shows the worker’s sentence, not a code', async () => {
    const { context, page, errors } = await openStudioPage(suite.browser, suite.studio.url);
    try {
      const requests = recordRequests(page);
      const cases = [
        { prompt: `A gold coin spins on a table sim:error=1008 (${mode})`, sentence: INSUFFICIENT_BALANCE, code: '1008' },
        { prompt: `A masked figure in the dark sim:error=1026 (${mode})`, sentence: SENSITIVE_INPUT, code: '1026' },
      ];
      for (const { prompt, sentence, code } of cases) {
        await writePrompt(page, prompt);
        await generate(page);
        const item = queue(page).getByRole('listitem').filter({ hasText: prompt });
        await expect.poll(() => item.getByText(sentence, { exact: true }).count(), { timeout: 10_000 }).toBe(1);
        await expect.poll(() => item.getByText('Not accepted', { exact: true }).count()).toBe(1);
        const shown = (await item.innerText()).replace(prompt, '');
        expect(shown).not.toContain(code);
        expect(shown).not.toMatch(/status_code|base_resp|insufficient balance$|new_sensitive/);
        // MiniMax's way, which the worker follows: HTTP 200, the refusal in base_resp, read first by the SPA
        const response = await creates(requests).at(-1)!.response();
        expect(response?.status()).toBe(200);
        expect(((await response!.json()) as { base_resp: { status_code: number } }).base_resp.status_code).toBe(Number(code));
        const row = await storedRow(page, prompt);
        expect(row?.status).toBe('rejected');
        expect(row?.taskId).toBeUndefined();
      }
      await screenshot(page, `journey-7-refused-${mode}`);
      // the refusals came at HTTP 200: no console error at all
      expect(errors.join('\n')).toBe('');
    } finally {
      await context.close();
    }
  });

  it('a task that ends in Fail (1027 sensitive output) is shown as failed, with its reason', async () => {
    const { context, page, errors } = await openStudioPage(suite.browser, suite.studio.url);
    try {
      const prompt = `A crowd cheers at a stadium sim:fail=1027 (${mode})`;
      await writePrompt(page, prompt);
      await generate(page);
      const item = queue(page).getByRole('listitem').filter({ hasText: prompt });
      await expect.poll(() => item.getByText('Failed', { exact: true }).count(), { timeout: 15_000 }).toBe(1);
      const row = await storedRow(page, prompt);
      expect(row?.status).toBe('Fail');
      expect(row?.taskId).toMatch(/^\d+$/);
      expect(row?.error?.code).toBe('sensitive_output');
      // a reason is shown beside the badge, with a way on (Retry), and no video
      const reason = (await item.innerText()).replace(prompt, '');
      expect(reason).toContain(row!.error!.message);
      expect(await item.getByRole('button', { name: 'Retry' }).count()).toBe(1);
      expect(await item.locator('video').count()).toBe(0);
      await screenshot(page, `journey-7-failed-${mode}`);
      expect(errors.join('\n')).toBe('');
    } finally {
      await context.close();
    }
  });

  it('a Fail’s reason is the sentence for its code (1027), not MiniMax’s "output new_sensitive"', async () => {
    const { context, page } = await openStudioPage(suite.browser, suite.studio.url);
    try {
      const prompt = `A marching band parades sim:fail=1027 (${mode})`;
      await writePrompt(page, prompt);
      await generate(page);
      const item = queue(page).getByRole('listitem').filter({ hasText: prompt });
      await expect.poll(() => item.getByText('Failed', { exact: true }).count(), { timeout: 15_000 }).toBe(1);
      expect(await item.innerText()).not.toContain('new_sensitive');
      expect(await item.getByText(SENSITIVE_OUTPUT, { exact: true }).count()).toBe(1);
    } finally {
      await context.close();
    }
  });
});
