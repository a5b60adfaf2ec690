// Both v2 models take every mode today, but MiniMax's pages disagree on H3-Max with references (contract/README.md,
// "v2"): if the table drops a mode, the validator must refuse it by name. Here the table is narrowed to show that.
import { describe, expect, it, vi } from 'vitest';
import { validateV2Create } from './validate';

vi.mock('./models', async (importOriginal) => {
  const real = await importOriginal<typeof import('./models')>();
  const modes: Record<string, readonly string[]> = { 'MiniMax-H3': ['r2v'], 'MiniMax-H3-Max': ['t2v'] };
  return { ...real, v2ModelSpec: (id: string) => (modes[id] ? { ...real.v2ModelSpec(id)!, modes: modes[id] } : undefined) };
});

const text = { type: 'text', text: 'A boy plays basketball' };
const image = (role: string) => ({ type: 'image_url', image_url: { url: 'https://example.com/a.png' }, role });
const body = (model: string, ...media: unknown[]) => ({ model, content: [text, ...media], resolution: '768P', duration: 5, ratio: '16:9' });

describe('a mode the model table does not offer', () => {
  it.each([
    ['MiniMax-H3', [], 'MiniMax-H3 does not make text-to-video.'],
    ['MiniMax-H3', [image('first_frame')], 'MiniMax-H3 does not make videos from frames.'],
    ['MiniMax-H3-Max', [image('reference_image')], 'MiniMax-H3-Max does not make videos from references.'],
  ])('%s with %j is refused: %s', (model, media, message) => {
    expect(validateV2Create(body(model, ...media))).toEqual({ ok: false, issue: { field: 'content', rule: 'mode_unsupported', message } });
  });

  it('and the modes it offers pass', () => {
    expect(validateV2Create(body('MiniMax-H3', image('reference_image')))).toMatchObject({ ok: true, summary: { mode: 'r2v' } });
    expect(validateV2Create(body('MiniMax-H3-Max'))).toMatchObject({ ok: true, summary: { mode: 't2v' } });
  });
});
