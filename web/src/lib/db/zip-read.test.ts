import { beforeEach, describe, expect, test } from 'vitest';
import { useCloneableBlob } from './test-kit';
import {
  buildZip,
  CENTRAL_AT,
  END_AT,
  EXTRA_LENGTH_AT,
  extraField,
  patched,
  ZIP64_END_AT,
  ZIP64_LOCATOR_BYTES,
  zip64FieldPastItsExtra,
  type KitZip,
} from './zip-kit';
import { entryBlob, isZip, readZipDirectory, ZipFormatError, type ZipEntry } from './zip-read';

beforeEach(async () => {
  await useCloneableBlob();
});

const blobOf = (zip: KitZip | Uint8Array) => new Blob([(zip instanceof Uint8Array ? zip : zip.bytes) as Uint8Array<ArrayBuffer>]);
const directory = (zip: KitZip | Uint8Array) => readZipDirectory(blobOf(zip));

/** The reader's refusal of `zip`, as its message (fails the test if it is not a ZipFormatError). */
async function refusal(zip: KitZip | Uint8Array): Promise<string> {
  const error = await directory(zip).then(
    () => new Error('read without complaint'),
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ZipFormatError);
  expect((error as Error).name).toBe('ZipFormatError');
  return (error as Error).message;
}

const text = (blob: Blob) => blob.text();
const two = [
  { name: 'history.json', data: '{"a":1}' },
  { name: 'videos/v.mp4', data: 'movie bytes' },
];

describe('isZip', () => {
  test('a local header signature is a zip; anything else, or fewer than four bytes, is not', () => {
    expect(isZip(buildZip(two).bytes.subarray(0, 4))).toBe(true);
    expect(isZip(new TextEncoder().encode('{"ki'))).toBe(false);
    expect(isZip(new Uint8Array([0x50, 0x4b, 0x03]))).toBe(false);
    expect(isZip(new Uint8Array())).toBe(false);
  });
});

describe('readZipDirectory and entryBlob', () => {
  test('every entry by name, with its size and bytes', async () => {
    const zip = buildZip(two);
    const entries = await directory(zip);
    expect([...entries.values()]).toEqual([
      { name: 'history.json', size: 7, headerOffset: 0 },
      { name: 'videos/v.mp4', size: 11, headerOffset: zip.local[1] },
    ]);
    expect(await text(await entryBlob(blobOf(zip), entries.get('videos/v.mp4')!))).toBe('movie bytes');
  });

  test('an empty zip (its directory end at the very start) has no entries', async () => {
    expect((await directory(buildZip([]))).size).toBe(0);
  });

  test('a zip comment of any length up to the longest is skipped to find the directory end', async () => {
    for (const commentLength of [1, 0xffff]) {
      expect([...(await directory(buildZip(two, { commentLength }))).keys()]).toEqual(['history.json', 'videos/v.mp4']);
    }
  });

  test('entry comments, extra fields and a local extra field are stepped over', async () => {
    const zip = buildZip([
      { name: 'history.json', data: '{"a":1}', comment: 'first', extra: extraField(0x5455, new Uint8Array(5)), localExtra: extraField(0x5455, new Uint8Array(9)) },
      { name: 'videos/v.mp4', data: 'movie bytes', extra: extraField(0x000a, new Uint8Array(0)) },
    ]);
    const entries = await directory(zip);
    expect([...entries.keys()]).toEqual(['history.json', 'videos/v.mp4']);
    expect(await text(await entryBlob(blobOf(zip), entries.get('history.json')!))).toBe('{"a":1}');
  });

  test('an entry whose bytes end where the file ends is read whole', async () => {
    const zip = buildZip([{ name: 'a', data: 'abc' }]);
    const localOnly = new Blob([zip.bytes.subarray(0, zip.directoryOffset)]);
    expect(await text(await entryBlob(localOnly, { name: 'a', size: 3, headerOffset: 0 }))).toBe('abc');
  });

  test('an entry with an empty name that fills the directory exactly is read', async () => {
    expect([...(await directory(buildZip([{ name: '', data: 'x' }]))).keys()]).toEqual(['']);
  });
});

