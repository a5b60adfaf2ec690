// Assembles a demo video of any length from a short fragmented-MP4 unit: the unit's video fragments are
// [head?, body]; the body is repeated, every copy with its own sequence number and decode time, and the stereo
// audio unit's single fragment is repeated (the last copy cut) to cover the video. The moov gets the total
// duration in mvhd, tkhd, mdhd and mvex/mehd, so players and ffprobe report the real length.

import { cloneBox, find, findAll, leaf, parseBoxes, serialize, setDuration, setTkhdTrackId, timing, view, type Box } from './boxes';
import { firstSamples, placeFragment, readFragments, trexDurations, type Fragment } from './fragments';

interface Unit {
  ftyp: Box;
  moov: Box;
  fragments: Fragment[];
  defaults: Map<number, number>;
  timescale: number;
}

function readUnit(bytes: Uint8Array): Unit {
  const boxes = parseBoxes(bytes);
  const ftyp = find(boxes, 'ftyp');
  const moov = find(boxes, 'moov');
  if (!ftyp || !moov) throw new Error('mp4: unit without ftyp/moov');
  const defaults = trexDurations(moov);
  const mdhd = find(moov.children, 'trak', 'mdia', 'mdhd');
  if (findAll(moov.children, 'trak').length !== 1 || !mdhd) throw new Error('mp4: a unit holds exactly one track');
  return { ftyp, moov, fragments: readFragments(boxes, defaults), defaults, timescale: timing(mdhd).timescale };
}

/** Frames of the unit's head fragment and of its repeated body fragment. */
export function unitFrames(videoUnit: Uint8Array): { head: number; body: number } {
  const { fragments } = readUnit(videoUnit);
  const body = fragments[fragments.length - 1].sampleCount;
  return { head: fragments.length > 1 ? fragments[0].sampleCount : 0, body };
}

export function assemble(videoUnit: Uint8Array, audioUnit: Uint8Array | undefined, bodyRepeats: number): Uint8Array {
  const video = readUnit(videoUnit);
  if (video.fragments.length < 1 || video.fragments.length > 2) throw new Error('mp4: a video unit has a head and a body fragment');
  const body = video.fragments[video.fragments.length - 1];
  const pieces: { start: number; track: number; fragment: Fragment; baseTime: number }[] = [];
  let videoTime = 0;
  for (const fragment of [...video.fragments.slice(0, -1), ...Array<Fragment>(bodyRepeats).fill(body)]) {
    pieces.push({ start: videoTime / video.timescale, track: 1, fragment, baseTime: videoTime });
    videoTime += fragment.duration;
  }
  const seconds = videoTime / video.timescale;

  const movie = timing(find(video.moov.children, 'mvhd')!).timescale;
  const moov = cloneBox(video.moov);
  const toMovie = (time: number, scale: number) => Math.round((time * movie) / scale);
  setDuration(find(moov.children, 'trak', 'tkhd')!, toMovie(videoTime, video.timescale));
  setDuration(find(moov.children, 'trak', 'mdia', 'mdhd')!, videoTime);
  let longest = toMovie(videoTime, video.timescale);
  const trexes = findAll(find(moov.children, 'mvex')!.children, 'trex');

  if (audioUnit) {
    const audio = readUnit(audioUnit);
    const unit = audio.fragments[audio.fragments.length - 1];
    const perSample = unit.duration / unit.sampleCount;
    const target = Math.ceil((seconds * audio.timescale) / perSample) * perSample;
    let audioTime = 0;
    while (audioTime < target) {
      const fragment = audioTime + unit.duration > target ? firstSamples(unit, Math.ceil((target - audioTime) / perSample), audio.defaults) : unit;
      pieces.push({ start: audioTime / audio.timescale, track: 2, fragment, baseTime: audioTime });
      audioTime += fragment.duration;
    }
    const trak = cloneBox(find(audio.moov.children, 'trak')!);
    setTkhdTrackId(find(trak.children, 'tkhd')!, 2);
    setDuration(find(trak.children, 'tkhd')!, toMovie(audioTime, audio.timescale));
    setDuration(find(trak.children, 'mdia', 'mdhd')!, audioTime);
    const at = moov.children!.findIndex((b) => b.type === 'trak') + 1;
    moov.children!.splice(at, 0, trak);
    const trex = cloneBox(find(find(audio.moov.children, 'mvex')!.children, 'trex')!);
    view(trex).setUint32(4, 2);
    trexes.push(trex);
    longest = Math.max(longest, toMovie(audioTime, audio.timescale));
  }

  const mvhd = find(moov.children, 'mvhd')!;
  setDuration(mvhd, longest);
  view(mvhd).setUint32(mvhd.data!.length - 4, audioUnit ? 3 : 2); // next_track_ID
  const mehd = new Uint8Array(8);
  new DataView(mehd.buffer).setUint32(4, longest);
  find(moov.children, 'mvex')!.children = [leaf('mehd', mehd), ...trexes];
  moov.children = moov.children!.filter((b) => b.type !== 'udta');

  pieces.sort((a, b) => a.start - b.start || a.track - b.track);
  const out: Box[] = [video.ftyp, moov];
  pieces.forEach((p, i) => out.push(...placeFragment(p.fragment, i + 1, p.track, p.baseTime)));
  return serialize(out);
}
