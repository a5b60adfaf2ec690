// Aliyun-OSS-style signed links: `?Expires=<unix s>&OSSAccessKeyId=sim&Signature=<base64 HMAC-SHA1>`.
// The signature covers the path and Expires (not the verb, so GET and HEAD share one link).

export class LinkSigner {
  private readonly key: Promise<CryptoKey>;

  constructor(secret: Uint8Array<ArrayBuffer> = crypto.getRandomValues(new Uint8Array(32))) {
    this.key = crypto.subtle.importKey('raw', secret, { name: 'HMAC', hash: 'SHA-1' }, false, ['sign', 'verify']);
  }

  async sign(path: string, expires: number): Promise<string> {
    const mac = await crypto.subtle.sign('HMAC', await this.key, stringToSign(path, expires));
    return btoa(String.fromCharCode(...new Uint8Array(mac)));
  }

  async verify(path: string, expires: number, signature: string): Promise<boolean> {
    let mac: Uint8Array<ArrayBuffer>;
    try {
      mac = Uint8Array.from(atob(signature), (c) => c.charCodeAt(0));
    } catch {
      return false;
    }
    return crypto.subtle.verify('HMAC', await this.key, mac, stringToSign(path, expires));
  }
}

function stringToSign(path: string, expires: number): Uint8Array<ArrayBuffer> {
  return new Uint8Array(new TextEncoder().encode(`${expires}\n${path}`));
}
