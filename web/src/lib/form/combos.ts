// Which model / resolution / duration the form may offer for a mode, and how a choice is settled onto a valid
// combination when the mode, model or resolution changes: keep what still applies, say what was dropped.
import {
  DEFAULT_MODEL,
  durationsFor,
  modelsFor,
  resolutionsFor,
  type Duration,
  type Mode,
  type Resolution,
} from '$contract';

export interface OutputChoice {
  mode: Mode;
  model: string;
  resolution: Resolution;
  duration: Duration;
}

/** One thing the form had to change to stay valid; shown as a short note. */
export type Adjustment =
  | { kind: 'model'; from: string; to: string; mode: Mode }
  | { kind: 'resolution'; from: Resolution; to: Resolution; model: string }
  | { kind: 'duration'; from: Duration; to: Duration; model: string; resolution: Resolution };

export function modelOptions(mode: Mode): string[] {
  return modelsFor(mode).map((m) => m.id);
}

/** The closest valid combination to `wanted`, changing later fields before earlier ones. */
export function settle(wanted: OutputChoice): { choice: OutputChoice; adjustments: Adjustment[] } {
  const adjustments: Adjustment[] = [];
  const { mode } = wanted;

  const models = modelOptions(mode);
  let model = wanted.model;
  if (!models.includes(model)) {
    model = models.includes(DEFAULT_MODEL) ? DEFAULT_MODEL : models[0];
    adjustments.push({ kind: 'model', from: wanted.model, to: model, mode });
  }

  const resolutions = resolutionsFor(model, mode);
  let resolution = wanted.resolution;
  if (!resolutions.includes(resolution)) {
    resolution = resolutions[0];
    adjustments.push({ kind: 'resolution', from: wanted.resolution, to: resolution, model });
  }

  const durations = durationsFor(model, mode, resolution);
  let duration = wanted.duration;
  if (!durations.includes(duration)) {
    duration = durations.includes(6) ? 6 : durations[0];
    adjustments.push({ kind: 'duration', from: wanted.duration, to: duration, model, resolution });
  }

  return { choice: { mode, model, resolution, duration }, adjustments };
}

/** The documented starting point: text to video on the default model at its default resolution, 6 s. */
export function initialChoice(mode: Mode = 't2v'): OutputChoice {
  return settle({ mode, model: DEFAULT_MODEL, resolution: '768P', duration: 6 }).choice;
}
