// The form's model list across both APIs: the MiniMax-H3 family first, then the earlier Hailuo generation, with
// the resolutions and whole-second durations each takes in a form mode.
import {
  durationsFor,
  isV2Model,
  modelSpec,
  modelsFor,
  resolutionsFor,
  v2Durations,
  V2_MODELS,
  v2ModelSpec,
  type Mode,
  type Resolution,
  type V2Mode,
  type V2Resolution,
} from '$contract';

export type FormResolution = Resolution | V2Resolution;
export type ModelGroup = 'newest' | 'earlier' | 'legacy';

/** The v2 mode a form mode becomes: both frame modes are "frames"; a subject reference has no v2 form. */
const V2_MODE_OF: Record<Mode, V2Mode | null> = { t2v: 't2v', i2v: 'i2v', fl2v: 'i2v', s2v: null };

export function formModels(mode: Mode): string[] {
  const v2Mode = V2_MODE_OF[mode];
  const newest = v2Mode ? V2_MODELS.filter((m) => m.modes.includes(v2Mode)).map((m) => m.id) : [];
  return [...newest, ...modelsFor(mode).map((m) => m.id)];
}

export function modelGroup(model: string): ModelGroup {
  if (isV2Model(model)) return 'newest';
  return model.startsWith('MiniMax-Hailuo') ? 'earlier' : 'legacy';
}

export function formResolutions(model: string, mode: Mode): FormResolution[] {
  const spec = v2ModelSpec(model);
  return spec ? [...spec.resolutions] : resolutionsFor(model, mode);
}

export function formDurations(model: string, mode: Mode, resolution: FormResolution): number[] {
  if (isV2Model(model)) return v2Durations(model);
  return durationsFor(model, mode, resolution as Resolution);
}

/** Whether the model reads `[camera]` commands in the prompt. */
export function readsCamera(model: string): boolean {
  return !!modelSpec(model)?.camera;
}