describe('ZIP64', () => {
  test('the directory end from the ZIP64 record, whichever of count, size and offset is escaped', async () => {
    for (const escaped of [['count'], ['size'], ['offset'], ['count', 'size', 'offset']] as const) {
      expect([...(await directory(buildZip(two, { zip64: [...escaped] }))).keys()], escaped.join()).toEqual(['history.json', 'videos/v.mp4']);
    }
  });

  test('the ZIP64 locator found right at the start of the read tail (a comment of 65515 bytes)', async () => {
    expect((await directory(buildZip(two, { zip64: ['count'], commentLength: 0xffff - ZIP64_LOCATOR_BYTES }))).size).toBe(2);
  });

  test('an entry’s sizes and offset from its ZIP64 extra field, whichever are escaped', async () => {
    const cases: ('plain' | 'stored' | 'offset')[][] = [['plain', 'stored', 'offset'], ['offset'], ['plain', 'stored']];
    for (const zip64 of cases) {
      const zip = buildZip([two[0], { ...two[1], zip64, extra: extraField(0x000a, new Uint8Array(4)) }]);
      const entry = (await directory(zip)).get('videos/v.mp4')!;
      expect(entry, zip64.join()).toEqual({ name: 'videos/v.mp4', size: 11, headerOffset: zip.local[1] });
      expect(await text(await entryBlob(blobOf(zip), entry))).toBe('movie bytes');
    }
  });

  test('a ZIP64 extra field too short for the values it must hold is refused', async () => {
    const zip = buildZip([{ ...two[0], zip64: ['plain', 'stored'] }]);
    const short = patched(zip, (v) => v.setUint16(zip.central[0] + CENTRAL_AT.name + two[0].name.length + EXTRA_LENGTH_AT, 8, true));
    expect(await refusal(short)).toBe('a damaged ZIP64 field');
    const empty = buildZip([{ ...two[0], extra: extraField(0x0001, new Uint8Array()) }]);
    const escaped = patched(empty, (v) => {
      v.setUint32(empty.central[0] + CENTRAL_AT.storedSize, 0xffffffff, true);
      v.setUint32(empty.central[0] + CENTRAL_AT.plainSize, 0xffffffff, true);
    });
    expect(await refusal(escaped)).toBe('a damaged ZIP64 field');
  });

  test('an escaped directory end with no ZIP64 locator, or a locator to no ZIP64 record, is refused', async () => {
    const zip = buildZip(two, { zip64: ['count'] });
    expect(await refusal(patched(zip, (v) => v.setUint32(zip.end - ZIP64_LOCATOR_BYTES, 0, true)))).toBe('no ZIP64 locator');
    expect(await refusal(patched(zip, (v) => v.setUint32(zip.zip64End, 0, true)))).toBe('no ZIP64 directory end');
    const plain = buildZip(two);
    expect(await refusal(patched(plain, (v) => v.setUint16(plain.end + END_AT.count, 0xffff, true)))).toBe('no ZIP64 locator');
  });

  test('a ZIP64 value past 2^53 is refused; one just below it is not taken for too large', async () => {
    const zip = buildZip(two, { zip64: ['count'] });
    expect(await refusal(patched(zip, (v) => v.setBigUint64(zip.zip64End + ZIP64_END_AT.count, 2n ** 53n, true)))).toBe('a zip size is too large');
    const huge = patched(zip, (v) => v.setBigUint64(zip.zip64End + ZIP64_END_AT.size, 2n ** 53n - 1n, true));
    expect(await refusal(huge)).toBe('the zip directory is too large');
  });
});

describe('a damaged or hostile zip is refused, saying what is wrong', () => {
  test('no directory end', async () => {
    expect(await refusal(buildZip(two).bytes.slice(0, -22))).toBe('no zip directory');
  });

  test('a directory larger than 64 MiB, and one of exactly 64 MiB that is not in the file', async () => {
    const zip = buildZip(two);
    expect(await refusal(patched(zip, (v) => v.setUint32(zip.end + END_AT.size, 64 * 1024 * 1024 + 1, true)))).toBe('the zip directory is too large');
    expect(await refusal(patched(zip, (v) => v.setUint32(zip.end + END_AT.size, 64 * 1024 * 1024, true)))).toBe('a zip record points outside the file');
  });

  test('a directory that points past the end of the file', async () => {
    const zip = buildZip(two);
    expect(await refusal(patched(zip, (v) => v.setUint32(zip.end + END_AT.offset, zip.bytes.length, true)))).toBe('a zip record points outside the file');
  });

  test('more entries than the directory holds, or a record that is not a central one', async () => {
    const zip = buildZip(two);
    expect(await refusal(patched(zip, (v) => v.setUint16(zip.end + END_AT.count, 3, true)))).toBe('a damaged zip directory');
    expect(await refusal(patched(zip, (v) => v.setUint32(zip.central[1], 0x04034b50, true)))).toBe('a damaged zip directory');
  });

  test('an extra field that runs past the directory', async () => {
    const zip = buildZip([two[0]]);
    expect(await refusal(patched(zip, (v) => v.setUint16(zip.central[0] + CENTRAL_AT.extraLength, 8, true)))).toBe('a damaged zip directory');
  });

  test('a ZIP64 field that claims more bytes than the extra area holds (not a RangeError from past the directory)', async () => {
    expect(await refusal(zip64FieldPastItsExtra(two[0]))).toBe('a damaged zip directory');
  });

  test('a compressed entry, or one whose two sizes differ', async () => {
    expect(await refusal(buildZip([{ ...two[0], method: 8 }]))).toBe('"history.json" is compressed; this zip was not made by the studio');
    expect(await refusal(buildZip([{ ...two[0], stored: 3 }]))).toBe('"history.json" is compressed; this zip was not made by the studio');
  });

  test('a name that is not UTF-8 (a ZipFormatError, not the decoder’s TypeError)', async () => {
    const zip = buildZip([{ name: 'ab', data: 'x' }]);
    expect(await refusal(patched(zip, (v) => v.setUint8(zip.central[0] + CENTRAL_AT.name, 0xff)))).toBe('a zip entry name is not UTF-8');
  });

  test('the same name twice', async () => {
    expect(await refusal(buildZip([two[0], two[0]]))).toBe('"history.json" is in the zip twice');
  });

  test('an entry with no local header, or whose bytes run past the end of the file', async () => {
    const zip = buildZip(two);
    const entry: ZipEntry = { name: 'videos/v.mp4', size: 11, headerOffset: zip.local[1] };
    const noHeader = blobOf(patched(zip, (v) => v.setUint32(zip.local[1], 0, true)));
    await expect(entryBlob(noHeader, entry)).rejects.toThrow(new ZipFormatError('no local header for "videos/v.mp4"'));
    const tooLong = { ...entry, size: zip.bytes.length };
    await expect(entryBlob(blobOf(zip), tooLong)).rejects.toThrow(new ZipFormatError('"videos/v.mp4" runs past the end of the file'));
  });
});
