// Test support: stored zips built byte by byte, with the ZIP64 records, extra fields and comments that client-zip
// (the export's writer) never writes, so the reader's every branch can be reached (imported by *.test.ts only).

export interface KitEntry {
  name: string;
  data: Uint8Array | string;
  /** 0 (stored) unless given */
  method?: number;
  /** the central directory's compressed size, when it is to differ from the data's length */
  stored?: number;
  /** central fields written as 0xffffffff with their value in a ZIP64 extra field (in the spec's order) */
  zip64?: ('plain' | 'stored' | 'offset')[];
  /** extra fields of the central record, after the ZIP64 one */
  extra?: Uint8Array;
  /** the local header's extra field */
  localExtra?: Uint8Array;
  comment?: string;
}

export interface KitOptions {
  /** directory-end fields written escaped, their values in a ZIP64 directory end */
  zip64?: ('count' | 'size' | 'offset')[];
  /** the length of the zip's comment */
  commentLength?: number;
}

export interface KitZip {
  bytes: Uint8Array<ArrayBuffer>;
  /** where each entry's central record starts */
  central: number[];
  /** where each entry's local header starts */
  local: number[];
  directoryOffset: number;
  directorySize: number;
  /** where the ZIP64 directory end starts (-1 if none) */
  zip64End: number;
  /** where the directory end starts */
  end: number;
}

const utf8 = (text: string) => new TextEncoder().encode(text);

class Writer {
  readonly parts: Uint8Array[] = [];
  length = 0;
  bytes(b: Uint8Array): void {
    this.parts.push(b);
    this.length += b.length;
  }
  u16(n: number): void {
    const b = new Uint8Array(2);
    new DataView(b.buffer).setUint16(0, n, true);
    this.bytes(b);
  }
  u32(n: number): void {
    const b = new Uint8Array(4);
    new DataView(b.buffer).setUint32(0, n, true);
    this.bytes(b);
  }
  u64(n: number | bigint): void {
    const b = new Uint8Array(8);
    new DataView(b.buffer).setBigUint64(0, BigInt(n), true);
    this.bytes(b);
  }
  done(): Uint8Array<ArrayBuffer> {
    const all = new Uint8Array(this.length);
    let at = 0;
    for (const part of this.parts) all.set(part, (at += part.length) - part.length);
    return all;
  }
}

/** An extra field: id, length, data. */
export function extraField(id: number, data: Uint8Array): Uint8Array {
  const w = new Writer();
  w.u16(id);
  w.u16(data.length);
  w.bytes(data);
  return w.done();
}

/** The 8-byte little-endian values of a ZIP64 extra field. */
export function u64s(...values: (number | bigint)[]): Uint8Array {
  const w = new Writer();
  for (const v of values) w.u64(v);
  return w.done();
}

