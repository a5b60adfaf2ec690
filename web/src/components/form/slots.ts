// Labels and status lines of the form's image slots.
import type { ImageSlot } from '../../lib/form/form.svelte';
import type { PreparedImage } from '../../lib/images/prepare';
import { t } from '../../lib/i18n/index.svelte';

export function imageSlotLabel(slot: ImageSlot): string {
  return t(`image.${slot}`);
}

export function describeImageStatus(image: Extract<PreparedImage, { ok: true }>): string {
  const size = { width: image.width, height: image.height };
  return image.downscaled ? t('image.downscaled', size) : t('image.size', size);
}
