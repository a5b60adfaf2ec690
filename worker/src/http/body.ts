// Reading a JSON request body with a size limit enforced while streaming, with or without Content-Length.
import { ApiError } from './errors';

/** Images arrive as data URLs: a 20 MB image is ~27 MB of base64, so allow about 30 MB. */
export const MAX_BODY_BYTES = 30 * 1024 * 1024;

export async function readJsonBody(request: Request, limit = MAX_BODY_BYTES): Promise<unknown> {
  const type = request.headers.get('content-type') ?? '';
  if (!/^application\/json\s*(;|$)/i.test(type) && !(isPlainText(type) && !fromBrowser(request))) {
    throw new ApiError(415, 'unsupported_media_type', 'Send the request body as JSON (Content-Type: application/json).');
  }
  const declared = Number(request.headers.get('content-length') ?? NaN);
  if (declared > limit) throw tooLarge(limit);
  const text = await readLimited(request, limit);
  try {
    return JSON.parse(text);
  } catch {
    throw new ApiError(400, 'invalid_request', 'The request body is not valid JSON.', { field: 'body' });
  }
}

function isPlainText(type: string): boolean {
  return type === '' || /^text\/plain\s*(;|$)/i.test(type);
}

/**
 * Scripts (curl, `requests.post(data=…)`) send JSON as text/plain or with no type, as MiniMax accepts. A browser
 * marks its requests (Origin, Sec-Fetch-Site); a form can post text/plain across sites without a preflight, so
 * from a browser only application/json is read.
 */
function fromBrowser(request: Request): boolean {
  return request.headers.has('origin') || request.headers.has('sec-fetch-site') || request.headers.has('sec-fetch-mode');
}

async function readLimited(request: Request, limit: number): Promise<string> {
  if (!request.body) return '';
  const reader = request.body.getReader();
  const decoder = new TextDecoder();
  let size = 0;
  let text = '';
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel();
      throw tooLarge(limit);
    }
    text += decoder.decode(value, { stream: true });
  }
  return text + decoder.decode();
}

function tooLarge(limit: number): ApiError {
  return new ApiError(413, 'payload_too_large', `The request is larger than ${limit / 1024 / 1024} MB. Use a smaller image.`);
}
