import { describe, expect, it } from 'vitest';
import { V2_MODELS } from './models';
import { costFromUsage, estimateV2Cost, totalCost, V2_PRICES, V2_PRICES_AS_OF } from './prices';

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

describe('costFromUsage', () => {
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
});
