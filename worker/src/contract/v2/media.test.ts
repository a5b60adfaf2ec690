// What a v2 content URL is, read without decoding it (contract/README.md, "v2": http(s), mm_file://, base64 data URIs).
import { describe, expect, it } from 'vitest';
import { dataUrl, jpegBytes, pngBytes, webpBytes } from '../../simulator/test-images';
import { formatAllowed, readMediaSource, type MediaKind } from './media';

const invalid = { kind: 'invalid' };
const base64 = (text: string) => Buffer.from(text, 'latin1').toString('base64');

describe('readMediaSource: web URLs', () => {
  it.each(['https://example.com/a.png', 'http://example.com/a.mp4?x=1', 'HTTPS://EXAMPLE.COM/a', 'https://example.com/mm_file://123'])(
    'reads %s as a web URL',
    (value) => {
      expect(readMediaSource(value)).toEqual({ kind: 'web', url: new URL(value) });
    },
  );

  it.each(['ftp://example.com/a.png', 'file:///etc/passwd', 'https://user@example.com/a', 'https://:secret@example.com/a', 'https://u:p@example.com/a', 'example.com/a.png', '', 'javascript:alert(1)'])(
    'refuses %j',
    (value) => {
      expect(readMediaSource(value)).toEqual(invalid);
    },
  );
});

describe('readMediaSource: mm_file ids', () => {
  it.each([
    ['mm_file://123456', '123456'],
    ['MM_FILE://7', '7'],
    [`mm_file://${'9'.repeat(32)}`, '9'.repeat(32)],
  ])('reads %s as file id %s', (value, fileId) => {
    expect(readMediaSource(value)).toEqual({ kind: 'mm_file', fileId });
  });

  it.each(['mm_file://', 'mm_file://12a', 'mm_file://a12', 'mm_file://-1', `mm_file://${'9'.repeat(33)}`, 'mm_file:/123', 'mm_file://1 '])('refuses %j', (value) => {
    expect(readMediaSource(value)).toEqual(invalid);
  });
});

describe('readMediaSource: data URIs', () => {
  it.each([
    ['data:audio/mpeg;base64,QUJD', 'audio', 'mpeg', 3],
    ['data:audio/mpeg;base64,QUI=', 'audio', 'mpeg', 2],
    ['data:audio/mpeg;base64,QQ==', 'audio', 'mpeg', 1],
    ['data:audio/mpeg;base64,', 'audio', 'mpeg', 0],
    ['data:audio/mpeg;base64,QUJ', 'audio', 'mpeg', 2],
    ['DATA:VIDEO/MP4;BASE64,QUJDRA==', 'video', 'mp4', 4],
    ['data:video/quicktime;name=a.mov;codecs=x-1;base64,QUJD', 'video', 'quicktime', 3],
    ['data:audio/x-wav;base64,QUJD', 'audio', 'x-wav', 3],
    ['data:image/svg+xml;base64,QUJD', 'image', 'svg+xml', 3],
    ['data:image/vnd.ms-photo;base64,QUJD', 'image', 'vnd.ms-photo', 3],
    ['data:image/heic;base64,QUJD', 'image', 'heic', 3],
    ['data:text/plain;base64,QUJD', 'other', 'plain', 3],
    ['data:application/mp4;base64,QUJD', 'other', 'mp4', 3],
  ])('reads %s as %s/%s of %i bytes', (value, media, format, bytes) => {
    expect(readMediaSource(value)).toEqual({ kind: 'data', media, format, bytes, image: null });
  });

  it('counts the bytes of a long payload from its length, with its padding', () => {
    const payload = base64('x'.repeat(10_000));
    expect(readMediaSource(`data:video/mp4;base64,${payload}`)).toMatchObject({ bytes: 10_000 });
    expect(readMediaSource(`data:video/mp4;base64,${base64('x'.repeat(10_001))}`)).toMatchObject({ bytes: 10_001 });
    expect(readMediaSource(`data:video/mp4;base64,${base64('x'.repeat(10_002))}`)).toMatchObject({ bytes: 10_002 });
  });

  it.each([
    ['png', dataUrl(pngBytes(640, 480))],
    ['jpeg', dataUrl(jpegBytes(640, 480), 'image/jpeg')],
    ['jpg', dataUrl(jpegBytes(640, 480), 'image/jpg')],
    ['webp', dataUrl(webpBytes('VP8X', 640, 480), 'image/webp')],
  ])('reads the pixels of a %s image', (format, value) => {
    const source = readMediaSource(value);
    expect(source).toMatchObject({ kind: 'data', media: 'image', format, image: { width: 640, height: 480 } });
  });

  it('reads no pixels of a HEIC image, nor of a PNG declared as a video or another kind', () => {
    const png = Buffer.from(pngBytes(640, 480)).toString('base64');
    expect(readMediaSource(`data:image/heic;base64,${png}`)).toMatchObject({ media: 'image', image: null });
    expect(readMediaSource(`data:video/png;base64,${png}`)).toMatchObject({ media: 'video', image: null });
    expect(readMediaSource(`data:text/png;base64,${png}`)).toMatchObject({ media: 'other', image: null });
  });

  it.each([
    ['a character outside base64', 'data:audio/mpeg;base64,QU!D'],
    ['a space', 'data:audio/mpeg;base64,QU D'],
    ['padding inside', 'data:audio/mpeg;base64,QQ==QUJD'],
    ['three padding characters', 'data:audio/mpeg;base64,Q==='],
  ])('refuses %s in the payload', (_name, value) => {
    expect(readMediaSource(value)).toEqual(invalid);
  });

  it('checks the first 4 KB of the payload only', () => {
    expect(readMediaSource(`data:audio/mpeg;base64,${'A'.repeat(4092)}!!!!`)).toEqual(invalid);
    expect(readMediaSource(`data:audio/mpeg;base64,${'A'.repeat(4096)}!!!!`)).toMatchObject({ kind: 'data' });
  });

  it('does not read a data URI that does not start the value, however long the base64 before it', () => {
    expect(readMediaSource(`${'A'.repeat(5000)}data:audio/mpeg;base64,QUJD`)).toEqual(invalid);
  });

  it.each([
    ['no base64 marker', 'data:audio/mpeg,QUJD'],
    ['no subtype', 'data:audio;base64,QUJD'],
    ['a digit in the type', 'data:audio2/mpeg;base64,QUJD'],
    ['a parameter with a space', 'data:audio/mpeg;a b;base64,QUJD'],
    ['text before data:', 'xdata:audio/mpeg;base64,QUJD'],
  ])('does not read %s as a data URI (nor as a web URL)', (_name, value) => {
    expect(readMediaSource(value)).toEqual(invalid);
  });
});

describe('formatAllowed', () => {
  const FORMATS: Record<MediaKind, string[]> = {
    image: ['jpeg', 'jpg', 'png', 'webp', 'heic', 'heif'],
    video: ['mp4', 'quicktime'],
    audio: ['wav', 'x-wav', 'wave', 'mp3', 'mpeg'],
  };
  const kinds = Object.keys(FORMATS) as MediaKind[];

  it.each(kinds)('allows %s in its own formats only', (kind) => {
    for (const other of kinds) {
      for (const format of FORMATS[other]) expect(formatAllowed(kind, format), `${kind} ${format}`).toBe(other === kind);
    }
    expect(formatAllowed(kind, 'gif')).toBe(false);
    expect(formatAllowed(kind, '')).toBe(false);
  });
});
