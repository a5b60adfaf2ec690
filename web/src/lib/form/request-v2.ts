// The form's values → a MiniMax v2 body (MiniMax-H3 family): the prompt, frames or references as `content[]`, the
// ratio only where MiniMax reads it (frames decide the shape themselves; references may leave it adaptive).
import { v2ModelSpec, type PromptExpansionMode, type V2ModelId, type V2Ratio, type V2Resolution } from '$contract';
import type { V2Body, V2ContentItem } from '../api/v2';
import { promptName } from '../references/names';
import { inSendingOrder, type FormReference } from '../references/rules';
import type { FormImages } from './request';

export interface V2FormValues {
  mode: 't2v' | 'i2v' | 'fl2v' | 's2v';
  model: V2ModelId;
  resolution: V2Resolution;
  duration: number;
  ratio: V2Ratio;
  expansion: PromptExpansionMode;
  images: FormImages;
  references?: readonly FormReference[];
}

export const DEFAULT_RATIO: V2Ratio = '16:9';

export function buildV2Request(values: V2FormValues, prompt: string): V2Body {
  const content: V2ContentItem[] = [{ type: 'text', text: prompt.trim() }];
  const { firstFrame, lastFrame } = values.images;
  const frames = values.mode === 'i2v' || values.mode === 'fl2v';
  if (frames && firstFrame) content.push({ type: 'image_url', image_url: { url: firstFrame }, role: 'first_frame' });
  if (values.mode === 'fl2v' && lastFrame) content.push({ type: 'image_url', image_url: { url: lastFrame }, role: 'last_frame' });
  const references = values.mode === 't2v' && v2ModelSpec(values.model)?.modes.includes('r2v') ? (values.references ?? []).filter((r) => !r.refusal) : [];
  content.push(...inSendingOrder(references).map(referenceItem));
  const body: V2Body = { model: values.model, content, resolution: values.resolution, duration: values.duration };
  if (!frames) body.ratio = values.ratio === 'adaptive' && !references.length ? DEFAULT_RATIO : values.ratio;
  if (v2ModelSpec(values.model)?.promptExpansion && values.expansion !== 'disabled') {
    body.extra = { prompt_expansion_mode: values.expansion };
  }
  return body;
}

function referenceItem(reference: FormReference): V2ContentItem {
  const url = { url: reference.dataUrl };
  if (reference.kind === 'image') return { type: 'image_url', image_url: url, role: 'reference_image' };
  if (reference.kind === 'video') return { type: 'video_url', video_url: url, role: 'reference_video' };
  return { type: 'audio_url', audio_url: url, role: 'reference_audio' };
}

/** A stored body's references, named as the prompt names them (the file names are not sent). */
function referencesOf(body: V2Body): FormReference[] {
  const seen = { image: 0, video: 0, audio: 0 };
  return body.content.flatMap((item, i): FormReference[] => {
    const kind = item.type === 'image_url' ? 'image' : item.type === 'video_url' ? 'video' : item.type === 'audio_url' ? 'audio' : null;
    if (!kind || item.type === 'text' || !item.role.startsWith('reference_')) return [];
    const url = item.type === 'image_url' ? item.image_url.url : item.type === 'video_url' ? item.video_url.url : item.audio_url.url;
    const bytes = Math.floor((Math.max(0, url.length - url.indexOf(',') - 1) * 3) / 4);
    return [{ id: `stored-${i}-${crypto.randomUUID()}`, kind, name: promptName(kind, ++seen[kind]), dataUrl: url, bytes }];
  });
}

/** A stored v2 body → what the form shows ("Edit & re-run"). */
export function v2ValuesFromBody(body: V2Body): Omit<V2FormValues, 'mode'> & { mode: 't2v' | 'i2v' | 'fl2v'; prompt: string } {
  const image = (role: string) => {
    const item = body.content.find((c) => c.type === 'image_url' && c.role === role);
    return item?.type === 'image_url' ? item.image_url.url : undefined;
  };
  const firstFrame = image('first_frame');
  const lastFrame = image('last_frame');
  const text = body.content.find((c) => c.type === 'text');
  return {
    mode: lastFrame ? 'fl2v' : firstFrame ? 'i2v' : 't2v',
    model: body.model,
    resolution: body.resolution ?? '768P',
    duration: body.duration ?? 6,
    ratio: body.ratio ?? DEFAULT_RATIO,
    expansion: body.extra?.prompt_expansion_mode ?? 'disabled',
    images: { ...(firstFrame ? { firstFrame } : {}), ...(lastFrame ? { lastFrame } : {}) },
    references: referencesOf(body),
    prompt: text?.type === 'text' ? text.text : '',
  };
}
