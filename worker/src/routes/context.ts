import type { Env } from '../env';
import type { Target, TargetDeps } from '../http/target';
import type { Ledger } from '../ledger/durable';

/** Who is asking: one id per access code (or own key, or this machine), and whether callers must stay apart. */
export interface Caller {
  id: string;
  /** several access codes share one server key: each sees only the tasks it made */
  isolated: boolean;
}

export interface RouteContext {
  request: Request;
  env: Env;
  target: Target;
  deps: TargetDeps;
  caller: Caller;
  /** the caller's ledger (idempotency keys, owned tasks and files) */
  ledger: Ledger;
  /** counts one create that is about to reach MiniMax against the caller's budget (throws 429 past it) */
  countCreate(): Promise<void>;
  /** keeps work running after the answer is sent (or the client has gone) */
  waitUntil(work: Promise<unknown>): void;
  now(): number;
}
