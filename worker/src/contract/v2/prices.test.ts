import { describe, expect, it } from 'vitest';
import { V2_MODELS } from './models';
import {
  costFromUsage,
  estimateV2Cost,
  PRICE_UNKNOWN,
  totalCost,
  V2_CONTEXT_IR_PER_MILLION_TOKENS,
  V2_PRICES,
  V2_PRICES_AS_OF,
  V2_REGENERATION_PER_SECOND,
  type Cost,
  type V2CostInput,
  type V2TaskType,
  type V2Usage,
} from './prices';

const UNKNOWN = { known: false };
const corroborated = (usd: number): Cost => ({ known: true, usd, certainty: 'corroborated' });
const unconfirmed = (usd: number): Cost => ({ known: true, usd, certainty: 'unconfirmed' });

describe('the v2 price table', () => {
  it('is dated and prices every resolution of every v2 model', () => {
    expect(V2_PRICES_AS_OF).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    for (const model of V2_MODELS) {
      for (const resolution of model.resolutions) expect(V2_PRICES[model.id].perSecond[resolution]).toBeGreaterThan(0);
    }
  });

  it('holds the reference prices per output second', () => {
    expect(V2_PRICES['MiniMax-H3'].perSecond).toEqual({ '768P': 0.08, '2K': 0.13 });
    expect(V2_PRICES['MiniMax-H3-Max'].perSecond).toEqual({ '480P': 0.05, '768P': 0.08 });
  });

  it('holds every price and how sure it is (contract/README.md, "Prices")', () => {
    expect(V2_PRICES_AS_OF).toBe('2026-10-07');
    expect(V2_PRICES).toEqual({
      'MiniMax-H3': { perSecond: { '768P': 0.08, '2K': 0.13 }, freeImages: 5, perExtraImage: 0.04, certainty: { output: 'corroborated', images: 'corroborated' } },
      'MiniMax-H3-Max': { perSecond: { '480P': 0.05, '768P': 0.08 }, freeImages: 2, perExtraImage: 0.074, certainty: { output: 'corroborated', images: 'unconfirmed' } },
    });
    expect(V2_REGENERATION_PER_SECOND).toEqual({ usd: 0.05, certainty: 'unconfirmed' });
    expect(V2_CONTEXT_IR_PER_MILLION_TOKENS).toEqual({ input: 0.9, output: 3.6, certainty: 'unconfirmed' });
    expect(PRICE_UNKNOWN).toEqual(UNKNOWN);
  });
});

describe('estimateV2Cost', () => {
  it('charges output seconds at the resolution rate', () => {
    expect(estimateV2Cost({ model: 'MiniMax-H3', resolution: '2K', duration: 15 })).toEqual({ known: true, usd: 1.95, certainty: 'corroborated' });
    expect(estimateV2Cost({ model: 'MiniMax-H3-Max', resolution: '480P', duration: 5 })).toMatchObject({ usd: 0.25 });
  });

  it('charges only the images beyond the free ones', () => {
    const five = estimateV2Cost({ model: 'MiniMax-H3', resolution: '768P', duration: 4, images: 5 });
    const seven = estimateV2Cost({ model: 'MiniMax-H3', resolution: '768P', duration: 4, images: 7 });
    expect(five).toMatchObject({ usd: 0.32 });
    expect(seven).toMatchObject({ usd: 0.4 });
  });

  it('marks a sum resting on an unconfirmed image price as unconfirmed', () => {
    const cost = estimateV2Cost({ model: 'MiniMax-H3-Max', resolution: '768P', duration: 5, images: 3 });
    expect(cost).toEqual({ known: true, usd: 0.474, certainty: 'unconfirmed' });
  });

  it('bills reference video per started second at the output rate', () => {
    const cost = estimateV2Cost({ model: 'MiniMax-H3', resolution: '768P', duration: 5, videoSeconds: [2.2, 3] });
    expect(cost).toMatchObject({ usd: 0.4 + 6 * 0.08 });
  });

  it('prices a remaster at the regeneration rate', () => {
    expect(estimateV2Cost({ model: 'MiniMax-H3', resolution: '2K', duration: 6, regeneration: true })).toEqual({
      known: true,
      usd: 0.3,
      certainty: 'unconfirmed',
    });
  });

  it('says unknown for Hailuo models and resolutions the table lacks, never a guess', () => {
    expect(estimateV2Cost({ model: 'MiniMax-Hailuo-2.3', resolution: '768P', duration: 6 })).toEqual({ known: false });
    expect(estimateV2Cost({ model: 'MiniMax-H3', resolution: '480P', duration: 6 })).toEqual({ known: false });
  });
});

