import type { LedgerNamespace } from './ledger/durable';

// The worker's bindings: wrangler vars and secrets (README "Configuration").
export interface AssetsBinding {
  fetch(request: Request): Promise<Response>;
}

/** The Workers rate-limiting binding (wrangler.toml `[[ratelimits]]`). */
export interface RateLimitBinding {
  limit(options: { key: string }): Promise<{ success: boolean }>;
}

export interface Env {
  /** secret: the server's MiniMax key; absent → demo mode on loopback, bring-your-own-key elsewhere */
  MINIMAX_API_KEY?: string;
  /** upstream origin; default https://api.minimax.io (https://api.minimaxi.com for China keys) */
  MINIMAX_API_BASE?: string;
  /** comma list of hosts the file bytes may come from (parsed hostname, exact or *.suffix) */
  MINIMAX_FILE_HOSTS?: string;
  /** secret: comma list of access codes for /api/v1/* */
  ACCESS_CODES?: string;
  /** comma list of origins allowed to call the API cross-origin (an SPA hosted elsewhere) */
  ALLOWED_ORIGINS?: string;
  /** secret: signs the short-lived stream links; defaults to one derived from the server key */
  LINK_SECRET?: string;
  /** demo mode only (local tests): the simulator's stage lengths, "preparing,queueing,processing" in ms */
  DEMO_STAGES_MS?: string;
  /** creates per access code (or own key, or client address) and minute; absent → an in-memory window */
  CREATE_LIMITER?: RateLimitBinding;
  /** create attempts (refused ones too) per caller and minute, checked before the body is read */
  ATTEMPT_LIMITER?: RateLimitBinding;
  ASSETS?: AssetsBinding;
  /** the Ledger Durable Object: idempotency keys and which caller made which task (wrangler.toml) */
  LEDGER?: LedgerNamespace;
}