export function buildZip(entries: KitEntry[], options: KitOptions = {}): KitZip {
  const w = new Writer();
  const local: number[] = [];
  for (const entry of entries) {
    const data = typeof entry.data === 'string' ? utf8(entry.data) : entry.data;
    const name = utf8(entry.name);
    const localExtra = entry.localExtra ?? new Uint8Array();
    local.push(w.length);
    w.u32(0x04034b50);
    w.u16(20);
    w.u16(0);
    w.u16(entry.method ?? 0);
    w.u32(0); // time, date
    w.u32(0); // crc (not checked by the reader)
    w.u32(entry.stored ?? data.length);
    w.u32(data.length);
    w.u16(name.length);
    w.u16(localExtra.length);
    w.bytes(name);
    w.bytes(localExtra);
    w.bytes(data);
  }
  const directoryOffset = w.length;
  const central: number[] = [];
  entries.forEach((entry, i) => {
    const size = (typeof entry.data === 'string' ? utf8(entry.data) : entry.data).length;
    const name = utf8(entry.name);
    const comment = utf8(entry.comment ?? '');
    const escaped = entry.zip64 ?? [];
    const values = { plain: size, stored: entry.stored ?? size, offset: local[i] };
    const zip64 = escaped.length ? extraField(0x0001, u64s(...escaped.map((k) => values[k]))) : new Uint8Array();
    const extra = new Uint8Array([...zip64, ...(entry.extra ?? [])]);
    const field = (k: 'plain' | 'stored' | 'offset') => (escaped.includes(k) ? 0xffffffff : values[k]);
    central.push(w.length);
    w.u32(0x02014b50);
    w.u16(45);
    w.u16(45);
    w.u16(0);
    w.u16(entry.method ?? 0);
    w.u32(0);
    w.u32(0);
    w.u32(field('stored'));
    w.u32(field('plain'));
    w.u16(name.length);
    w.u16(extra.length);
    w.u16(comment.length);
    w.u16(0);
    w.u16(0);
    w.u32(0);
    w.u32(field('offset'));
    w.bytes(name);
    w.bytes(extra);
    w.bytes(comment);
  });
  const directorySize = w.length - directoryOffset;
  const escaped = options.zip64 ?? [];
  let zip64End = -1;
  if (escaped.length) {
    zip64End = w.length;
    w.u32(0x06064b50);
    w.u64(44);
    w.u16(45);
    w.u16(45);
    w.u32(0);
    w.u32(0);
    w.u64(entries.length);
    w.u64(entries.length);
    w.u64(directorySize);
    w.u64(directoryOffset);
    w.u32(0x07064b50);
    w.u32(0);
    w.u64(zip64End);
    w.u32(1);
  }
  const end = w.length;
  w.u32(0x06054b50);
  w.u16(0);
  w.u16(0);
  w.u16(escaped.includes('count') ? 0xffff : entries.length);
  w.u16(escaped.includes('count') ? 0xffff : entries.length);
  w.u32(escaped.includes('size') ? 0xffffffff : directorySize);
  w.u32(escaped.includes('offset') ? 0xffffffff : directoryOffset);
  w.u16(options.commentLength ?? 0);
  w.bytes(new Uint8Array(options.commentLength ?? 0).fill(0x20));
  return { bytes: w.done(), central, local, directoryOffset, directorySize, zip64End, end };
}

/** `zip` with `set` applied to a DataView of a copy of its bytes. */
export function patched(zip: KitZip, set: (view: DataView) => void): Uint8Array<ArrayBuffer> {
  const bytes = zip.bytes.slice();
  set(new DataView(bytes.buffer));
  return bytes;
}

/** Where fields lie in a central directory record. */
export const CENTRAL_AT = { storedSize: 20, plainSize: 24, nameLength: 28, extraLength: 30, name: 46 };
/** Where fields lie in the directory end. */
export const END_AT = { count: 10, size: 12, offset: 16 };
/** Where fields lie in the ZIP64 directory end. */
export const ZIP64_END_AT = { count: 32, size: 40 };
/** The ZIP64 locator's size: it lies just before the directory end. */
export const ZIP64_LOCATOR_BYTES = 20;
/** Where the length lies in an extra field. */
export const EXTRA_LENGTH_AT = 2;

/**
 * A zip of `entry` alone whose central extra area is 4 bytes (a ZIP64 field's id and length) while that field claims
 * 16 bytes for the sizes the record escapes: read as claimed, it runs past the directory.
 */
export function zip64FieldPastItsExtra(entry: KitEntry): Uint8Array<ArrayBuffer> {
  const zip = buildZip([{ ...entry, extra: extraField(0x0001, new Uint8Array()) }]);
  const central = zip.central[0];
  return patched(zip, (view) => {
    view.setUint32(central + CENTRAL_AT.storedSize, 0xffffffff, true);
    view.setUint32(central + CENTRAL_AT.plainSize, 0xffffffff, true);
    const field = central + CENTRAL_AT.name + view.getUint16(central + CENTRAL_AT.nameLength, true);
    view.setUint16(field + EXTRA_LENGTH_AT, 16, true);
  });
}
