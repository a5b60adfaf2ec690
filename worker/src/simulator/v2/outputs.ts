// What a finished v2 task reports: `usage` and the Context-IR prompt. The token counts are invented (MiniMax does
// not publish how it counts); completion tokens are loosely fitted to the reference's 2K 5 s example (260390).

import type { V2Request } from './rules';

/** Seconds assumed for a reference video or audio this simulator cannot read (a URL, mm_file, an MP3). */
export const UNREAD_MEDIA_SECONDS = 5;

export function videoUsage(request: V2Request, output: { width: number; height: number; frames: number }, outputSeconds: number): Record<string, number> {
  const seconds = (kind: 'video' | 'audio') =>
    request.media
      .filter((m) => m.kind === kind)
      .reduce((n, m) => n + Math.ceil((kind === 'video' ? m.video?.seconds : m.audioSeconds) ?? UNREAD_MEDIA_SECONDS), 0);
  const images = request.media.filter((m) => m.kind === 'image').length;
  const audios = request.media.some((m) => m.kind === 'audio');
  const inputSeconds = seconds('video');
  const prompt = textTokens(request.text) + 1024 * images + 256 * inputSeconds + (audios ? 64 * seconds('audio') : 0);
  const completion = Math.ceil((output.frames * output.width * output.height) / 1755);
  return {
    total_seconds: inputSeconds + outputSeconds,
    input_seconds: inputSeconds,
    output_seconds: outputSeconds,
    input_image_count: images,
    ...(audios ? { input_audio_seconds: seconds('audio') } : {}),
    total_tokens: prompt + completion,
    prompt_tokens: prompt,
    completion_tokens: completion,
  };
}

export function expandedPrompt(request: V2Request, ratio: string): string {
  const framing = ratio === '' ? 'framing that follows the inputs' : `${ratio} framing`;
  const half = Math.max(1, Math.floor(request.duration / 2));
  return [
    request.text,
    '',
    `[Expanded for MiniMax-H3 · ${request.duration} s · ${framing}]`,
    `0–${half} s: an establishing shot sets the place, the light and the time of day; the main subject enters in a steady medium shot.`,
    `${half}–${request.duration} s: the camera moves closer in one smooth push; the action above plays out in full and the shot settles on the subject.`,
    'Sound: ambient sound that matches the scene, footsteps and movement in sync with the picture; no music unless the prompt asks for it.',
    'Style: natural colour, soft contrast, realistic motion, no text on screen.',
  ].join('\n');
}

export function irUsage(text: string, prompt: string): Record<string, number> {
  const input = textTokens(text);
  const output = textTokens(prompt);
  return { total_tokens: input + output, prompt_tokens: input, completion_tokens: output };
}

function textTokens(text: string): number {
  return Math.max(1, Math.ceil([...text].length / 4));
}
