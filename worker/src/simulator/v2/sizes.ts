// Output frame sizes of the simulated H3 family, per resolution and ratio.
// VERIFIED/CORROBORATED: 2K 16:9 = 2560×1440; 768P has a short side of 768 and an area ≤ 768×1344.
// UNCONFIRMED, our choice: the other 2K sizes (from one third party), every 768P size but 16:9, and all of 480P.
// 768P sizes are multiples of 32 (regeneration takes a 768P output as base_video and requires that);
// 768P 21:9 cannot keep a 768 short side within the area cap, so it is 1536×640 (2.4:1).

export const RATIOS = ['21:9', '16:9', '4:3', '1:1', '3:4', '9:16'] as const;
export type Ratio = (typeof RATIOS)[number];

export interface FrameSize {
  width: number;
  height: number;
}

/** One resolution's frames from its landscape ones: the portrait ratios are the same frames turned. */
function frames(wide: FrameSize, landscape: FrameSize, classic: FrameSize, side: number): Record<Ratio, FrameSize> {
  const turned = ({ width, height }: FrameSize): FrameSize => ({ width: height, height: width });
  return { '21:9': wide, '16:9': landscape, '4:3': classic, '1:1': { width: side, height: side }, '3:4': turned(classic), '9:16': turned(landscape) };
}

export const V2_FRAME_SIZES: Record<string, Record<Ratio, FrameSize>> = {
  '2K': frames({ width: 2560, height: 1080 }, { width: 2560, height: 1440 }, { width: 2048, height: 1536 }, 2048),
  '768P': frames({ width: 1536, height: 640 }, { width: 1344, height: 768 }, { width: 1024, height: 768 }, 768),
  '480P': frames({ width: 1120, height: 480 }, { width: 848, height: 480 }, { width: 640, height: 480 }, 480),
};

const RATIO_VALUE: Record<Ratio, number> = { '21:9': 21 / 9, '16:9': 16 / 9, '4:3': 4 / 3, '1:1': 1, '3:4': 3 / 4, '9:16': 9 / 16 };

/** The listed ratio closest to width/height (what "adaptive" resolves to for a readable image). */
export function nearestRatio(width: number, height: number): Ratio {
  const aspect = Math.log(width / height);
  let best: Ratio = '16:9';
  for (const ratio of RATIOS) {
    if (Math.abs(Math.log(RATIO_VALUE[ratio]) - aspect) < Math.abs(Math.log(RATIO_VALUE[best]) - aspect)) best = ratio;
  }
  return best;
}

export const H3_FPS = 24;

/**
 * H3 renders 17n+5 frames at 24 fps; we take the fewest that cover the asked seconds, so a clip is never short
 * (5 s → 124 = 5.17 s, 4 s → 107, 15 s → 362: the reference's points) and at most 17 frames (0.71 s) long.
 */
export function h3FrameCount(seconds: number): number {
  const n = Math.ceil((seconds * H3_FPS - 5) / 17);
  return 17 * Math.max(0, n) + 5;
}