describe('estimateV2Cost, case by case', () => {
  it.each([
    ['no images', { model: 'MiniMax-H3', resolution: '2K', duration: 5 }, corroborated(0.65)],
    ['fewer images than the free ones', { model: 'MiniMax-H3', resolution: '2K', duration: 5, images: 1 }, corroborated(0.65)],
    ['one image beyond the free ones, corroborated on H3', { model: 'MiniMax-H3', resolution: '768P', duration: 4, images: 6 }, corroborated(0.36)],
    ['H3-Max with its two free images, still corroborated', { model: 'MiniMax-H3-Max', resolution: '768P', duration: 5, images: 2 }, corroborated(0.4)],
    ['H3-Max with two images beyond', { model: 'MiniMax-H3-Max', resolution: '480P', duration: 5, images: 4 }, unconfirmed(0.398)],
    ['a sum rounded to a hundredth of a cent (0.05 × 3)', { model: 'MiniMax-H3-Max', resolution: '480P', duration: 3 }, corroborated(0.15)],
    ['no reference video', { model: 'MiniMax-H3', resolution: '768P', duration: 5, videoSeconds: [] }, corroborated(0.4)],
    ['a tenth of a second of video billed as a second', { model: 'MiniMax-H3', resolution: '2K', duration: 4, videoSeconds: [0.1] }, corroborated(0.65)],
    ['three reference videos', { model: 'MiniMax-H3', resolution: '768P', duration: 4, videoSeconds: [2, 3, 4] }, corroborated(1.04)],
    ['a remaster of a model the table lacks', { model: 'MiniMax-Hailuo-2.3', resolution: '', duration: 10, regeneration: true }, unconfirmed(0.5)],
    ['not a remaster', { model: 'MiniMax-H3', resolution: '2K', duration: 10, regeneration: false }, corroborated(1.3)],
    ['a resolution the model does not have', { model: 'MiniMax-H3-Max', resolution: '2K', duration: 5 }, UNKNOWN],
    ['a model named like an object key', { model: 'constructor', resolution: '2K', duration: 5 }, UNKNOWN],
    ['a resolution named like an object key', { model: 'MiniMax-H3', resolution: 'toString', duration: 5 }, UNKNOWN],
  ] as [string, V2CostInput, Cost][])('%s', (_name, input, cost) => {
    expect(estimateV2Cost(input)).toEqual(cost);
  });
});

describe('costFromUsage', () => {
  it.each([
    ['a generation with a reference video of 2.5 s', 'generation', { output_seconds: 5, input_seconds: 2.5 }, corroborated(0.64)],
    ['no reference video (input_seconds 0)', 'generation', { output_seconds: 5, input_seconds: 0 }, corroborated(0.4)],
    ['input_image_count before image_count', 'generation', { output_seconds: 4, input_image_count: 5, image_count: 9 }, corroborated(0.32)],
    ['an input_image_count of 0 is kept', 'generation', { output_seconds: 4, input_image_count: 0, image_count: 9 }, corroborated(0.32)],
    ['input_image_count alone', 'generation', { output_seconds: 4, input_image_count: 7 }, corroborated(0.4)],
    ['no output seconds', 'generation', { input_image_count: 7, input_seconds: 3 }, UNKNOWN],
    ['a regeneration at its own rate, whatever the inputs', 'regeneration', { output_seconds: 5, input_image_count: 9, input_seconds: 5 }, unconfirmed(0.25)],
    ['a regeneration with no output seconds', 'regeneration', { input_seconds: 5 }, UNKNOWN],
    ['Context-IR input tokens only', 'h3_context_ir', { prompt_tokens: 1_000_000 }, unconfirmed(0.9)],
    ['Context-IR output tokens only', 'h3_context_ir', { completion_tokens: 1_000_000 }, unconfirmed(3.6)],
    ['Context-IR rounded to a hundredth of a cent', 'h3_context_ir', { prompt_tokens: 1234, completion_tokens: 10 }, unconfirmed(0.0011)],
    ['Context-IR with no tokens', 'h3_context_ir', { output_seconds: 5 }, UNKNOWN],
  ] as [string, V2TaskType, V2Usage, Cost][])('%s', (_name, taskType, usage, cost) => {
    expect(costFromUsage('MiniMax-H3', '768P', taskType, usage)).toEqual(cost);
  });

  it('is unknown for a model the table lacks', () => {
    expect(costFromUsage('MiniMax-Hailuo-2.3', '768P', 'generation', { output_seconds: 6 })).toEqual(UNKNOWN);
  });

  it('prices a finished generation from what MiniMax reports', () => {
    const usage = { total_seconds: 5, input_seconds: 0, output_seconds: 5, input_image_count: 1 };
    expect(costFromUsage('MiniMax-H3', '2K', 'generation', usage)).toMatchObject({ known: true, usd: 0.65 });
  });

  it('reads the older image_count name', () => {
    expect(costFromUsage('MiniMax-H3', '768P', 'generation', { output_seconds: 4, image_count: 6 })).toMatchObject({ usd: 0.36 });
  });

  it('is unknown while usage is empty (queued, running, failed)', () => {
    expect(costFromUsage('MiniMax-H3', '2K', 'generation', {})).toEqual({ known: false });
    expect(costFromUsage('MiniMax-H3', '2K', 'generation', undefined)).toEqual({ known: false });
  });

  it('prices Context-IR by tokens', () => {
    const cost = costFromUsage('MiniMax-H3', '', 'h3_context_ir', { prompt_tokens: 1_000_000, completion_tokens: 500_000 });
    expect(cost).toEqual({ known: true, usd: 2.7, certainty: 'unconfirmed' });
  });
});

describe('totalCost', () => {
  it('adds known costs and counts unknown ones apart', () => {
    const total = totalCost([
      { known: true, usd: 0.1, certainty: 'corroborated' },
      { known: false },
      { known: true, usd: 0.2, certainty: 'unconfirmed' },
    ]);
    expect(total).toEqual({ usd: 0.3, unknown: 1 });
  });

  it.each([
    ['nothing', [], { usd: 0, unknown: 0 }],
    ['unknown ones only', [UNKNOWN, UNKNOWN, UNKNOWN], { usd: 0, unknown: 3 }],
    ['many small sums, rounded once', Array(3).fill(corroborated(0.1)), { usd: 0.3, unknown: 0 }],
  ] as [string, Cost[], { usd: number; unknown: number }][])('sums %s', (_name, costs, totals) => {
    expect(totalCost(costs)).toEqual(totals);
  });
});
