import { describe, expect, it } from 'vitest';
import { pngDataUrl } from '../form/testImages';
import { needsReading, readReference, rereadReference } from './read';

function pngFile(name: string, width: number, height: number, type = 'image/png'): File {
  const bytes = Uint8Array.from(atob(pngDataUrl(width, height).split(',')[1]), (c) => c.charCodeAt(0));
  return new File([bytes], name, { type });
}

describe('reading a reference image from its own bytes', () => {
  it('keeps an image within the limits as a data URI of its type, with its pixels', async () => {
    const reference = await readReference(pngFile('cat.png', 640, 480));
    expect(reference).toMatchObject({ kind: 'image', name: 'cat.png', width: 640, height: 480 });
    expect(reference.refusal).toBeUndefined();
    expect(reference.dataUrl).toBe(pngDataUrl(640, 480));
  });

  it('refuses an image whose bytes say it is too small, whatever the name, and keeps no data', async () => {
    const reference = await readReference(pngFile('small.png', 200, 300));
    expect(reference.refusal).toMatchObject({ rule: 'pixels', name: 'small.png' });
    expect(reference.dataUrl).toBe('');
  });

  it('refuses a file of another format before reading it', async () => {
    const reference = await readReference(new File(['GIF89a'], 'anim.gif', { type: 'image/gif' }));
    expect(reference.refusal).toMatchObject({ rule: 'format', name: 'anim.gif' });
  });

  it('refuses an image whose bytes cannot be read as one', async () => {
    const reference = await readReference(new File(['not a png'], 'fake.png', { type: 'image/png' }));
    expect(reference.refusal).toMatchObject({ rule: 'unreadable', name: 'fake.png' });
  });

  it('leaves HEIC pixels to MiniMax (neither the browser nor the worker reads them)', async () => {
    const reference = await readReference(new File(['....ftypheic'], 'photo.HEIC', { type: '' }));
    expect(reference.refusal).toBeUndefined();
    expect(reference.dataUrl.startsWith('data:image/heic;base64,')).toBe(true);
  });
});

describe('a reference back from a stored request', () => {
  it('is read again from its data URI: pixels found, name and id kept', async () => {
    const stored = { id: 'stored-1', kind: 'image' as const, name: 'reference image 1', dataUrl: pngDataUrl(640, 480), bytes: 66 };
    expect(needsReading(stored)).toBe(true);
    const reread = await rereadReference(stored);
    expect(reread).toMatchObject({ id: 'stored-1', name: 'reference image 1', width: 640, height: 480, dataUrl: pngDataUrl(640, 480) });
    expect(needsReading(reread)).toBe(false);
  });

  it('is refused when reading it again breaks a rule (a stored image too small)', async () => {
    const reread = await rereadReference({ id: 's', kind: 'image', name: 'reference image 2', dataUrl: pngDataUrl(100, 100), bytes: 66 });
    expect(reread.refusal).toMatchObject({ rule: 'pixels', name: 'reference image 2' });
  });
});
