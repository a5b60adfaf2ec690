import { describe, expect, test } from 'vitest';
import { createApiClient } from '../api/client';
import type { V2Body } from '../api/v2';
import { contextIrBody, EXPAND_DELAYS_MS, expandPrompt } from './expand-prompt';

const FORM: V2Body = { model: 'MiniMax-H3', content: [{ type: 'text', text: 'a cat' }], resolution: '2K', duration: 5, ratio: '16:9' };
const EXPANDED = 'A ginger cat stretches on a sunny windowsill; soft morning light; the purr is audible.';

function setup(answers: (() => Response)[], create?: () => Response) {
  const calls: { method: string; path: string; key: string | null; body?: unknown }[] = [];
  const slept: number[] = [];
  const fetchImpl = async (input: RequestInfo | URL, init?: RequestInit) => {
    const method = init?.method ?? 'GET';
    calls.push({ method, path: String(input), key: new Headers(init?.headers).get('Idempotency-Key'), ...(init?.body ? { body: JSON.parse(String(init.body)) } : {}) });
    if (method === 'POST') return create?.() ?? json({ task_id: '555' });
    return (answers.shift() ?? (() => json(task('running'))))();
  };
  const api = createApiClient(() => ({ baseUrl: '' }), fetchImpl).v2;
  const deps = { api, sleep: async (ms: number) => void slept.push(ms), newKey: () => 'key-1' };
  return { calls, slept, deps };
}

const json = (value: unknown, status = 200) => new Response(JSON.stringify(value), { status, headers: { 'Content-Type': 'application/json' } });
const task = (status: string, extra: object = {}) => ({ task: { id: '555', model: 'MiniMax-H3', status, task_type: 'h3_context_ir', ...extra } });

describe('expand prompt (Context-IR)', () => {
  test('sends the form’s inputs without resolution, with a key, and answers the expanded prompt once MiniMax has it', async () => {
    const { calls, deps } = setup([() => json(task('queued')), () => json(task('running')), () => json(task('succeeded', { content: { prompt: ` ${EXPANDED} ` } }))]);
    const result = await expandPrompt(contextIrBody(FORM)!, deps);
    expect(result).toEqual({ ok: true, prompt: EXPANDED });
    expect(calls[0]).toEqual({
      method: 'POST',
      path: '/api/v2/h3_context_ir',
      key: 'key-1',
      body: { model: 'MiniMax-H3', content: [{ type: 'text', text: 'a cat' }], duration: 5, ratio: '16:9' },
    });
    expect(calls.slice(1).map((c) => c.path)).toEqual(Array(3).fill('/api/v2/query/video_generation/555'));
  });

  test('H3-Max’s expansion mode is a generation setting: not sent to Context-IR', () => {
    const body = contextIrBody({ ...FORM, model: 'MiniMax-H3-Max', resolution: '768P', extra: { prompt_expansion_mode: 'quality' } });
    expect(body).not.toHaveProperty('extra');
    expect(body).not.toHaveProperty('resolution');
    expect(contextIrBody({ model: 'MiniMax-Hailuo-2.3', prompt: 'a cat' })).toBeNull();
  });

  test('an empty prompt is not sent', async () => {
    const { calls, deps } = setup([]);
    expect(await expandPrompt(contextIrBody({ ...FORM, content: [{ type: 'text', text: '  ' }] })!, deps)).toEqual({ ok: false, reason: 'empty' });
    expect(calls).toEqual([]);
  });

  test('a refused create and a failed task come back with the reason; nothing is offered', async () => {
    const refused = setup([], () =>
      json({ type: 'error', error: { type: 'insufficient_balance_error', code: 'insufficient_balance', message: 'Your MiniMax balance is too low.', http_code: '402' } }, 402),
    );
    expect(await expandPrompt(contextIrBody(FORM)!, refused.deps)).toMatchObject({ ok: false, reason: 'failed', message: 'Your MiniMax balance is too low.' });
    const failedTask = setup([() => json(task('failed', { error: { code: '1026', message: 'sensitive content' } }))]);
    expect(await expandPrompt(contextIrBody(FORM)!, failedTask.deps)).toEqual({ ok: false, reason: 'failed', code: '1026', message: 'sensitive content' });
  });

  test('a check that gets no answer is asked again; after about three minutes it stops with "timeout"', async () => {
    const { slept, deps, calls } = setup([() => json({ type: 'error', error: { type: 'server_error', message: 'internal error (1000)' } }, 500)]);
    expect(await expandPrompt(contextIrBody(FORM)!, deps)).toEqual({ ok: false, reason: 'timeout' });
    expect(slept).toEqual(EXPAND_DELAYS_MS);
    expect(slept.reduce((a, b) => a + b, 0)).toBe(185_000);
    expect(calls.filter((c) => c.method === 'GET')).toHaveLength(EXPAND_DELAYS_MS.length);
  });

  test('a success with no prompt says so; an abort stops asking', async () => {
    const empty = setup([() => json(task('succeeded', { content: {} }))]);
    expect(await expandPrompt(contextIrBody(FORM)!, empty.deps)).toEqual({ ok: false, reason: 'no_prompt' });
    const controller = new AbortController();
    controller.abort();
    const aborted = setup([]);
    expect(await expandPrompt(contextIrBody(FORM)!, aborted.deps, controller.signal)).toEqual({ ok: false, reason: 'aborted' });
    expect(aborted.calls.filter((c) => c.method === 'GET')).toEqual([]);
  });
});
