// A picked, dropped or pasted file → a reference: its facts read from the file itself (image headers; video and
// audio through a media element's metadata), a poster frame or waveform to show, and its data URI when accepted.
import { bytesSource, imageFacts } from '$contract';
import { blobToDataUrl } from '../images/downscale';
import { fileRefusal, formatRefusal, referenceFormat, type FileFacts } from './file-rules';
import type { FormReference } from './rules';

const METADATA_TIMEOUT_MS = 10_000;
const POSTER_WIDTH = 160;
const PEAKS = 48;

export async function readReference(file: File): Promise<FormReference> {
  const id = crypto.randomUUID();
  const format = referenceFormat(file.type, file.name);
  const base = { name: file.name, type: file.type, bytes: file.size };
  const early = formatRefusal(base);
  if (!format || early) return { id, kind: format?.kind ?? 'image', name: file.name, dataUrl: '', bytes: file.size, refusal: early! };
  const seen = await readFacts(file, format.kind, format.mime);
  const facts: FileFacts = { ...base, ...seen.facts };
  const refusal = fileRefusal(facts);
  const reference: FormReference = {
    id,
    kind: format.kind,
    name: file.name,
    dataUrl: '',
    bytes: file.size,
    ...(facts.width ? { width: facts.width, height: facts.height } : {}),
    ...(facts.seconds !== undefined && Number.isFinite(facts.seconds) ? { seconds: facts.seconds } : {}),
    ...(seen.poster ? { poster: seen.poster } : {}),
    ...(seen.peaks ? { peaks: seen.peaks } : {}),
  };
  if (refusal) return { ...reference, refusal };
  return { ...reference, dataUrl: await blobToDataUrl(new Blob([file], { type: format.mime })) };
}

interface Seen {
  facts: Pick<FileFacts, 'readable' | 'width' | 'height' | 'seconds'>;
  poster?: string;
  peaks?: number[];
}

async function readFacts(file: File, kind: FormReference['kind'], mime: string): Promise<Seen> {
  if (kind === 'image') {
    const facts = imageFacts(bytesSource(new Uint8Array(await file.arrayBuffer())));
    // HEIC/HEIF headers are not read here (nor by the worker): MiniMax judges their pixels.
    if (facts.format === 'unknown') return { facts: { readable: /hei[cf]$/.test(mime) } };
    return { facts: { readable: facts.width > 0 && facts.height > 0, width: facts.width, height: facts.height } };
  }
  const url = URL.createObjectURL(file);
  try {
    if (kind === 'video') return await readVideo(url);
    const seconds = await metadata(document.createElement('audio'), url);
    return { facts: { readable: seconds !== undefined, seconds }, peaks: await waveform(file) };
  } finally {
    URL.revokeObjectURL(url);
  }
}

/** The element's duration once its metadata is loaded; undefined when it cannot be read. */
function metadata(element: HTMLMediaElement, url: string): Promise<number | undefined> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => done(undefined), METADATA_TIMEOUT_MS);
    const done = (seconds: number | undefined) => {
      clearTimeout(timer);
      element.onloadedmetadata = element.onerror = null;
      resolve(seconds);
    };
    element.preload = 'metadata';
    element.muted = true;
    element.onloadedmetadata = () => done(Number.isFinite(element.duration) ? element.duration : undefined);
    element.onerror = () => done(undefined);
    element.src = url;
  });
}

async function readVideo(url: string): Promise<Seen> {
  const video = document.createElement('video');
  video.playsInline = true;
  const seconds = await metadata(video, url);
  if (seconds === undefined || !video.videoWidth) return { facts: { readable: false } };
  const facts = { readable: true, width: video.videoWidth, height: video.videoHeight, seconds };
  return { facts, poster: await poster(video, seconds) };
}

async function poster(video: HTMLVideoElement, seconds: number): Promise<string | undefined> {
  try {
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('no frame')), METADATA_TIMEOUT_MS);
      video.onseeked = () => {
        clearTimeout(timer);
        resolve();
      };
      video.currentTime = Math.min(0.5, seconds / 4);
    });
    const canvas = document.createElement('canvas');
    canvas.width = POSTER_WIDTH;
    canvas.height = Math.max(1, Math.round((POSTER_WIDTH * video.videoHeight) / video.videoWidth));
    canvas.getContext('2d')?.drawImage(video, 0, 0, canvas.width, canvas.height);
    return canvas.toDataURL('image/jpeg', 0.7);
  } catch {
    return undefined;
  } finally {
    video.removeAttribute('src');
    video.load();
  }
}

/** The clip's peak loudness in PEAKS slices; undefined where the browser cannot decode it here. */
async function waveform(file: File): Promise<number[] | undefined> {
  try {
    const context = new OfflineAudioContext(1, 1, 8000);
    const samples = (await context.decodeAudioData(await file.arrayBuffer())).getChannelData(0);
    const size = Math.max(1, Math.floor(samples.length / PEAKS));
    return Array.from({ length: PEAKS }, (_, i) => {
      let peak = 0;
      for (let j = i * size; j < Math.min(samples.length, (i + 1) * size); j++) peak = Math.max(peak, Math.abs(samples[j]));
      return Math.round(peak * 100) / 100;
    });
  } catch {
    return undefined;
  }
}

/** A reference that came back from a stored request ("Edit & re-run"): its data URI read again for its facts. */
export async function rereadReference(reference: FormReference): Promise<FormReference> {
  const comma = reference.dataUrl.indexOf(',');
  const type = /^data:([^;,]+)/.exec(reference.dataUrl)?.[1] ?? '';
  const bytes = Uint8Array.from(atob(reference.dataUrl.slice(comma + 1)), (c) => c.charCodeAt(0));
  const read = await readReference(new File([bytes], reference.name, { type }));
  return { ...read, id: reference.id, name: reference.name };
}

/** Whether a reference lacks the facts reading its file gives (it came from a stored request). */
export function needsReading(reference: FormReference): boolean {
  if (reference.refusal || !reference.dataUrl) return false;
  return reference.kind === 'image' ? reference.width === undefined && !reference.dataUrl.startsWith('data:image/hei') : reference.seconds === undefined;
}
