// The studio's built SPA plus the bench's floor pages under /bench/, in a temp copy served by the studio's own
// worker (same [assets] router, same _headers): a floor page is answered exactly as the studio's page is.
import { cpSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';
import { BENCH_DIR } from './big-video.mjs';

// as web/vite.config.ts (a .ts file Node 20 cannot import)
const alias = { $contract: fileURLToPath(new URL('../../worker/src/contract', import.meta.url)) };
const pages = fileURLToPath(new URL('./pages/', import.meta.url));

/** @returns {Promise<string>} the assets directory */
export async function benchSite() {
  const site = join(BENCH_DIR, 'site');
  rmSync(site, { recursive: true, force: true });
  cpSync(fileURLToPath(new URL('../../web/dist/', import.meta.url)), site, { recursive: true });
  await build({
    configFile: false,
    logLevel: 'error',
    root: pages,
    base: '/bench/',
    resolve: { alias },
    build: {
      outDir: join(site, 'bench'),
      emptyOutDir: true,
      modulePreload: { polyfill: false },
      target: 'es2022',
      rollupOptions: { input: ['floor.html', 'blank.html', 'gallery-floor.html', 'video.html'].map((page) => join(pages, page)) },
    },
  });
  return site;
}
