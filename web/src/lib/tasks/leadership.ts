// Which tab leads, and how the tabs talk. One leader (Web Lock `hailuo:leader`) sends, polls and downloads; the
// others follow it over the tabs' channel and take over when it closes. Without Web Locks each tab leads itself.
import type { StudioState } from './studio-state.svelte';
import type { WithLock } from './submit';
import { browserChannel, browserLocks, isLockHeld, LEADER_LOCK, submitLockName, type Channel, type Locks, type TabMessage } from './tabs';

export interface LeadershipDeps {
  /** Web Locks; null: this tab works alone. Absent: `navigator.locks` when the browser has it. */
  locks?: Locks | null;
  /** opens the tabs' channel; null: no other tab hears us. Absent: a BroadcastChannel when the browser has one. */
  channel?: (() => Channel | null) | null;
}

/** What this tab does when another tab speaks. */
export interface TabListener {
  /** the studio's state, where a follower shows what the leader says */
  state: StudioState;
  /** another tab wrote rows */
  rowsWrittenElsewhere(): void;
  /** a new tab asks the leader for its news */
  announce(): void;
  /** a follower asks the leader to check a task now */
  checkNow(id: string): void;
}

/** A claim on the leadership: `lead` runs once the lock is ours, unless `stillWanted()` has turned false. */
interface Claim {
  stillWanted: () => boolean;
  lead: () => Promise<void>;
}

export class Leadership {
  /** null: no Web Locks, this tab leads itself */
  readonly locks: Locks | null;
  #channel: Channel | null;
  #abortWait: AbortController | null = null;
  #releaseLeader: (() => void) | null = null;

  constructor(deps: LeadershipDeps, listener: TabListener) {
    this.locks = deps.locks === undefined ? browserLocks() : deps.locks;
    this.#channel = (deps.channel === undefined ? browserChannel : (deps.channel ?? (() => null)))();
    this.#channel?.addEventListener('message', (event) => hear(listener, event.data));
  }

  /** Tells the other tabs (none once resigned). */
  post(message: TabMessage): void {
    this.#channel?.postMessage(message);
  }

  /** Runs `work` holding the lock `name`, so other tabs can see it in flight (just runs it without Web Locks). */
  readonly withLock: WithLock = (name, work) => (this.locks ? this.locks.request(name, {}, work) : work());

  /** Whether some tab is still sending row `id`; undefined without Web Locks (no tab can tell). */
  get sendInFlight(): ((id: string) => Promise<boolean>) | undefined {
    const locks = this.locks;
    return locks ? (id) => isLockHeld(locks, submitLockName(id)) : undefined;
  }

  /** The leader tells the other tabs what only it knows. */
  announce(state: StudioState, nextSlotAt: number | null): void {
    this.post({ kind: 'leader', nextSlotAt, stale: [...state.stale], storageFull: state.storageFull });
  }

  /**
   * Leads now if no tab leads (always, without Web Locks). Else follows: asks the leader for its news, runs
   * `follow`, and leads once the leading tab closes (unless resign() comes first).
   */
  async join(claim: Claim, follow: () => Promise<void>): Promise<void> {
    const locks = this.locks;
    if (!locks) return claim.lead();
    if (await this.#campaign(locks, claim, { ifAvailable: true })) return;
    this.post({ kind: 'hello' });
    await follow();
    this.#abortWait = new AbortController();
    void this.#campaign(locks, claim, { signal: this.#abortWait.signal });
  }

  /** Stops waiting to lead, lets the next tab in line lead, and stops hearing or telling the other tabs. */
  resign(): void {
    this.#abortWait?.abort();
    this.#abortWait = null;
    this.#releaseLeader?.(); // the next tab in line takes over
    this.#releaseLeader = null;
    this.#channel?.close();
    this.#channel = null;
  }

  /** Asks for the leader lock; true once this tab leads (it then holds the lock until resign() or the tab closes). */
  #campaign(locks: Locks, claim: Claim, options: { ifAvailable?: boolean; signal?: AbortSignal }): Promise<boolean> {
    return new Promise<boolean>((resolve) => {
      locks
        .request(LEADER_LOCK, options, async (lock) => {
          if (!lock || !claim.stillWanted()) return resolve(false);
          const released = new Promise<void>((release) => (this.#releaseLeader = release));
          await claim.lead().catch((error: unknown) => console.error('hailuo-studio: could not take over', error));
          resolve(true);
          await released;
        })
        .catch(() => resolve(false)); // aborted by resign()
    });
  }
}

function hear(listener: TabListener, message: TabMessage): void {
  switch (message.kind) {
    case 'rows':
      return listener.rowsWrittenElsewhere();
    case 'leader':
      if (listener.state.isLeader) return;
      listener.state.leaderSaid({ nextSlotAt: message.nextSlotAt, stale: new Set(message.stale), storageFull: message.storageFull });
      return;
    case 'hello':
      return listener.announce();
    case 'checkNow':
      return listener.checkNow(message.id);
  }
}
