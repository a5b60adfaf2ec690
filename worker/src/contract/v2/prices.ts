// What MiniMax charges for the v2 family, in one dated table (update it here and every estimate follows), and the
// two sums the studio shows: the estimate before Generate and the cost once MiniMax reports `usage`.
// Hailuo (v1) models have no price here: MiniMax's pages we rely on give none, so the studio says "price unknown".
import type { V2ModelId, V2Resolution } from './models';

/** 'corroborated': two independent third parties agree; 'unconfirmed': one source only. */
export type PriceCertainty = 'corroborated' | 'unconfirmed';

export interface V2ModelPrices {
  /** US dollars per output second, by resolution */
  perSecond: Partial<Record<V2Resolution, number>>;
  /** input images (first/last frames and references) included free */
  freeImages: number;
  /** US dollars per input image beyond the free ones */
  perExtraImage: number;
  certainty: { output: PriceCertainty; images: PriceCertainty };
}

/** The day the table was last checked against MiniMax's pay-as-you-go page and its third-party copies. */
export const V2_PRICES_AS_OF = '2026-10-07';

export const V2_PRICES: Readonly<Record<V2ModelId, V2ModelPrices>> = {
  'MiniMax-H3': {
    perSecond: { '768P': 0.08, '2K': 0.13 },
    freeImages: 5,
    perExtraImage: 0.04,
    certainty: { output: 'corroborated', images: 'corroborated' },
  },
  'MiniMax-H3-Max': {
    perSecond: { '480P': 0.05, '768P': 0.08 },
    freeImages: 2,
    perExtraImage: 0.074,
    certainty: { output: 'corroborated', images: 'unconfirmed' },
  },
};

/** "Remaster at 2K" (video_regeneration), per output second; one source only. */
export const V2_REGENERATION_PER_SECOND = { usd: 0.05, certainty: 'unconfirmed' as PriceCertainty };
/** Context-IR (prompt expansion), per million tokens; one source only. */
export const V2_CONTEXT_IR_PER_MILLION_TOKENS = { input: 0.9, output: 3.6, certainty: 'unconfirmed' as PriceCertainty };

export interface V2CostInput {
  model: string;
  resolution: string;
  /** whole seconds asked for (output) */
  duration: number;
  /** first frame, last frame and reference images together */
  images?: number;
  /** each reference video's length in seconds (billed per second, rounded up, at the output rate) */
  videoSeconds?: readonly number[];
  /** a remaster of an earlier video: priced per second at the regeneration rate */
  regeneration?: boolean;
}

export type Cost =
  | { known: true; usd: number; certainty: PriceCertainty }
  | { known: false };

export const PRICE_UNKNOWN: Cost = { known: false };

function lowest(a: PriceCertainty, b: PriceCertainty): PriceCertainty {
  return a === 'unconfirmed' || b === 'unconfirmed' ? 'unconfirmed' : 'corroborated';
}

/** Rounds to a hundredth of a cent, so sums of many tasks do not drift. */
function usd(value: number): number {
  return Math.round(value * 10_000) / 10_000;
}

/** The price of a task before it is sent; unknown for models or resolutions the table does not have. */
export function estimateV2Cost(input: V2CostInput): Cost {
  if (input.regeneration) {
    return { known: true, usd: usd(input.duration * V2_REGENERATION_PER_SECOND.usd), certainty: V2_REGENERATION_PER_SECOND.certainty };
  }
  const prices = Object.hasOwn(V2_PRICES, input.model) ? V2_PRICES[input.model as V2ModelId] : undefined;
  const rate = prices && Object.hasOwn(prices.perSecond, input.resolution) ? prices.perSecond[input.resolution as V2Resolution] : undefined;
  if (!prices || rate === undefined) return PRICE_UNKNOWN;
  const output = input.duration * rate;
  const videoInput = (input.videoSeconds ?? []).reduce((sum, s) => sum + Math.ceil(s), 0) * rate;
  const extraImages = Math.max(0, (input.images ?? 0) - prices.freeImages);
  const certainty = extraImages > 0 ? lowest(prices.certainty.output, prices.certainty.images) : prices.certainty.output;
  return { known: true, usd: usd(output + videoInput + extraImages * prices.perExtraImage), certainty };
}

/** MiniMax's `usage` of a finished task (all optional: older answers and Context-IR carry fewer fields). */
export interface V2Usage {
  output_seconds?: number;
  input_seconds?: number;
  input_image_count?: number;
  /** the older name of input_image_count */
  image_count?: number;
  prompt_tokens?: number;
  completion_tokens?: number;
}

export type V2TaskType = 'generation' | 'regeneration' | 'h3_context_ir';

/** What a finished task cost, from MiniMax's own `usage`; unknown when usage is empty or the model unpriced. */
export function costFromUsage(model: string, resolution: string, taskType: V2TaskType, usage: V2Usage | undefined): Cost {
  if (!usage) return PRICE_UNKNOWN;
  if (taskType === 'h3_context_ir') {
    const { prompt_tokens: input, completion_tokens: output } = usage;
    if (input === undefined && output === undefined) return PRICE_UNKNOWN;
    const p = V2_CONTEXT_IR_PER_MILLION_TOKENS;
    return { known: true, usd: usd(((input ?? 0) * p.input + (output ?? 0) * p.output) / 1_000_000), certainty: p.certainty };
  }
  if (usage.output_seconds === undefined) return PRICE_UNKNOWN;
  if (taskType === 'regeneration') return estimateV2Cost({ model, resolution, duration: usage.output_seconds, regeneration: true });
  return estimateV2Cost({
    model,
    resolution,
    duration: usage.output_seconds,
    images: usage.input_image_count ?? usage.image_count ?? 0,
    videoSeconds: usage.input_seconds ? [usage.input_seconds] : [],
  });
}

export interface CostTotals {
  usd: number;
  /** tasks whose price is unknown, left out of `usd` */
  unknown: number;
}

/** Sums costs, counting (not guessing) the unknown ones. */
export function totalCost(costs: Iterable<Cost>): CostTotals {
  let sum = 0;
  let unknown = 0;
  for (const cost of costs) {
    if (cost.known) sum += cost.usd;
    else unknown++;
  }
  return { usd: usd(sum), unknown };
}
