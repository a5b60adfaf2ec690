// Who may spend the key: access codes (Bearer), compared in constant time over their SHA-256 hashes.
import type { Env } from '../env';
import { ApiError } from './errors';
import { isLoopback } from './target';

async function sha256(text: string): Promise<Uint8Array> {
  return new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text)));
}

/** Equal-length hashes compared without an early exit, so timing says nothing about how much matched. */
function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  let diff = a.length ^ b.length;
  for (let i = 0; i < a.length; i++) diff |= a[i] ^ b[i % b.length];
  return diff === 0;
}

export function accessCodes(env: Env): string[] {
  return (env.ACCESS_CODES ?? '')
    .split(',')
    .map((c) => c.trim())
    .filter(Boolean);
}

/**
 * Throws 401/403 unless the request may use /api/v1/*; runs before any upstream call. Answers the SHA-256 (hex) of
 * the code presented, or null where no codes are configured, so the caller can count requests per code.
 */
export async function checkAccess(env: Env, request: Request): Promise<string | null> {
  const codes = accessCodes(env);
  if (codes.length === 0) {
    // A server key with no codes on a public URL would let anyone spend it (LobeChat #1123): loopback only.
    if (env.MINIMAX_API_KEY && !request.headers.has('x-minimax-key') && !isLoopback(request)) {
      throw new ApiError(403, 'forbidden', 'This studio has a server key but no access codes, so it only answers its own machine. Set ACCESS_CODES.');
    }
    return null;
  }
  // Stryker disable next-line StringLiteral: no other text starts with "Bearer " either
  const header = request.headers.get('authorization') ?? '';
  // MiniMax's clients send the key as a Bearer token; some (Anthropic-style SDKs) as x-api-key: either carries the code.
  // Stryker disable next-line OptionalChaining: a match always has its group 1
  const presented = /^Bearer (.+)$/i.exec(header)?.[1]?.trim() || request.headers.get('x-api-key')?.trim();
  if (!presented) throw unauthorized();
  const hash = await sha256(presented);
  let match = false;
  // Every code is compared, with no early exit: which code matched (or how many exist) stays out of the timing.
  for (const code of codes) match = sameBytes(hash, await sha256(code)) || match;
  if (!match) throw unauthorized();
  return Array.from(hash, (b) => b.toString(16).padStart(2, '0')).join('');
}

function unauthorized(): ApiError {
  return new ApiError(401, 'unauthorized', 'This studio needs its access code as the API key: send it as Authorization: Bearer <code> (or x-api-key).', {
    field: 'access_code',
    headers: { 'WWW-Authenticate': 'Bearer realm="hailuo-studio"' },
  });
}
