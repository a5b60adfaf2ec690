// Which model / resolution / duration the form may offer for a mode, and how a choice is settled onto a valid
// combination when the mode, model or resolution changes: keep what still applies, say what was dropped.
import { V2_DEFAULT_MODEL, type Mode } from '$contract';
import { formDurations, formModels, formResolutions, type FormResolution } from './catalogue';

export interface OutputChoice {
  mode: Mode;
  model: string;
  resolution: FormResolution;
  /** whole seconds */
  duration: number;
}

/** One thing the form had to change to stay valid; shown as a short note. */
export type Adjustment =
  | { kind: 'model'; from: string; to: string; mode: Mode }
  | { kind: 'resolution'; from: FormResolution; to: FormResolution; model: string }
  | { kind: 'duration'; from: number; to: number; model: string; resolution: FormResolution };

export function modelOptions(mode: Mode): string[] {
  return formModels(mode);
}

/** The closest valid combination to `wanted`, changing later fields before earlier ones. */
export function settle(wanted: OutputChoice): { choice: OutputChoice; adjustments: Adjustment[] } {
  const adjustments: Adjustment[] = [];
  const { mode } = wanted;

  const models = modelOptions(mode);
  let model = wanted.model;
  if (!models.includes(model)) {
    model = models.includes(V2_DEFAULT_MODEL) ? V2_DEFAULT_MODEL : models[0];
    adjustments.push({ kind: 'model', from: wanted.model, to: model, mode });
  }

  const resolutions = formResolutions(model, mode);
  let resolution = wanted.resolution;
  if (!resolutions.includes(resolution)) {
    resolution = resolutions[0];
    adjustments.push({ kind: 'resolution', from: wanted.resolution, to: resolution, model });
  }

  const durations = formDurations(model, mode, resolution);
  let duration = wanted.duration;
  if (!durations.includes(duration)) {
    duration = durations.includes(6) ? 6 : durations[0];
    adjustments.push({ kind: 'duration', from: wanted.duration, to: duration, model, resolution });
  }

  return { choice: { mode, model, resolution, duration }, adjustments };
}

/** The starting point: text to video on the user's last model (MiniMax-H3 for a new user), 6 s. */
export function initialChoice(mode: Mode = 't2v', model: string = V2_DEFAULT_MODEL): OutputChoice {
  return settle({ mode, model, resolution: '768P', duration: 6 }).choice;
}
