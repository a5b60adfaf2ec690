// The fragments (moof + mdat) of a fragmented MP4: read their timing, copy them with a new sequence number,
// track id and decode time, or keep only their first samples.

import { boxSize, cloneBox, find, findAll, view, type Box } from './boxes';

interface TrunSample {
  duration?: number;
  size?: number;
  flags?: number;
  cto?: number;
}

interface Trun {
  flags: number;
  version: number;
  firstSampleFlags?: number;
  samples: TrunSample[];
}

export interface Fragment {
  moof: Box;
  mdat: Uint8Array;
  trackId: number;
  /** in the track's media timescale */
  duration: number;
  sampleCount: number;
}

/** Default sample durations per track id, from moov/mvex/trex. */
export function trexDurations(moov: Box): Map<number, number> {
  const out = new Map<number, number>();
  for (const trex of findAll(find(moov.children, 'mvex')?.children, 'trex')) out.set(view(trex).getUint32(4), view(trex).getUint32(12));
  return out;
}

/** Every moof+mdat pair in file order; only single-traf, single-trun fragments whose data follows the moof. */
export function readFragments(boxes: Box[], defaults: Map<number, number>): Fragment[] {
  const fragments: Fragment[] = [];
  for (let i = 0; i < boxes.length; i++) {
    if (boxes[i].type !== 'moof') continue;
    const moof = boxes[i];
    const mdat = boxes[i + 1];
    const trafs = findAll(moof.children, 'traf');
    if (mdat?.type !== 'mdat' || trafs.length !== 1 || findAll(trafs[0].children, 'trun').length !== 1) {
      throw new Error('mp4: unsupported fragment layout');
    }
    const tfhd = view(find(trafs[0].children, 'tfhd')!);
    const trackId = tfhd.getUint32(4);
    const trun = parseTrun(find(trafs[0].children, 'trun')!);
    const fallback = defaultDuration(tfhd) ?? defaults.get(trackId) ?? 0;
    const duration = trun.samples.reduce((n, s) => n + (s.duration ?? fallback), 0);
    fragments.push({ moof, mdat: mdat.data!, trackId, duration, sampleCount: trun.samples.length });
  }
  return fragments;
}

/** A copy of the fragment placed at `baseTime` as fragment number `sequence` of track `trackId`. */
export function placeFragment(fragment: Fragment, sequence: number, trackId: number, baseTime: number): Box[] {
  const moof = cloneBox(fragment.moof);
  view(find(moof.children, 'mfhd')!).setUint32(4, sequence);
  const traf = find(moof.children, 'traf')!;
  view(find(traf.children, 'tfhd')!).setUint32(4, trackId);
  const tfdt = view(find(traf.children, 'tfdt')!);
  if (tfdt.getUint8(0) === 1) tfdt.setBigUint64(4, BigInt(baseTime));
  else tfdt.setUint32(4, baseTime);
  fixDataOffset(moof);
  return [moof, { type: 'mdat', data: fragment.mdat }];
}

/** The fragment with only its first `count` samples (and their bytes); needs per-sample sizes in the trun. */
export function firstSamples(fragment: Fragment, count: number, defaults: Map<number, number>): Fragment {
  if (count >= fragment.sampleCount) return fragment;
  const moof = cloneBox(fragment.moof);
  const traf = find(moof.children, 'traf')!;
  const trunBox = find(traf.children, 'trun')!;
  const trun = parseTrun(trunBox);
  if (!(trun.flags & 0x200)) throw new Error('mp4: cannot cut a fragment without per-sample sizes');
  trun.samples = trun.samples.slice(0, count);
  trunBox.data = writeTrun(trun);
  fixDataOffset(moof);
  const bytes = trun.samples.reduce((n, s) => n + s.size!, 0);
  const fallback = defaultDuration(view(find(traf.children, 'tfhd')!)) ?? defaults.get(fragment.trackId) ?? 0;
  return {
    moof,
    mdat: fragment.mdat.subarray(0, bytes),
    trackId: fragment.trackId,
    duration: trun.samples.reduce((n, s) => n + (s.duration ?? fallback), 0),
    sampleCount: count,
  };
}

function defaultDuration(tfhd: DataView): number | undefined {
  const flags = tfhd.getUint32(0) & 0xffffff;
  if (!(flags & 0x08)) return undefined;
  let at = 8;
  if (flags & 0x01) at += 8;
  if (flags & 0x02) at += 4;
  return tfhd.getUint32(at);
}

/** Sample data starts right after the moof's mdat header (default-base-is-moof). */
function fixDataOffset(moof: Box): void {
  const trun = find(find(moof.children, 'traf')!.children, 'trun')!;
  const v = view(trun);
  if (!(v.getUint32(0) & 0x01)) throw new Error('mp4: trun without data_offset');
  v.setInt32(8, boxSize(moof) + 8);
}

function parseTrun(box: Box): Trun {
  const v = view(box);
  const word = v.getUint32(0);
  const flags = word & 0xffffff;
  const trun: Trun = { flags, version: word >>> 24, samples: [] };
  const count = v.getUint32(4);
  let at = 8;
  if (flags & 0x01) at += 4;
  if (flags & 0x04) {
    trun.firstSampleFlags = v.getUint32(at);
    at += 4;
  }
  for (let i = 0; i < count; i++) {
    const sample: TrunSample = {};
    if (flags & 0x100) (sample.duration = v.getUint32(at)), (at += 4);
    if (flags & 0x200) (sample.size = v.getUint32(at)), (at += 4);
    if (flags & 0x400) (sample.flags = v.getUint32(at)), (at += 4);
    if (flags & 0x800) (sample.cto = v.getInt32(at)), (at += 4);
    trun.samples.push(sample);
  }
  return trun;
}

function writeTrun(trun: Trun): Uint8Array {
  const perSample = [0x100, 0x200, 0x400, 0x800].filter((f) => trun.flags & f).length * 4;
  const length = 8 + (trun.flags & 0x01 ? 4 : 0) + (trun.flags & 0x04 ? 4 : 0) + perSample * trun.samples.length;
  const out = new Uint8Array(length);
  const v = new DataView(out.buffer);
  v.setUint32(0, ((trun.version << 24) | trun.flags) >>> 0);
  v.setUint32(4, trun.samples.length);
  let at = 8;
  if (trun.flags & 0x01) at += 4; // data_offset, set by fixDataOffset
  if (trun.flags & 0x04) (v.setUint32(at, trun.firstSampleFlags!), (at += 4));
  for (const s of trun.samples) {
    if (trun.flags & 0x100) (v.setUint32(at, s.duration!), (at += 4));
    if (trun.flags & 0x200) (v.setUint32(at, s.size!), (at += 4));
    if (trun.flags & 0x400) (v.setUint32(at, s.flags!), (at += 4));
    if (trun.flags & 0x800) (v.setInt32(at, s.cto!), (at += 4));
  }
  return out;
}
