// The form's draft (prompt, mode, model, options, chosen images and references) kept across reloads in its own small IndexedDB
// database: images are data URLs of megabytes, too big for localStorage.
import type { Mode } from '$contract';
import type { FormResolution } from './catalogue';
import type { FormReference } from '../references/rules';
import type { FormImages } from './request';

export interface Draft {
  mode: Mode;
  model: string;
  resolution: FormResolution;
  duration: number;
  prompt: string;
  promptOptimizer: boolean;
  fastPretreatment: boolean;
  images: FormImages;
  /** MiniMax-H3 references, their data URIs included (absent in drafts saved before references) */
  references?: FormReference[];
  batchKind: 'variations' | 'lines';
  count: number;
}

const DB_NAME = 'hailuo-draft';
const STORE = 'draft';
const KEY = 'current';

function open(): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const request = indexedDB.open(DB_NAME, 1);
    request.onupgradeneeded = () => request.result.createObjectStore(STORE);
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
}

async function run<T>(mode: IDBTransactionMode, work: (store: IDBObjectStore) => IDBRequest<T>): Promise<T> {
  const db = await open();
  try {
    return await new Promise<T>((resolve, reject) => {
      const request = work(db.transaction(STORE, mode).objectStore(STORE));
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
  } finally {
    db.close();
  }
}

export async function saveDraft(draft: Draft): Promise<void> {
  await run('readwrite', (store) => store.put(draft, KEY));
}

/** The saved draft, or null when there is none or it cannot be read (no IndexedDB: the form simply starts empty). */
export async function loadDraft(): Promise<Draft | null> {
  try {
    const saved = (await run('readonly', (store) => store.get(KEY))) as Draft | undefined;
    return saved && typeof saved.prompt === 'string' && typeof saved.mode === 'string' ? saved : null;
  } catch {
    return null;
  }
}

/** Calls `save` with the latest value once `delayMs` passed without a newer one. */
export function debounced<T>(save: (value: T) => void, delayMs: number): (value: T) => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  return (value) => {
    clearTimeout(timer);
    timer = setTimeout(() => save(value), delayMs);
  };
}
