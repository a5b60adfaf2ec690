// The store as the studio writes through it: every row write (even a failed one) is reported, so this tab's
// view and the other tabs hear of it.
import type * as db from '../db';

export function notifyingStore(store: typeof db, onWrite: () => void): typeof db {
  const notifying =
    <A extends unknown[], R>(write: (...args: A) => Promise<R>) =>
    async (...args: A): Promise<R> => {
      try {
        return await write(...args);
      } finally {
        onWrite();
      }
    };
  return {
    ...store,
    putTask: notifying(store.putTask),
    putTasks: notifying(store.putTasks),
    updateTask: notifying(store.updateTask),
    transitionTask: notifying(store.transitionTask),
    deleteTask: notifying(store.deleteTask),
    deleteTaskIf: notifying(store.deleteTaskIf),
  };
}
