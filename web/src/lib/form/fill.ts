// A stored request → the form's values, for "Edit & re-run".
import { defaultsFor, modeOfBody, type Duration, type VideoRequest } from '$contract';
import { settle } from './combos';
import type { FormValues } from './request';

export function valuesFromRequest(request: VideoRequest): FormValues {
  const mode = modeOfBody(request);
  const defaults = defaultsFor(request.model);
  const { choice } = settle({
    mode,
    model: request.model,
    resolution: request.resolution ?? defaults.resolution,
    duration: (request.duration ?? defaults.duration) as Duration,
  });
  return {
    ...choice,
    prompt: request.prompt ?? '',
    promptOptimizer: request.prompt_optimizer ?? true,
    fastPretreatment: request.fast_pretreatment ?? false,
    images: {
      firstFrame: request.first_frame_image,
      lastFrame: request.last_frame_image,
      subject: request.subject_reference?.[0]?.image[0],
    },
    batch: { kind: 'variations', count: 1 },
  };
}
