// Runs the shared contract's validation on every body of a batch before anything is sent.
import { validateVideoRequest, type Mode, type Rule, type ValidationIssue, type VideoRequest } from '$contract';
import { MAX_BATCH } from './request';

/** The contract's rules plus the form's own. */
export type FormRule = Rule | 'batch_too_large';
export type FormIssue = Omit<ValidationIssue, 'rule'> & { rule: FormRule };

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
export function firstIssue(requests: VideoRequest[], mode?: Mode): BatchIssue | null {
  for (const { field, message } of mode ? IMAGE_FIELDS[mode] : []) {
    if (requests[0] && requests[0][field] === undefined) {
      return { index: null, issue: { field, rule: 'image_required', message, params: { model: requests[0].model } } };
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
    const result = validateVideoRequest(request);
    if (!result.ok) return { index, issue: result.issue };
  }
  return null;
}
