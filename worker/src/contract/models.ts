// Which MiniMax video model takes which mode, resolution and duration (contract/README.md, "v1").
// The one truth for the worker's validation and the SPA's pickers.

export type Mode = 't2v' | 'i2v' | 'fl2v' | 's2v';
export type Resolution = '512P' | '720P' | '768P' | '1080P';
export type Duration = 6 | 10;

export const MODES: readonly Mode[] = ['t2v', 'i2v', 'fl2v', 's2v'];
export const RESOLUTIONS: readonly Resolution[] = ['512P', '720P', '768P', '1080P'];

/** duration choices per resolution for one model in one mode */
type ComboTable = Partial<Record<Resolution, readonly Duration[]>>;

export interface ModelSpec {
  id: string;
  /** combinations per supported mode; the first resolution listed is the default */
  modes: Partial<Record<Mode, ComboTable>>;
  defaultResolution: Resolution;
  /** `[Pan left]`-style camera commands are understood (§3) */
  camera: boolean;
  /** `fast_pretreatment` applies (§2.1; FL2V UNCONFIRMED, so tolerated) */
  fastPretreatment: boolean;
  /** 01-series and S2V-01: send no duration/resolution, MiniMax uses 720P / 6 s (§2.3 disagreement) */
  fixedOutput: boolean;
}

const HAILUO: ComboTable = { '768P': [6, 10], '1080P': [6] };
const HAILUO_02_I2V: ComboTable = { '768P': [6, 10], '1080P': [6], '512P': [6, 10] };
const SERIES_01: ComboTable = { '720P': [6] };

export const MODELS: readonly ModelSpec[] = [
  {
    id: 'MiniMax-Hailuo-2.3',
    modes: { t2v: HAILUO, i2v: HAILUO },
    defaultResolution: '768P',
    camera: true,
    fastPretreatment: true,
    fixedOutput: false,
  },
  {
    id: 'MiniMax-Hailuo-2.3-Fast',
    modes: { i2v: HAILUO },
    defaultResolution: '768P',
    camera: true,
    fastPretreatment: true,
    fixedOutput: false,
  },
  {
    id: 'MiniMax-Hailuo-02',
    modes: { t2v: HAILUO, i2v: HAILUO_02_I2V, fl2v: HAILUO },
    defaultResolution: '768P',
    camera: true,
    fastPretreatment: true,
    fixedOutput: false,
  },
  series01('T2V-01-Director', 't2v', true),
  series01('T2V-01', 't2v', false),
  series01('I2V-01-Director', 'i2v', true),
  series01('I2V-01-live', 'i2v', false),
  series01('I2V-01', 'i2v', false),
  series01('S2V-01', 's2v', false),
];

function series01(id: string, mode: Mode, camera: boolean): ModelSpec {
  return {
    id,
    modes: { [mode]: SERIES_01 },
    defaultResolution: '720P',
    camera,
    fastPretreatment: false,
    fixedOutput: true,
  };
}

export const DEFAULT_MODEL = 'MiniMax-Hailuo-2.3';
export const DEFAULT_DURATION: Duration = 6;

export function modelSpec(id: string): ModelSpec | undefined {
  return MODELS.find((m) => m.id === id);
}

export function modelsFor(mode: Mode): ModelSpec[] {
  return MODELS.filter((m) => m.modes[mode]);
}

export function modesOf(model: string): Mode[] {
  const spec = modelSpec(model);
  return spec ? MODES.filter((mode) => spec.modes[mode]) : [];
}

export function resolutionsFor(model: string, mode: Mode): Resolution[] {
  const table = modelSpec(model)?.modes[mode];
  if (!table) return [];
  return RESOLUTIONS.filter((r) => table[r]).sort((a, b) =>
    a === modelSpec(model)!.defaultResolution ? -1 : b === modelSpec(model)!.defaultResolution ? 1 : 0,
  );
}

export function durationsFor(model: string, mode: Mode, resolution: Resolution): Duration[] {
  return [...(modelSpec(model)?.modes[mode]?.[resolution] ?? [])];
}

/** The documented defaults: 768P for Hailuo models, 720P for the 01-series; 6 s. */
export function defaultsFor(model: string): { resolution: Resolution; duration: Duration } {
  return { resolution: modelSpec(model)?.defaultResolution ?? '768P', duration: DEFAULT_DURATION };
}

/** Which mode a body asks for, implied by its fields (§1: one path for all modes). */
export function modeOfBody(body: {
  model?: unknown;
  first_frame_image?: unknown;
  last_frame_image?: unknown;
  subject_reference?: unknown;
}): Mode {
  if (body.subject_reference !== undefined || body.model === 'S2V-01') return 's2v';
  if (body.last_frame_image !== undefined) return 'fl2v';
  if (body.first_frame_image !== undefined) return 'i2v';
  return 't2v';
}
