// Opens the database once per page; steps aside when another tab needs to upgrade it.
import { invalidateCatalogue } from './catalogue';
import { openDB } from 'idb';
import { DB_NAME, DB_VERSION, upgradeStudioDb, type StudioDb, type StudioSchema } from './schema';

type UpgradeListener = (waiting: boolean) => void;

let opening: Promise<StudioDb> | null = null;
const upgradeListeners = new Set<UpgradeListener>();

/** Called with `true` while an upgrade waits for another tab to close, `false` once it has gone through. */
export function onUpgradeBlocked(listener: UpgradeListener): () => void {
  upgradeListeners.add(listener);
  return () => upgradeListeners.delete(listener);
}

function tellUpgrade(waiting: boolean): void {
  for (const listener of upgradeListeners) listener(waiting);
}

export function openStudioDb(): Promise<StudioDb> {
  opening ??= openDB<StudioSchema>(DB_NAME, DB_VERSION, {
    upgrade: upgradeStudioDb,
    // An older tab holds the database open: our upgrade waits until it closes.
    blocked: () => tellUpgrade(true),
    // A newer tab wants to upgrade: close so it can, and let the app ask for a reload.
    blocking: () => {
      void closeStudioDb();
      tellUpgrade(true);
    },
    terminated: () => {
      opening = null;
    },
  }).then(
    (db) => {
      tellUpgrade(false);
      return db;
    },
    (error: unknown) => {
      opening = null;
      throw error;
    },
  );
  return opening;
}

/** Closes the page's connection; the next call to openStudioDb() opens a fresh one. */
export async function closeStudioDb(): Promise<void> {
  const current = opening;
  opening = null;
  invalidateCatalogue(); // what is read next may be another version of the database

  if (current) (await current.catch(() => null))?.close();
}
