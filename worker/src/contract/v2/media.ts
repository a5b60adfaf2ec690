// What a v2 `content[]` URL is, read without decoding it: a public http(s) URL, an `mm_file://` id of MiniMax's,
// or a base64 data URI whose declared kind, format and size (and, for images we can read, pixels) are checked.
import { imageFactsFromDataUrl, type ImageFacts } from '../image';
import { V2_DATA_FORMATS } from './models';

export type MediaKind = 'image' | 'video' | 'audio';

export type MediaSource =
  | { kind: 'web'; url: URL }
  | { kind: 'mm_file'; fileId: string }
  | { kind: 'data'; media: MediaKind | 'other'; format: string; bytes: number; image: ImageFacts | null }
  | { kind: 'invalid' };

const DATA_URI = /^data:([a-z]+)\/([a-z0-9.+-]+)((?:;[a-z0-9=.+-]+)*);base64,/i;

export function readMediaSource(value: string): MediaSource {
  if (/^mm_file:\/\//i.test(value)) {
    const id = value.slice('mm_file://'.length);
    return /^\d{1,32}$/.test(id) ? { kind: 'mm_file', fileId: id } : { kind: 'invalid' };
  }
  const data = DATA_URI.exec(value);
  if (data) {
    const payload = value.length - data[0].length;
    if (!/^[A-Za-z0-9+/]*={0,2}$/.test(value.slice(data[0].length, data[0].length + 4096))) return { kind: 'invalid' };
    const top = data[1].toLowerCase();
    const format = data[2].toLowerCase();
    const media: MediaKind | 'other' = top === 'image' || top === 'video' || top === 'audio' ? top : 'other';
    const padding = value.endsWith('==') ? 2 : value.endsWith('=') ? 1 : 0;
    const bytes = Math.floor((payload * 3) / 4) - padding;
    const image = media === 'image' && ['jpeg', 'jpg', 'png', 'webp'].includes(format) ? imageFactsFromDataUrl(value) : null;
    return { kind: 'data', media, format, bytes, image };
  }
  try {
    const url = new URL(value);
    const web = (url.protocol === 'https:' || url.protocol === 'http:') && !url.username && !url.password && !!url.hostname;
    return web ? { kind: 'web', url } : { kind: 'invalid' };
  } catch {
    return { kind: 'invalid' };
  }
}

export function formatAllowed(kind: MediaKind, format: string): boolean {
  return (V2_DATA_FORMATS[kind] as readonly string[]).includes(format);
}
