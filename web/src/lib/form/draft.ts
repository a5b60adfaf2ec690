// The form's draft (prompt, mode, model, options, chosen images and references) kept across reloads in its own small IndexedDB
// database: images are data URLs of megabytes, too big for localStorage. The media (up to 64 MB of references) are a
// record of their own, written only when they change, so typing a prompt never rewrites them.
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
const MEDIA_KEY = 'media';

type DraftMedia = Pick<Draft, 'images' | 'references'>;

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

/** Saves the draft; its images and references too unless `withMedia` is false (they have not changed). */
export async function saveDraft(draft: Draft, withMedia = true): Promise<void> {
  const { images, references, ...text } = draft;
  const db = await open();
  try {
    await new Promise<void>((resolve, reject) => {
      const transaction = db.transaction(STORE, 'readwrite');
      const store = transaction.objectStore(STORE);
      store.put(text, KEY);
      if (withMedia) store.put({ images, references: references ?? [] } satisfies DraftMedia, MEDIA_KEY);
      transaction.oncomplete = () => resolve();
      transaction.onerror = transaction.onabort = () => reject(transaction.error);
    });
  } finally {
    db.close();
  }
}

/** The saved draft, or null when there is none or it cannot be read (no IndexedDB: the form simply starts empty). */
export async function loadDraft(): Promise<Draft | null> {
  try {
    const saved = (await run('readonly', (store) => store.get(KEY))) as Partial<Draft> | undefined;
    if (!saved || typeof saved.prompt !== 'string' || typeof saved.mode !== 'string') return null;
    // a draft saved before the media had their own record carries them itself
    const media = (await run('readonly', (store) => store.get(MEDIA_KEY))) as DraftMedia | undefined;
    return { ...saved, images: media?.images ?? saved.images ?? {}, references: media?.references ?? saved.references ?? [] } as Draft;
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
