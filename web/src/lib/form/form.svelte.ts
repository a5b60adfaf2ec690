// The generate form's state: only valid combinations, notes for what a switch dropped, bodies ready to send.
import {
  isV2Model,
  modelSpec,
  PROMPT_MAX_CHARS,
  promptLength,
  V2_FIXED_RATIOS,
  V2_PROMPT_MAX_CHARS,
  V2_RATIOS,
  v2ModelSpec,
  type Mode,
  type PromptExpansionMode,
  type V2Ratio,
} from '$contract';
import type { StudioRequest } from '../tasks/v2-request';
import { formDurations, formResolutions, readsCamera, type FormResolution } from './catalogue';
import { lastModel, rememberModel } from './last-model';
import { DEFAULT_RATIO } from './request-v2';
import { initialChoice, modelOptions, settle, type Adjustment, type OutputChoice } from './combos';
import { debounced, loadDraft, saveDraft, type Draft } from './draft';
import { valuesFromRequest } from './fill';
import { buildRequests, clampCount, promptLines, type FormImages, type FormValues } from './request';
import type { BatchIssue } from './validate';
import { renumber } from '../references/names';
import { inSendingOrder, referenceRefusals, type FormReference } from '../references/rules';

/**
 * The contract's validators, a chunk of their own: not needed to draw the first screen, fetched as the page loads
 * (GenerateForm), so a Generate made offline before any service worker still checks and queues.
 */
export const loadChecks = () => import('./validate');

export type FormNote =
  | Adjustment
  | { kind: 'fastPretreatment'; model: string }
  | { kind: 'camera'; model: string };

export type ImageSlot = keyof FormImages;

/** Whether the prompt holds anything written as a camera command (for the "not understood by X" note). */
export function hasCameraCommand(prompt: string): boolean {
  return /\[[^[\]]+\]/.test(prompt);
}

/** Which image slots a mode uses, in order. */
export const SLOTS_BY_MODE: Record<Mode, ImageSlot[]> = {
  t2v: [],
  i2v: ['firstFrame'],
  fl2v: ['firstFrame', 'lastFrame'],
  s2v: ['subject'],
};

/** The body field each slot becomes (so a validation issue lands on the right slot). */
export const SLOT_FIELD: Record<ImageSlot, string> = {
  firstFrame: 'first_frame_image',
  lastFrame: 'last_frame_image',
  subject: 'subject_reference',
};

export class GenerateForm {
  mode = $state<Mode>('t2v');
  model = $state('');
  resolution = $state<FormResolution>('768P');
  duration = $state(6);
  ratio = $state<V2Ratio>(DEFAULT_RATIO);
  expansion = $state<PromptExpansionMode>('disabled');
  prompt = $state('');
  promptOptimizer = $state(true);
  fastPretreatment = $state(false);
  images = $state<FormImages>({});
  /** kept whatever the mode or model; sent only where they are taken (`takesReferences`) */
  references = $state<FormReference[]>([]);
  batchKind = $state<'variations' | 'lines'>('variations');
  count = $state(1);
  notes = $state<FormNote[]>([]);
  issue = $state<BatchIssue | null>(null);

  spec = $derived(modelSpec(this.model));
  models = $derived(modelOptions(this.mode));
  v2 = $derived(isV2Model(this.model));
  v2Spec = $derived(v2ModelSpec(this.model));
  resolutions = $derived(formResolutions(this.model, this.mode));
  durations = $derived(formDurations(this.model, this.mode, this.resolution));
  camera = $derived(readsCamera(this.model));
  promptMax = $derived(this.v2 ? V2_PROMPT_MAX_CHARS : PROMPT_MAX_CHARS);
  slots = $derived(SLOTS_BY_MODE[this.mode]);
  /** references make a video with text, never with frames, on a model whose contract lists the mode */
  takesReferences = $derived(this.v2 && this.mode === 't2v' && !!this.v2Spec?.modes.includes('r2v'));
  /** what a create would carry */
  sentReferences = $derived(this.takesReferences ? this.references.filter((r) => !r.refusal) : []);
  refusals = $derived(this.takesReferences ? referenceRefusals(this.references, this.prompt) : []);
  /** with references the shape may follow them (adaptive); a text-only video needs one */
  ratios = $derived(this.sentReferences.length ? V2_RATIOS : V2_FIXED_RATIOS);
  /** the ratio a create carries when the chosen one is not offered (adaptive with every reference removed) */
  shownRatio = $derived(this.ratios.includes(this.ratio) ? this.ratio : DEFAULT_RATIO);
  /** characters counted as MiniMax does; per line when each line is its own prompt */
  promptChars = $derived(
    this.batchKind === 'lines'
      ? Math.max(0, ...promptLines(this.prompt).map(promptLength))
      : promptLength(this.prompt),
  );
  promptTooLong = $derived(this.promptChars > this.promptMax);

  constructor() {
    this.#assign(initialChoice('t2v', lastModel()));
  }

  setMode(mode: Mode): void {
    this.#change({ ...this.#choice(), mode });
  }
  setModel(model: string): void {
    this.#change({ ...this.#choice(), model });
  }
  setResolution(resolution: FormResolution): void {
    this.#change({ ...this.#choice(), resolution });
  }
  setDuration(duration: number): void {
    this.#change({ ...this.#choice(), duration });
  }
  setImage(slot: ImageSlot, dataUrl: string | undefined): void {
    this.images = { ...this.images, [slot]: dataUrl };
    if (this.issue?.issue.field === SLOT_FIELD[slot]) this.issue = null;
  }

  addReferences(added: FormReference[]): void {
    this.references = [...this.references, ...added];
    if (this.issue?.issue.field === 'references') this.issue = null;
  }

