// base_video of /v2/video_regeneration: a 768P H3 output with audio, 24 fps, sides divisible by 32, area ≤ 768×1344,
// 107–362 frames in steps of 17. Our own outputs (mm_file://<file_id> or our CDN URL) must be this key's succeeded
// 768P H3 generations; a data URI is read; any other URL cannot be read and is taken as a 5 s 16:9 clip.

import type { MediaItem } from './rules';
import { h3FrameCount, nearestRatio } from './sizes';
import { statusAt, type V2TaskStore } from './tasks';

export interface BaseVideo {
  ratio: string;
  frames: number;
  duration: number;
}

const NOT_OURS = 'invalid params, base_video must be a succeeded 768P MiniMax-H3 output of this account';
const CDN_PATH = /^\/cdn\/inference_output\/(\d+)\/output\.mp4$/;

export function checkBaseVideo(
  item: MediaItem,
  { tasks, owner, nowMs, origin }: { tasks: V2TaskStore; owner: string; nowMs: number; origin: string },
): BaseVideo | string {
  let fileId = item.fileId;
  if (item.source === 'http') {
    const url = new URL(item.url);
    if (url.origin === origin) fileId = CDN_PATH.exec(url.pathname)?.[1] ?? '';
  }
  if (fileId !== undefined) {
    const task = tasks.byFileId(fileId);
    const ok =
      task?.owner === owner &&
      task.taskType === 'generation' &&
      task.model === 'MiniMax-H3' &&
      task.resolution === '768P' &&
      statusAt(task, nowMs) === 'succeeded';
    if (!ok || !task.output) return NOT_OURS;
    return { ratio: task.ratio, frames: task.output.frames, duration: task.duration };
  }
  const facts = item.video;
  if (!facts) return { ratio: '16:9', frames: h3FrameCount(5), duration: 5 };
  const video = facts.video!;
  if (!facts.audio) return 'invalid params, base_video must carry audio';
  if (Math.abs(video.fps - 24) > 0.01) return 'invalid params, base_video must be 24 fps';
  if (video.width % 32 !== 0 || video.height % 32 !== 0) return 'invalid params, base_video width and height must be multiples of 32';
  if (video.width * video.height > 768 * 1344) return 'invalid params, base_video area must be at most 768×1344';
  if (video.frames < 107 || video.frames > 362 || (video.frames - 107) % 17 !== 0) {
    return 'invalid params, base_video must have 107–362 frames in steps of 17';
  }
  const ratio = nearestRatio(video.width, video.height);
  return { ratio, frames: video.frames, duration: Math.round(video.frames / 24) };
}
