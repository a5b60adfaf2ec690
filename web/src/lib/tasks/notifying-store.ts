// The store as the studio writes through it: every row write (even a failed one) is reported, so this tab's
// view and the other tabs hear of it. The writes are the db's own list (storeWrites), not one kept here.
import { storeWrites, type StoreWrites, type StudioStore } from '../db/store';

const WRITES = Object.keys(storeWrites) as (keyof StoreWrites)[];

export function notifyingStore<S extends StudioStore>(store: S, onWrite: () => void): S {
  const notifying =
    <A extends unknown[], R>(write: (...args: A) => Promise<R>) =>
    async (...args: A): Promise<R> => {
      try {
        return await write(...args);
      } finally {
        onWrite();
      }
    };
  const wrapped: S = { ...store };
  for (const name of WRITES) (wrapped as Record<string, unknown>)[name] = notifying(store[name] as (...args: unknown[]) => Promise<unknown>);
  return wrapped;
}