  /** Puts what reading a reference's file again found in its place. */
  replaceReference(id: string, next: FormReference): void {
    this.references = this.references.map((r) => (r.id === id ? next : r));
  }

  removeReference(id: string): void {
    this.references = this.references.filter((r) => r.id !== id);
    if (this.issue?.issue.field === 'references') this.issue = null;
  }

  /** Moves a reference one place earlier (-1) or later (+1) among its kind; the prompt's names follow it. */
  moveReference(id: string, step: -1 | 1): void {
    const ordered = inSendingOrder(this.references);
    const from = ordered.findIndex((r) => r.id === id);
    let to = from + step;
    while (ordered[to]?.refusal) to += step; // refused files are not sent: they hold no place
    if (from < 0 || to < 0 || to >= ordered.length || ordered[to].kind !== ordered[from].kind) return;
    const moved = [...ordered];
    [moved[from], moved[to]] = [moved[to], moved[from]];
    this.prompt = renumber(this.prompt, ordered, moved);
    this.references = moved;
  }

  values(): FormValues {
    return {
      ...this.#choice(),
      ratio: this.ratio,
      expansion: this.expansion,
      prompt: this.prompt,
      promptOptimizer: this.promptOptimizer,
      fastPretreatment: this.fastPretreatment,
      images: { ...this.images },
      references: $state.snapshot(this.sentReferences) as FormReference[],
      batch: this.batchKind === 'lines' ? { kind: 'lines' } : { kind: 'variations', count: clampCount(this.count) },
    };
  }

  /** The bodies to send, or null with `issue` set to the first problem found. */
  async check(): Promise<StudioRequest[] | null> {
    if (this.refusals.length) {
      const count = this.refusals.length;
      this.issue = { index: null, issue: { field: 'references', rule: 'references_refused', message: 'Remove or replace the refused references first: nothing was sent.', params: { count } } };
      return null;
    }
    const requests = buildRequests(this.values());
    const mode = this.mode;
    const { firstIssue } = await loadChecks();
    this.issue = firstIssue(requests, mode);
    return this.issue ? null : requests;
  }

  /** Loads a stored request ("Edit & re-run"). */
  fill(request: StudioRequest): void {
    const values = valuesFromRequest(request);
    this.#assign(values);
    this.ratio = values.ratio;
    this.expansion = values.expansion;
    this.prompt = values.prompt;
    this.promptOptimizer = values.promptOptimizer;
    this.fastPretreatment = values.fastPretreatment;
    this.images = values.images;
    this.references = [...(values.references ?? [])];
    this.batchKind = 'variations';
    this.count = 1;
    this.notes = [];
    this.issue = null;
  }

  /** What a reload must give back (draft.ts). */
  get draft(): Draft {
    return {
      ...this.#choice(),
      prompt: this.prompt,
      promptOptimizer: this.promptOptimizer,
      fastPretreatment: this.fastPretreatment,
      images: $state.snapshot(this.images),
      references: $state.snapshot(this.references) as FormReference[],
      batchKind: this.batchKind,
      count: this.count,
    };
  }

  /** Puts a saved draft back, its model/resolution/duration settled to a valid combination. */
  restore(draft: Draft): void {
    this.#assign(settle({ mode: draft.mode, model: draft.model, resolution: draft.resolution, duration: draft.duration }).choice);
    this.prompt = draft.prompt;
    this.promptOptimizer = draft.promptOptimizer !== false;
    this.fastPretreatment = draft.fastPretreatment === true;
    this.images = { ...draft.images };
    this.references = Array.isArray(draft.references) ? draft.references : [];
    this.batchKind = draft.batchKind === 'lines' ? 'lines' : 'variations';
    this.count = clampCount(draft.count);
  }

  /**
   * Restores the saved draft (unless the user already typed), then saves every change, 300 ms after the last.
   * Returns a stop function.
   */
  keepDraft(): () => void {
    let restored = false;
    void loadDraft().then((draft) => {
      if (draft && this.prompt === '' && Object.keys(this.images).length === 0 && this.references.length === 0) this.restore(draft);
      restored = true;
    });
    // the media are saved with the next draft only when they were replaced (every change replaces them)
    let savedMedia: [FormImages, FormReference[]] | null = null;
    const save = debounced((draft: Draft) => {
      const media: [FormImages, FormReference[]] = [this.images, this.references];
      const changed = savedMedia === null || media[0] !== savedMedia[0] || media[1] !== savedMedia[1];
      savedMedia = media;
      void saveDraft(draft, changed).catch(() => (savedMedia = null));
    }, 300);
    return $effect.root(() => {
      $effect(() => {
        const draft = this.draft;
        if (restored) save(draft);
      });
    });
  }

  #choice(): OutputChoice {
    return { mode: this.mode, model: this.model, resolution: this.resolution, duration: this.duration };
  }

  #assign(choice: OutputChoice): void {
    this.mode = choice.mode;
    this.model = choice.model;
    this.resolution = choice.resolution;
    this.duration = choice.duration;
  }

  #change(wanted: OutputChoice): void {
    const before = modelSpec(this.model);
    const cameraBefore = readsCamera(this.model);
    const { choice, adjustments } = settle(wanted);
    this.#assign(choice);
    rememberModel(choice.model);
    const notes: FormNote[] = adjustments;
    const after = modelSpec(choice.model);
    if (before?.fastPretreatment && !after?.fastPretreatment && this.fastPretreatment) {
      this.fastPretreatment = false;
      notes.push({ kind: 'fastPretreatment', model: choice.model });
    }
    if (cameraBefore && !readsCamera(choice.model) && hasCameraCommand(this.prompt)) {
      notes.push({ kind: 'camera', model: choice.model });
    }
    this.notes = notes;
    this.issue = null;
  }
}
