// Creates spend money: each caller gets at most CREATE_LIMIT a minute (LobeChat #1123: a public key drained in a
// day). Deployed, the Workers rate-limiting binding CREATE_LIMITER counts (wrangler.toml [[ratelimits]]); without it
// (unit tests, a plain Node host) an in-memory window per isolate does the same job.
import type { Env } from '../env';
import { ApiError } from '../http/errors';

/** Keep in step with wrangler.toml `[[ratelimits]]` CREATE_LIMITER (a test checks). */
export const CREATE_LIMIT = { limit: 10, periodSeconds: 60 } as const;
/**
 * Creates are counted only when they reach MiniMax (a refused one costs nothing); every create attempt, refused or
 * not, is counted here first, more generously, so a flood of bad bodies is still bounded before any body is read.
 * Keep in step with wrangler.toml ATTEMPT_LIMITER.
 */
export const ATTEMPT_LIMIT = { limit: 60, periodSeconds: 60 } as const;

export interface RateLimiter {
  limit(options: { key: string }): Promise<{ success: boolean }>;
}

/** A fixed-window counter per key, bounded in size so a flood of fresh keys cannot exhaust memory. */
export class MemoryRateLimiter implements RateLimiter {
  private readonly windows = new Map<string, { start: number; count: number }>();

  constructor(
    private readonly max: number = CREATE_LIMIT.limit,
    private readonly periodMs: number = CREATE_LIMIT.periodSeconds * 1000,
    private readonly now: () => number = () => Date.now(),
    private readonly maxKeys = 10_000,
  ) {}

  async limit({ key }: { key: string }): Promise<{ success: boolean }> {
    const at = this.now();
    let window = this.windows.get(key);
    if (!window || at - window.start >= this.periodMs) {
      if (!window && this.windows.size >= this.maxKeys) this.evict(at);
      window = { start: at, count: 0 };
      this.windows.set(key, window);
    }
    window.count += 1;
    return { success: window.count <= this.max };
  }

  private evict(at: number): void {
    for (const [key, w] of this.windows) if (at - w.start >= this.periodMs) this.windows.delete(key);
    // Still full: drop the oldest entry (Map keeps insertion order).
    if (this.windows.size >= this.maxKeys) this.windows.delete(this.windows.keys().next().value!);
  }
}

export async function sha256Hex(text: string): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text)));
  return Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join('');
}

/**
 * Whom a create is counted against: the access code, else the caller's own key, else the client address.
 * Codes and keys are hashed (a limiter key may be logged by the platform); the address is CF-Connecting-IP, set by
 * Cloudflare's edge — never X-Forwarded-For, which any client can write to get a fresh budget per request.
 */
export async function limiterKey(request: Request, codeHash: string | null): Promise<string> {
  if (codeHash) return `code:${codeHash}`;
  const byok = request.headers.get('x-minimax-key');
  if (byok) return `byok:${await sha256Hex(byok)}`;
  return `ip:${request.headers.get('cf-connecting-ip') ?? 'local'}`;
}

/** Throws 429 before the body is read once the caller has tried too many creates this minute. */
export async function limitAttempt(env: Env, fallback: RateLimiter, key: string): Promise<void> {
  const limiter: RateLimit | RateLimiter = env.ATTEMPT_LIMITER ?? fallback;
  const { success } = await limiter.limit({ key });
  if (!success) {
    throw new ApiError(429, 'rate_limited', `Too many requests: this studio takes ${ATTEMPT_LIMIT.limit} create requests a minute per access code. Wait a minute.`, {
      retryAfter: ATTEMPT_LIMIT.periodSeconds,
    });
  }
}

/** Throws 429 with Retry-After once the caller is over its budget. */
export async function limitCreate(env: Env, fallback: RateLimiter, key: string): Promise<void> {
  const limiter: RateLimit | RateLimiter = env.CREATE_LIMITER ?? fallback;
  const { success } = await limiter.limit({ key });
  if (!success) {
    throw new ApiError(429, 'rate_limited', `This studio allows ${CREATE_LIMIT.limit} new videos a minute per access code. Wait a minute and try again.`, {
      retryAfter: CREATE_LIMIT.periodSeconds,
    });
  }
}
