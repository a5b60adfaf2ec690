// A static host as GitHub Pages or S3 is one: files under a path prefix, no headers of their own, no SPA fallback.
// And the static build made for it (`npm run build:static`) into a directory of its own, not web/dist.
import { execFile } from 'node:child_process';
import { createReadStream, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, sep } from 'node:path';
import { promisify } from 'node:util';

const root = new URL('../../', import.meta.url).pathname;

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.webmanifest': 'application/manifest+json',
  '.json': 'application/json',
};

export interface StaticHost {
  /** the origin, e.g. http://localhost:41234 */
  origin: string;
  stop(): Promise<void>;
}

/** Serves `dir` under `prefix` ('/studio/'): `${prefix}` is index.html, anything else a file or a plain 404. */
export async function serveStatic(dir: string, prefix: string, port = 0): Promise<StaticHost> {
  const server: Server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://host').pathname);
    if (!path.startsWith(prefix) || (req.method !== 'GET' && req.method !== 'HEAD')) return void res.writeHead(404).end('Not found');
    const relative = path.slice(prefix.length) || 'index.html';
    const file = normalize(join(dir, relative));
    if (!file.startsWith(dir.endsWith(sep) ? dir : dir + sep)) return void res.writeHead(404).end('Not found');
    let size: number;
    try {
      const stat = statSync(file);
      if (!stat.isFile()) throw new Error('not a file');
      size = stat.size;
    } catch {
      return void res.writeHead(404).end('Not found');
    }
    res.writeHead(200, { 'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream', 'Content-Length': size, 'Cache-Control': 'no-cache' });
    if (req.method === 'HEAD') return void res.end();
    createReadStream(file).pipe(res);
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  const { port: bound } = server.address() as AddressInfo;
  return {
    origin: `http://localhost:${bound}`,
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** `npm run build:static` with STUDIO_BASE and STUDIO_WORKER_URL, into `outDir` (STUDIO_OUT_DIR). */
export async function buildStaticPage(options: { base: string; workerUrl: string; outDir: string }): Promise<void> {
  await promisify(execFile)('npm', ['run', 'build:static'], {
    cwd: root,
    env: { ...process.env, STUDIO_BASE: options.base, STUDIO_WORKER_URL: options.workerUrl, STUDIO_OUT_DIR: options.outDir },
    maxBuffer: 16 * 1024 * 1024,
  });
}
