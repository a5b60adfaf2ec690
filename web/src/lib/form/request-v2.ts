// The form's values → a MiniMax v2 body (MiniMax-H3 family): the prompt and frames as `content[]`, the ratio only
// where MiniMax reads it (text only: frames decide the shape themselves).
import { v2ModelSpec, type PromptExpansionMode, type V2ModelId, type V2Ratio, type V2Resolution } from '$contract';
import type { V2Body, V2ContentItem } from '../api/v2';
import type { FormImages } from './request';

export interface V2FormValues {
  mode: 't2v' | 'i2v' | 'fl2v' | 's2v';
  model: V2ModelId;
  resolution: V2Resolution;
  duration: number;
  ratio: V2Ratio;
  expansion: PromptExpansionMode;
  images: FormImages;
}

export const DEFAULT_RATIO: V2Ratio = '16:9';

export function buildV2Request(values: V2FormValues, prompt: string): V2Body {
  const content: V2ContentItem[] = [{ type: 'text', text: prompt.trim() }];
  const { firstFrame, lastFrame } = values.images;
  const frames = values.mode === 'i2v' || values.mode === 'fl2v';
  if (frames && firstFrame) content.push({ type: 'image_url', image_url: { url: firstFrame }, role: 'first_frame' });
  if (values.mode === 'fl2v' && lastFrame) content.push({ type: 'image_url', image_url: { url: lastFrame }, role: 'last_frame' });
  const body: V2Body = { model: values.model, content, resolution: values.resolution, duration: values.duration };
  if (!frames) body.ratio = values.ratio === 'adaptive' ? DEFAULT_RATIO : values.ratio;
  if (v2ModelSpec(values.model)?.promptExpansion && values.expansion !== 'disabled') {
    body.extra = { prompt_expansion_mode: values.expansion };
  }
  return body;
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
    prompt: text?.type === 'text' ? text.text : '',
  };
}
