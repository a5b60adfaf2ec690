// Runs the shared contract's validation on every body of a batch before anything is sent.
import { type Mode, type Rule, type V2Issue, type ValidationIssue, type VideoRequest } from '$contract';
import { validateStudioRequest } from '../tasks/request-validation';
import { isV2Request, type StudioRequest } from '../tasks/v2-request';
import { MAX_BATCH } from './request';

/** The contract's rules plus the form's own. */
export type FormRule = Rule | 'batch_too_large' | 'references_refused';
/** a v1 issue (translated by rule) or a v2 one (its own sentence) */
export type FormIssue = (Omit<ValidationIssue, 'rule'> & { rule: FormRule }) | V2Issue;

export interface BatchIssue {
  /** which body of the batch (0-based); null when the batch itself is wrong */
  index: number | null;
  issue: FormIssue;
}

const IMAGE_FIELDS: Record<Mode, { field: keyof VideoRequest; message: string }[]> = {
  t2v: [],
  i2v: [{ field: 'first_frame_image', message: 'Add a first frame image.' }],
  fl2v: [
    { field: 'first_frame_image', message: 'Add a first frame image.' },
    { field: 'last_frame_image', message: 'Add a last frame image.' },
  ],
  s2v: [{ field: 'subject_reference', message: 'Add a subject reference image.' }],
};

/**
 * The first problem of a batch for the form's `mode`. The contract infers the mode from the fields, so an
 * image mode missing its image would pass as text to video: the form checks that first.
 */
export function firstIssue(requests: StudioRequest[], mode?: Mode): BatchIssue | null {
  const first = requests[0];
  for (const { field, message } of mode && first ? IMAGE_FIELDS[mode] : []) {
    if (first && !hasImage(first, field)) {
      return { index: null, issue: { field, rule: 'image_required', message, params: { model: first.model } } };
    }
  }
  if (requests.length > MAX_BATCH) {
    return {
      index: null,
      issue: {
        field: 'batch',
        rule: 'batch_too_large',
        message: `At most ${MAX_BATCH} videos at once; this batch has ${requests.length}.`,
        params: { max: MAX_BATCH, count: requests.length },
      },
    };
  }
  for (const [index, request] of requests.entries()) {
    const result = validateStudioRequest(request);
    if (!result.ok) return { index, issue: onForm(result.issue) };
  }
  return null;
}

const V2_ROLE: Partial<Record<keyof VideoRequest, string>> = { first_frame_image: 'first_frame', last_frame_image: 'last_frame' };

function hasImage(request: StudioRequest, field: keyof VideoRequest): boolean {
  if (!isV2Request(request)) return request[field] !== undefined;
  return request.content.some((item) => item.type === 'image_url' && item.role === V2_ROLE[field]);
}

/** A v2 issue about the text item belongs next to the prompt. */
function onForm(issue: FormIssue): FormIssue {
  const aboutPrompt = issue.rule === 'prompt_required' || issue.rule === 'prompt_too_long';
  return aboutPrompt && issue.field === 'content' ? { ...issue, field: 'prompt' } : issue;
}
