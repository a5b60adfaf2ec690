// Images larger than a video frame needs are scaled down and re-encoded before becoming a data URL:
// smaller request bodies, same result (MiniMax follows the first frame's aspect, not its pixel count).
import type { ImageFacts } from '$contract';

export const DOWNSCALE_LIMITS = { maxLongSide: 2048, maxBytes: 4 * 1024 * 1024, quality: 0.9 };

export interface DownscalePlan {
  width: number;
  height: number;
}

/** The size to re-encode to, or null when the file can be sent as it is. */
export function downscalePlan(facts: Pick<ImageFacts, 'width' | 'height' | 'bytes'>): DownscalePlan | null {
  const long = Math.max(facts.width, facts.height);
  if (long > DOWNSCALE_LIMITS.maxLongSide) {
    const scale = DOWNSCALE_LIMITS.maxLongSide / long;
    return { width: Math.round(facts.width * scale), height: Math.round(facts.height * scale) };
  }
  if (facts.bytes > DOWNSCALE_LIMITS.maxBytes) return { width: facts.width, height: facts.height };
  return null;
}

/** Draws the image at the planned size and encodes it as JPEG (WebP where JPEG is unavailable). */
export async function reencode(file: Blob, plan: DownscalePlan): Promise<Blob> {
  const bitmap = await createImageBitmap(file, {
    resizeWidth: plan.width,
    resizeHeight: plan.height,
    resizeQuality: 'high',
  });
  const canvas = document.createElement('canvas');
  canvas.width = plan.width;
  canvas.height = plan.height;
  const context = canvas.getContext('2d');
  if (!context) throw new Error('Canvas 2D is unavailable');
  context.fillStyle = '#fff'; // JPEG has no alpha: transparent pixels become white, not black
  context.fillRect(0, 0, plan.width, plan.height);
  context.drawImage(bitmap, 0, 0, plan.width, plan.height);
  bitmap.close();
  for (const type of ['image/jpeg', 'image/webp']) {
    const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, type, DOWNSCALE_LIMITS.quality));
    if (blob && blob.type === type) return blob;
  }
  throw new Error('The browser could not encode the image');
}

export function blobToDataUrl(blob: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(reader.result as string);
    reader.onerror = () => reject(reader.error);
    reader.readAsDataURL(blob);
  });
}
