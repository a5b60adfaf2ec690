// A minimal ISO-BMFF (MP4) box tree: parse, edit fields, serialize. Enough to read a file's facts and to assemble
// demo videos from fragmented-MP4 units.

const CONTAINERS = new Set(['moov', 'trak', 'mdia', 'minf', 'stbl', 'mvex', 'moof', 'traf', 'edts', 'dinf']);

export interface Box {
  type: string;
  /** payload of a leaf box (after the 8-byte header) */
  data?: Uint8Array;
  children?: Box[];
}

export function parseBoxes(bytes: Uint8Array, start = 0, end = bytes.length): Box[] {
  const boxes: Box[] = [];
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let at = start;
  while (at + 8 <= end) {
    let size = view.getUint32(at);
    const type = String.fromCharCode(...bytes.subarray(at + 4, at + 8));
    let header = 8;
    if (size === 1) {
      if (at + 16 > end) throw new Error('mp4: truncated largesize box');
      size = Number(view.getBigUint64(at + 8));
      header = 16;
    } else if (size === 0) {
      size = end - at;
    }
    if (size < header || at + size > end) throw new Error(`mp4: box ${type} overruns its parent`);
    boxes.push(
      CONTAINERS.has(type)
        ? { type, children: parseBoxes(bytes, at + header, at + size) }
        : { type, data: bytes.subarray(at + header, at + size) },
    );
    at += size;
  }
  if (at !== end) throw new Error('mp4: trailing bytes after the last box');
  return boxes;
}

export function boxSize(box: Box): number {
  const payload = box.data ? box.data.length : box.children!.reduce((n, c) => n + boxSize(c), 0);
  return 8 + payload;
}

export function serialize(boxes: Box[]): Uint8Array {
  const out = new Uint8Array(boxes.reduce((n, b) => n + boxSize(b), 0));
  let at = 0;
  const write = (box: Box) => {
    const size = boxSize(box);
    new DataView(out.buffer).setUint32(at, size);
    for (let i = 0; i < 4; i++) out[at + 4 + i] = box.type.charCodeAt(i);
    at += 8;
    if (box.data) {
      out.set(box.data, at);
      at += box.data.length;
    } else {
      for (const child of box.children!) write(child);
    }
  };
  for (const box of boxes) write(box);
  return out;
}

/** The first box along a path of types, e.g. find(moov.children, 'trak', 'mdia', 'mdhd'). */
export function find(boxes: Box[] | undefined, ...path: string[]): Box | undefined {
  let current: Box | undefined;
  let level = boxes;
  for (const type of path) {
    current = level?.find((b) => b.type === type);
    if (!current) return undefined;
    level = current.children;
  }
  return current;
}

export function findAll(boxes: Box[] | undefined, type: string): Box[] {
  return (boxes ?? []).filter((b) => b.type === type);
}

/** A deep copy (leaf payloads copied too, so edits never reach the source bytes). */
export function cloneBox(box: Box): Box {
  return box.data ? { type: box.type, data: box.data.slice() } : { type: box.type, children: box.children!.map(cloneBox) };
}

export function view(box: Box): DataView {
  const data = box.data!;
  return new DataView(data.buffer, data.byteOffset, data.byteLength);
}

export function leaf(type: string, data: Uint8Array): Box {
  return { type, data };
}

// Full-box fields (version in the first payload byte).

/** mvhd/mdhd: [timescale, duration]. */
export function timing(box: Box): { timescale: number; duration: number } {
  const v = view(box);
  return v.getUint8(0) === 1
    ? { timescale: v.getUint32(20), duration: Number(v.getBigUint64(24)) }
    : { timescale: v.getUint32(12), duration: v.getUint32(16) };
}

export function setDuration(box: Box, duration: number): void {
  const v = view(box);
  // tkhd keeps its duration after track_ID and a reserved word; mvhd/mdhd right after the timescale
  const tkhd = box.type === 'tkhd';
  if (v.getUint8(0) === 1) v.setBigUint64(tkhd ? 28 : 24, BigInt(duration));
  else v.setUint32(tkhd ? 20 : 16, duration);
}

export function tkhdTrackId(box: Box): number {
  return view(box).getUint32(view(box).getUint8(0) === 1 ? 20 : 12);
}

export function setTkhdTrackId(box: Box, id: number): void {
  view(box).setUint32(view(box).getUint8(0) === 1 ? 20 : 12, id);
}

/** tkhd width/height (16.16 fixed point, the last 8 bytes). */
export function tkhdSize(box: Box): { width: number; height: number } {
  const v = view(box);
  return { width: v.getUint32(v.byteLength - 8) / 65536, height: v.getUint32(v.byteLength - 4) / 65536 };
}

export function handlerType(trak: Box): string {
  const hdlr = find(trak.children, 'mdia', 'hdlr');
  return hdlr ? String.fromCharCode(...hdlr.data!.subarray(8, 12)) : '';
}
