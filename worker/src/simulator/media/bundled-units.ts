// The demo units bundled into the worker as wrangler Data modules (root wrangler.toml: [[rules]] type = "Data").
// One import per file in worker/assets/demo; bundled-units.test.ts checks the list is complete.

import audio from '../../../assets/demo/audio.mp4';
import h3_1024x768 from '../../../assets/demo/h3-1024x768.mp4';
import h3_1120x480 from '../../../assets/demo/h3-1120x480.mp4';
import h3_1344x768 from '../../../assets/demo/h3-1344x768.mp4';
import h3_1440x2560 from '../../../assets/demo/h3-1440x2560.mp4';
import h3_1536x2048 from '../../../assets/demo/h3-1536x2048.mp4';
import h3_1536x640 from '../../../assets/demo/h3-1536x640.mp4';
import h3_2048x1536 from '../../../assets/demo/h3-2048x1536.mp4';
import h3_2048x2048 from '../../../assets/demo/h3-2048x2048.mp4';
import h3_2560x1080 from '../../../assets/demo/h3-2560x1080.mp4';
import h3_2560x1440 from '../../../assets/demo/h3-2560x1440.mp4';
import h3_480x480 from '../../../assets/demo/h3-480x480.mp4';
import h3_480x640 from '../../../assets/demo/h3-480x640.mp4';
import h3_480x848 from '../../../assets/demo/h3-480x848.mp4';
import h3_640x480 from '../../../assets/demo/h3-640x480.mp4';
import h3_768x1024 from '../../../assets/demo/h3-768x1024.mp4';
import h3_768x1344 from '../../../assets/demo/h3-768x1344.mp4';
import h3_768x768 from '../../../assets/demo/h3-768x768.mp4';
import h3_848x480 from '../../../assets/demo/h3-848x480.mp4';
import v1_1280x720 from '../../../assets/demo/v1-1280x720.mp4';
import v1_1366x768 from '../../../assets/demo/v1-1366x768.mp4';
import v1_1920x1080 from '../../../assets/demo/v1-1920x1080.mp4';
import v1_912x512 from '../../../assets/demo/v1-912x512.mp4';
import type { DemoUnits } from './library';

const FILES: Record<string, ArrayBuffer> = {
  'audio': audio,
  'h3-1024x768': h3_1024x768,
  'h3-1120x480': h3_1120x480,
  'h3-1344x768': h3_1344x768,
  'h3-1440x2560': h3_1440x2560,
  'h3-1536x2048': h3_1536x2048,
  'h3-1536x640': h3_1536x640,
  'h3-2048x1536': h3_2048x1536,
  'h3-2048x2048': h3_2048x2048,
  'h3-2560x1080': h3_2560x1080,
  'h3-2560x1440': h3_2560x1440,
  'h3-480x480': h3_480x480,
  'h3-480x640': h3_480x640,
  'h3-480x848': h3_480x848,
  'h3-640x480': h3_640x480,
  'h3-768x1024': h3_768x1024,
  'h3-768x1344': h3_768x1344,
  'h3-768x768': h3_768x768,
  'h3-848x480': h3_848x480,
  'v1-1280x720': v1_1280x720,
  'v1-1366x768': v1_1366x768,
  'v1-1920x1080': v1_1920x1080,
  'v1-912x512': v1_912x512,
};

export function bundledUnits(): DemoUnits {
  return Object.fromEntries(Object.entries(FILES).map(([name, bytes]) => [name, new Uint8Array(bytes)]));
}
