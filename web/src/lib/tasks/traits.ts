// What the history filters by besides the stored fields: the model's family, whether the video has sound, its shape.
import { isV2Model, V2_FIXED_RATIOS, type V2Ratio } from '$contract';
import type { TaskRecord } from './types';
import { isV2Request } from './v2-request';

export type ModelFamily = 'h3' | 'hailuo';

export function familyOf(model: string): ModelFamily {
  return isV2Model(model) ? 'h3' : 'hailuo';
}

/** MiniMax-H3 videos always carry a sound track (32 kHz stereo) and Hailuo videos never do: a finished H3 task has sound. */
export function hasSound(task: Pick<TaskRecord, 'model' | 'status'>): boolean {
  return isV2Model(task.model) && task.status === 'Success';
}

/** How far a measured frame may be from a ratio and still count as it (hosted sizes round to multiples of 32). */
const TOLERANCE = 0.03;

/** The shape asked for (text-only H3), else the one measured from the video; undefined when neither is known. */
export function ratioOf(task: Pick<TaskRecord, 'request' | 'videoWidth' | 'videoHeight'>): V2Ratio | undefined {
  const asked = isV2Request(task.request) ? task.request.ratio : undefined;
  if (asked && asked !== 'adaptive') return asked;
  const { videoWidth: width, videoHeight: height } = task;
  if (!width || !height) return undefined;
  const measured = width / height;
  return V2_FIXED_RATIOS.find((ratio) => {
    const [w, h] = ratio.split(':').map(Number);
    return Math.abs(measured / (w / h) - 1) <= TOLERANCE;
  });
}
