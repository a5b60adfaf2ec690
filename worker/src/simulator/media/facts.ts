// What an MP4 says about itself: duration, frame size, frame count and rate, audio channels and rate.
// Reads plain and fragmented files; null when the bytes are not an MP4 this reader understands.

import { find, findAll, handlerType, parseBoxes, timing, tkhdSize, tkhdTrackId, view, type Box } from './boxes';
import { readFragments, trexDurations } from './fragments';

export interface Mp4Facts {
  seconds: number;
  video?: { width: number; height: number; frames: number; fps: number; seconds: number };
  audio?: { channels: number; sampleRate: number; seconds: number };
}

export function mp4Facts(bytes: Uint8Array): Mp4Facts | null {
  let boxes: Box[];
  try {
    boxes = parseBoxes(bytes);
  } catch {
    return null;
  }
  const moov = find(boxes, 'moov');
  const mvhd = find(moov?.children, 'mvhd');
  if (!moov || !mvhd) return null;
  const movie = timing(mvhd);
  let fragments: ReturnType<typeof readFragments> = [];
  try {
    fragments = readFragments(boxes, trexDurations(moov));
  } catch {
    return null;
  }
  const facts: Mp4Facts = { seconds: movie.duration / movie.timescale };
  for (const trak of findAll(moov.children, 'trak')) {
    const id = tkhdTrackId(find(trak.children, 'tkhd')!);
    const mdhd = timing(find(trak.children, 'mdia', 'mdhd')!);
    const stbl = find(trak.children, 'mdia', 'minf', 'stbl');
    const mine = fragments.filter((f) => f.trackId === id);
    const samples = sttsCount(find(stbl?.children, 'stts')) + mine.reduce((n, f) => n + f.sampleCount, 0);
    const duration = mdhd.duration || mine.reduce((n, f) => n + f.duration, 0);
    const seconds = duration / mdhd.timescale;
    const kind = handlerType(trak);
    if (kind === 'vide' && !facts.video) {
      const { width, height } = tkhdSize(find(trak.children, 'tkhd')!);
      facts.video = { width, height, frames: samples, fps: seconds > 0 ? samples / seconds : 0, seconds };
    } else if (kind === 'soun' && !facts.audio) {
      const entry = find(stbl?.children, 'stsd')?.data;
      if (!entry || entry.length < 40) continue;
      const v = new DataView(entry.buffer, entry.byteOffset, entry.byteLength);
      // stsd: fullbox(4) count(4), then the sample entry: size(4) type(4) reserved(6) index(2) reserved(8) channels(2) …
      facts.audio = { channels: v.getUint16(32), sampleRate: v.getUint32(40) >>> 16, seconds };
    }
  }
  return facts;
}

function sttsCount(stts: Box | undefined): number {
  if (!stts) return 0;
  const v = view(stts);
  let total = 0;
  for (let i = 0, n = v.getUint32(4); i < n; i++) total += v.getUint32(8 + i * 8);
  return total;
}
