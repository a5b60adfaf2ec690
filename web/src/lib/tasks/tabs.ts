// Several tabs of the studio on one database: Web Locks say who sends and polls, a BroadcastChannel says what
// changed. Both are feature-detected; without them each tab works alone, as a single tab always did.

/** The part of `navigator.locks` the studio uses (exclusive locks only). */
export interface Locks {
  request<T>(
    name: string,
    options: { ifAvailable?: boolean; signal?: AbortSignal },
    callback: (lock: { name: string } | null) => Promise<T> | T,
  ): Promise<T>;
  query(): Promise<{ held?: { name?: string }[]; pending?: { name?: string }[] }>;
}

/** The part of a BroadcastChannel the studio uses. */
export interface Channel {
  postMessage(message: TabMessage): void;
  addEventListener(type: 'message', listener: (event: MessageEvent<TabMessage>) => void): void;
  close(): void;
}

export const CHANNEL_NAME = 'hailuo-studio';
export const LEADER_LOCK = 'hailuo:leader';

/** Held by the tab sending the create of row `id` for the whole request. */
export function submitLockName(id: string): string {
  return `hailuo:submit:${id}`;
}

export type TabMessage =
  /** rows were written (or deleted): re-read the view; the leader also picks up newly queued rows */
  | { kind: 'rows' }
  /** what only the leader knows, for the other tabs to show */
  | { kind: 'leader'; nextSlotAt: number | null; stale: string[]; storageFull: boolean }
  /** a new tab asks the leader to say the above */
  | { kind: 'hello' }
  /** a follower's "check now" button, for the leader to run */
  | { kind: 'checkNow'; id: string };

export function browserLocks(): Locks | null {
  const locks = (globalThis.navigator as { locks?: Locks } | undefined)?.locks;
  return locks && typeof locks.request === 'function' && typeof locks.query === 'function' ? locks : null;
}

export function browserChannel(): Channel | null {
  return typeof globalThis.BroadcastChannel === 'function' ? (new BroadcastChannel(CHANNEL_NAME) as Channel) : null;
}

/** True while some tab holds (not merely waits for) the lock `name`. */
export async function isLockHeld(locks: Locks, name: string): Promise<boolean> {
  const { held = [] } = await locks.query();
  return held.some((lock) => lock.name === name);
}
