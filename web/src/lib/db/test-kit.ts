// Test support for code that uses the database (imported by *.test.ts only).
import type { TaskRecord } from '../tasks/types';
import { closeStudioDb } from './open';
import { DB_NAME } from './schema';

/**
 * happy-dom's Blob is not structured-cloneable, so fake-indexeddb cannot store it; Node's Blob is, as a
 * browser's is. Tests swap it in.
 */
export async function useCloneableBlob(): Promise<void> {
  const moduleName = 'node:buffer';
  const { Blob: NodeBlob } = (await import(/* @vite-ignore */ moduleName)) as { Blob: typeof Blob };
  globalThis.Blob = NodeBlob;
}

export async function freshDatabase(): Promise<void> {
  await closeStudioDb();
  await new Promise<void>((resolve, reject) => {
    const request = indexedDB.deleteDatabase(DB_NAME);
    request.onsuccess = () => resolve();
    request.onerror = () => reject(request.error);
    request.onblocked = () => resolve();
  });
}

/** Lets pending IndexedDB work and promise chains run (fake-indexeddb completes requests on macrotasks). */
export async function settle(rounds = 40): Promise<void> {
  for (let i = 0; i < rounds; i++) await new Promise<void>((resolve) => setTimeout(resolve, 0));
}

export function bytesOf(length: number, seed = 7): Uint8Array<ArrayBuffer> {
  const bytes = new Uint8Array(length);
  let x = seed;
  for (let i = 0; i < length; i++) {
    x = (x * 1103515245 + 12345) >>> 0;
    bytes[i] = x >>> 24;
  }
  return bytes;
}

/** A stream of `bytes` in pieces of `piece` bytes; stops with an error after `failAfter` bytes if given. */
export function streamOf(bytes: Uint8Array, piece = 256 * 1024, failAfter?: number): ReadableStream<Uint8Array> {
  let offset = 0;
  return new ReadableStream<Uint8Array>({
    pull(controller) {
      if (failAfter !== undefined && offset >= failAfter) return controller.error(new TypeError('network error'));
      if (offset >= bytes.length) return controller.close();
      const end = Math.min(bytes.length, offset + piece, failAfter ?? Infinity);
      controller.enqueue(bytes.slice(offset, end));
      offset = end;
    },
  });
}

export async function readAll(stream: ReadableStream<Uint8Array> | Blob): Promise<Uint8Array<ArrayBuffer>> {
  if (stream instanceof Blob || 'arrayBuffer' in stream) return new Uint8Array(await (stream as Blob).arrayBuffer());
  const parts: Uint8Array[] = [];
  const reader = stream.getReader();
  for (let next = await reader.read(); !next.done; next = await reader.read()) parts.push(next.value);
  const all = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const part of parts) all.set(part, (at += part.length) - part.length);
  return all;
}

export function makeTask(overrides: Partial<TaskRecord> = {}): TaskRecord {
  return {
    id: crypto.randomUUID(),
    request: { model: 'MiniMax-Hailuo-2.3', prompt: 'a cat', duration: 6, resolution: '768P' },
    mode: 't2v',
    model: 'MiniMax-Hailuo-2.3',
    prompt: 'a cat',
    status: 'Preparing',
    taskId: String(Math.floor(Math.random() * 1e15)),
    createdAt: Date.now(),
    favourite: false,
    ...overrides,
  };
}

/** Byte equality without the deep-equal diff machinery (slow on megabytes). */
export function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
