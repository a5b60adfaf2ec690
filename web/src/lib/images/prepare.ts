// A picked, dropped or pasted file → a checked (and, when too large, downscaled) data URL.
import { IMAGE_LIMITS, type ValidationIssue } from '$contract';
import { imageFileIssue, readImageFacts } from './check';
import { blobToDataUrl, downscalePlan, reencode, type DownscalePlan } from './downscale';

export type PreparedImage =
  | { ok: true; dataUrl: string; width: number; height: number; bytes: number; downscaled: boolean }
  /** couldNotShrink: over MiniMax's size limit and this browser could not re-encode it under it */
  | { ok: false; issue: ValidationIssue; couldNotShrink?: boolean };

export interface PrepareDeps {
  reencode: (file: Blob, plan: DownscalePlan) => Promise<Blob>;
}

export async function prepareImage(field: string, file: Blob, deps: PrepareDeps = { reencode }): Promise<PreparedImage> {
  const facts = await readImageFacts(file);
  // Bytes alone are no reason to refuse: a file over the limit is shrunk like any large one.
  const shapeIssue = imageFileIssue(field, file, { ...facts, bytes: 0 });
  if (shapeIssue) return { ok: false, issue: shapeIssue };
  const overLimit = facts.bytes >= IMAGE_LIMITS.maxBytes;

  const plan = downscalePlan(facts);
  if (plan) {
    try {
      const smaller = await deps.reencode(file, plan);
      if (smaller.size < Math.min(file.size, IMAGE_LIMITS.maxBytes)) {
        return { ok: true, dataUrl: await blobToDataUrl(smaller), ...plan, bytes: smaller.size, downscaled: true };
      }
    } catch {
      // Within MiniMax's limits the original is sent as it is rather than fail.
    }
  }
  if (overLimit) return { ok: false, issue: imageFileIssue(field, file, facts)!, couldNotShrink: true };
  const dataUrl = await blobToDataUrl(file);
  return { ok: true, dataUrl, width: facts.width, height: facts.height, bytes: file.size, downscaled: false };
}
