// A picked, dropped or pasted file → a checked (and, when too large, downscaled) data URL.
import type { ValidationIssue } from '$contract';
import { imageFileIssue, readImageFacts } from './check';
import { blobToDataUrl, downscalePlan, reencode, type DownscalePlan } from './downscale';

export type PreparedImage =
  | { ok: true; dataUrl: string; width: number; height: number; bytes: number; downscaled: boolean }
  | { ok: false; issue: ValidationIssue };

export interface PrepareDeps {
  reencode: (file: Blob, plan: DownscalePlan) => Promise<Blob>;
}

export async function prepareImage(field: string, file: Blob, deps: PrepareDeps = { reencode }): Promise<PreparedImage> {
  const facts = await readImageFacts(file);
  const issue = imageFileIssue(field, file, facts);
  if (issue) return { ok: false, issue };

  const plan = downscalePlan(facts);
  if (plan) {
    try {
      const smaller = await deps.reencode(file, plan);
      if (smaller.size < file.size) {
        return { ok: true, dataUrl: await blobToDataUrl(smaller), ...plan, bytes: smaller.size, downscaled: true };
      }
    } catch {
      // The original is within MiniMax's limits: send it as it is rather than fail.
    }
  }
  const dataUrl = await blobToDataUrl(file);
  return { ok: true, dataUrl, width: facts.width, height: facts.height, bytes: file.size, downscaled: false };
}
