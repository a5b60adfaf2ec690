// A stored request → the form's values, for "Edit & re-run".
import { defaultsFor, modeOfBody } from '$contract';
import { isV2Request, type StudioRequest } from '../tasks/v2-request';
import { settle } from './combos';
import type { FormValues } from './request';
import { DEFAULT_RATIO, v2ValuesFromBody } from './request-v2';

export function valuesFromRequest(request: StudioRequest): FormValues {
  if (isV2Request(request)) {
    const { prompt, ...v2 } = v2ValuesFromBody(request);
    const { choice } = settle(v2);
    return { ...v2, ...choice, prompt, promptOptimizer: true, fastPretreatment: false, batch: { kind: 'variations', count: 1 } };
  }
  const mode = modeOfBody(request);
  const defaults = defaultsFor(request.model);
  const { choice } = settle({
    mode,
    model: request.model,
    resolution: request.resolution ?? defaults.resolution,
    duration: request.duration ?? defaults.duration,
  });
  return {
    ...choice,
    ratio: DEFAULT_RATIO,
    expansion: 'disabled',
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
