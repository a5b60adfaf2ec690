// File contents the simulated CDN serves, produced chunk by chunk so a 256 MiB file never sits in memory.

const CHUNK = 64 * 1024; // pseudo-random block size
const STREAM_CHUNK = 1024 * 1024; // bytes per enqueued chunk: few, large chunks stream fastest through workerd

/** A file: its length and a way to produce any byte range of it. */
export interface ByteSource {
  length: number;
  /** a copy of bytes [start, end) */
  slice(start: number, end: number): Uint8Array;
}

export function bufferSource(bytes: Uint8Array): ByteSource {
  return { length: bytes.length, slice: (start, end) => bytes.slice(start, end) };
}

/**
 * The `sim:bytes=N` file: byte i depends only on i (xorshift32 seeded per 64 KiB block), so any client can
 * recompute any range with `pseudoRandomBytes(start, end)` and check it byte-exactly.
 */
export function pseudoRandomSource(length: number): ByteSource {
  return { length, slice: (start, end) => pseudoRandomBytes(start, Math.min(end, length)) };
}

export function pseudoRandomBytes(start: number, end: number): Uint8Array {
  const out = new Uint8Array(Math.max(0, end - start));
  let written = 0;
  for (let block = Math.floor(start / CHUNK); written < out.length; block++) {
    const data = pseudoRandomBlock(block);
    const from = Math.max(0, start - block * CHUNK);
    const take = Math.min(CHUNK - from, out.length - written);
    out.set(data.subarray(from, from + take), written);
    written += take;
  }
  return out;
}

function pseudoRandomBlock(block: number): Uint8Array {
  const words = new Uint32Array(CHUNK / 4);
  let x = (Math.imul(block + 1, 0x9e3779b1) ^ 0x5a17c0de) >>> 0 || 1;
  for (let i = 0; i < words.length; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    words[i] = x >>> 0;
  }
  const bytes = new Uint8Array(words.buffer);
  // Byte order fixed to little-endian whatever the host.
  if (new Uint8Array(new Uint32Array([1]).buffer)[0] !== 1) {
    for (let i = 0; i < bytes.length; i += 4) bytes.subarray(i, i + 4).reverse();
  }
  return bytes;
}

/** Streams bytes [start, end) of a source in ≤ 1 MiB chunks; errors the stream after `cutAfter` bytes if set. */
export function streamRange(source: ByteSource, start: number, end: number, cutAfter?: number): ReadableStream<Uint8Array> {
  let position = start;
  return new ReadableStream<Uint8Array>(
    {
      pull(controller) {
        const sent = position - start;
        if (cutAfter !== undefined && sent >= cutAfter) {
          controller.error(new Error('simulator: connection reset by CDN (cut fault)'));
          return;
        }
        if (position >= end) {
          controller.close();
          return;
        }
        let next = Math.min(end, position + STREAM_CHUNK - (position % STREAM_CHUNK));
        if (cutAfter !== undefined) next = Math.min(next, start + cutAfter);
        controller.enqueue(source.slice(position, next));
        position = next;
      },
    },
    { highWaterMark: 0 },
  );
}
