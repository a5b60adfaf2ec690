// Checks a picked image against MiniMax §2.4 before anything is sent, naming the broken rule.
import { IMAGE_LIMITS, bytesSource, imageFacts, imageIssue, type ImageFacts, type ValidationIssue } from '$contract';

const ACCEPTED_TYPES = ['image/jpeg', 'image/png', 'image/webp'];
export const ACCEPT_ATTRIBUTE = ACCEPTED_TYPES.join(',');
const HEAD_BYTES = 1024 * 1024;

/** Reads format and size from the file's own bytes (the MIME type a browser reports is only a hint). */
export async function readImageFacts(file: Blob): Promise<ImageFacts> {
  if (file.size >= IMAGE_LIMITS.maxBytes) {
    // a camera JPEG's EXIF, XMP and colour profile can put its size marker well past the first 64 KB
    const head = new Uint8Array(await file.slice(0, HEAD_BYTES).arrayBuffer());
    return { ...imageFacts(bytesSource(head)), bytes: file.size };
  }
  return imageFacts(bytesSource(new Uint8Array(await file.arrayBuffer())));
}

/** §2.4 for a file: format, < 20 MB, short side > 300 px, aspect 2:5..5:2. */
export function imageFileIssue(field: string, file: Pick<Blob, 'type'>, facts: ImageFacts): ValidationIssue | null {
  if (file.type && !ACCEPTED_TYPES.includes(file.type)) {
    return { field, rule: 'image_format', message: 'The image must be a JPG, PNG or WebP file.' };
  }
  return imageIssue(field, facts);
}
