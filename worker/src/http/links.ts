import type { Mode } from './target';

// Short-lived stream links: the CDN URL is sealed (AES-GCM) into an opaque token, so the browser never sees or
// sends a URL (an open-proxy vector) and the link needs no headers (usable as <video src> or a download).

export interface LinkClaims {
  /** the CDN download URL */
  url: string;
  fileId: string;
  /** expiry, unix seconds */
  exp: number;
  /** the mode that sealed it decides which file source may fetch the URL */
  mode: Mode;
  /** what `fileId` names: a v1 file id, or a v2 task id (absent in links sealed before v2: a file) */
  kind?: 'file' | 'task';
}

const keys = new Map<string, Promise<CryptoKey>>();
let isolateSecret: string | undefined;

/** The sealing secret: configured, else derived from the server key, else random for this isolate only. */
export function linkSecret(configured: string | undefined, serverKey: string | undefined): string {
  if (configured) return configured;
  if (serverKey) return `derived:${serverKey}`;
  isolateSecret ??= crypto.randomUUID() + crypto.randomUUID();
  return isolateSecret;
}

function keyFor(secret: string): Promise<CryptoKey> {
  let key = keys.get(secret);
  if (!key) {
    key = (async () => {
      const material = await crypto.subtle.importKey('raw', new TextEncoder().encode(secret), 'HKDF', false, ['deriveKey']);
      return crypto.subtle.deriveKey(
        { name: 'HKDF', hash: 'SHA-256', salt: new Uint8Array(0), info: new TextEncoder().encode('hailuo-studio stream link v1') },
        material,
        { name: 'AES-GCM', length: 256 },
        // Stryker disable next-line BooleanLiteral: an extractable key is only exportable by code holding it, and it never leaves this module
        false,
        ['encrypt', 'decrypt'],
      );
    })();
    keys.set(secret, key);
  }
  return key;
}

export async function sealLink(claims: LinkClaims, secret: string): Promise<string> {
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const plain = new TextEncoder().encode(JSON.stringify(claims));
  const sealed = new Uint8Array(await crypto.subtle.encrypt({ name: 'AES-GCM', iv }, await keyFor(secret), plain));
  const out = new Uint8Array(iv.length + sealed.length);
  out.set(iv);
  out.set(sealed, iv.length);
  return base64url(out);
}

/** The claims of a token that is authentic and unexpired, else null. */
export async function openLink(token: string, secret: string, nowSeconds: number): Promise<LinkClaims | null> {
  try {
    const bytes = fromBase64url(token);
    const plain = await crypto.subtle.decrypt({ name: 'AES-GCM', iv: bytes.subarray(0, 12) }, await keyFor(secret), bytes.subarray(12));
    const claims = JSON.parse(new TextDecoder().decode(plain)) as LinkClaims;
    return claims.exp > nowSeconds ? claims : null;
  } catch {
    return null;
  }
}

function base64url(bytes: Uint8Array): string {
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64url(text: string): Uint8Array<ArrayBuffer> {
  // Stryker disable next-line StringLiteral: openLink catches this error and answers null, whatever its message
  if (!/^[A-Za-z0-9_-]{20,4096}$/.test(text)) throw new Error('not a token');
  const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
  return Uint8Array.from(binary, (c) => c.charCodeAt(0));
}
