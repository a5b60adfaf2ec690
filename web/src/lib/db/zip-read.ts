// Reading a zip from a File by its central directory (random access with Blob.slice: nothing is held whole).
// Only what our export writes is accepted: stored (uncompressed) entries, ZIP64 where sizes need it.
export class ZipFormatError extends Error {
  override readonly name = 'ZipFormatError';
}

export interface ZipEntry {
  name: string;
  size: number;
  headerOffset: number;
}

const EOCD = 0x06054b50;
const ZIP64_LOCATOR = 0x07064b50;
const ZIP64_EOCD = 0x06064b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
const MAX_DIRECTORY_BYTES = 64 * 1024 * 1024;

async function view(file: Blob, start: number, end: number): Promise<DataView> {
  if (start < 0 || end > file.size || start > end) throw new ZipFormatError('a zip record points outside the file');
  return new DataView(await file.slice(start, end).arrayBuffer());
}

function u64(v: DataView, at: number): number {
  const value = v.getBigUint64(at, true);
  if (value > BigInt(Number.MAX_SAFE_INTEGER)) throw new ZipFormatError('a zip size is too large');
  return Number(value);
}

export function isZip(head: Uint8Array): boolean {
  return head.length >= 4 && new DataView(head.buffer, head.byteOffset, 4).getUint32(0, true) === LOCAL;
}

/** The entries of the zip `file`, by name. */
export async function readZipDirectory(file: Blob): Promise<Map<string, ZipEntry>> {
  const tailStart = Math.max(0, file.size - (0xffff + 22));
  const tail = await view(file, tailStart, file.size);
  let eocd = -1;
  for (let i = tail.byteLength - 22; i >= 0; i--) {
    if (tail.getUint32(i, true) === EOCD) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new ZipFormatError('no zip directory');
  let count = tail.getUint16(eocd + 10, true);
  let size = tail.getUint32(eocd + 12, true);
  let offset = tail.getUint32(eocd + 16, true);
  if (count === 0xffff || size === 0xffffffff || offset === 0xffffffff) {
    if (eocd < 20 || tail.getUint32(eocd - 20, true) !== ZIP64_LOCATOR) throw new ZipFormatError('no ZIP64 locator');
    const at = u64(tail, eocd - 20 + 8);
    const z = await view(file, at, at + 56);
    if (z.getUint32(0, true) !== ZIP64_EOCD) throw new ZipFormatError('no ZIP64 directory end');
    count = u64(z, 32);
    size = u64(z, 40);
    offset = u64(z, 48);
  }
  if (size > MAX_DIRECTORY_BYTES) throw new ZipFormatError('the zip directory is too large');
  const dir = await view(file, offset, offset + size);
  const entries = new Map<string, ZipEntry>();
  const names = new TextDecoder('utf-8', { fatal: true });
  let p = 0;
  for (let n = 0; n < count; n++) {
    if (p + 46 > dir.byteLength || dir.getUint32(p, true) !== CENTRAL) throw new ZipFormatError('a damaged zip directory');
    const method = dir.getUint16(p + 10, true);
    let stored = dir.getUint32(p + 20, true);
    let plain = dir.getUint32(p + 24, true);
    let headerOffset = dir.getUint32(p + 42, true);
    const nameLength = dir.getUint16(p + 28, true);
    const extraLength = dir.getUint16(p + 30, true);
    const commentLength = dir.getUint16(p + 32, true);
    if (p + 46 + nameLength + extraLength > dir.byteLength) throw new ZipFormatError('a damaged zip directory');
    const name = entryName(names, new Uint8Array(dir.buffer, p + 46, nameLength));
    const extraEnd = p + 46 + nameLength + extraLength;
    for (let e = p + 46 + nameLength; e + 4 <= extraEnd; ) {
      const id = dir.getUint16(e, true);
      const length = dir.getUint16(e + 2, true);
      if (e + 4 + length > extraEnd) throw new ZipFormatError('a damaged zip directory');
      if (id === 0x0001) {
        let q = e + 4;
        const take = () => {
          if (q + 8 > e + 4 + length) throw new ZipFormatError('a damaged ZIP64 field');
          return u64(dir, (q += 8) - 8);
        };
        if (plain === 0xffffffff) plain = take();
        if (stored === 0xffffffff) stored = take();
        if (headerOffset === 0xffffffff) headerOffset = take();
      }
      e += 4 + length;
    }
    if (method !== 0 || stored !== plain) throw new ZipFormatError(`"${name}" is compressed; this zip was not made by the studio`);
    if (entries.has(name)) throw new ZipFormatError(`"${name}" is in the zip twice`);
    entries.set(name, { name, size: plain, headerOffset });
    p += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

function entryName(names: TextDecoder, bytes: Uint8Array): string {
  try {
    return names.decode(bytes);
  } catch {
    throw new ZipFormatError('a zip entry name is not UTF-8');
  }
}

/** The bytes of a stored entry, as a slice of the file. */
export async function entryBlob(file: Blob, entry: ZipEntry): Promise<Blob> {
  const local = await view(file, entry.headerOffset, entry.headerOffset + 30);
  if (local.getUint32(0, true) !== LOCAL) throw new ZipFormatError(`no local header for "${entry.name}"`);
  const start = entry.headerOffset + 30 + local.getUint16(26, true) + local.getUint16(28, true);
  if (start + entry.size > file.size) throw new ZipFormatError(`"${entry.name}" runs past the end of the file`);
  return file.slice(start, start + entry.size);
}
