import { fileURLToPath } from 'node:url';
import { resolve } from 'node:path';
import { defineConfig } from 'vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { VitePWA } from 'vite-plugin-pwa';
import { connectSources } from './build/csp';
import { staticHost } from './build/staticHost';
import { outDirFrom, staticTarget, type StaticTarget } from './build/target';

export const alias = { $contract: fileURLToPath(new URL('../worker/src/contract', import.meta.url)) };

const root = fileURLToPath(new URL('.', import.meta.url));
const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

// `--mode static` (npm run build:static) reads STUDIO_BASE and STUDIO_WORKER_URL; every other build is the
// worker-served one: base '/', same origin, the CSP of web/public/_headers.
export default defineConfig(({ command, mode }) => {
  const isStatic = mode === 'static';
  const target: StaticTarget = isStatic ? staticTarget(process.env) : { base: '/', workerOrigin: '' };
  const { base } = target;
  // The tests build a static page into a directory of their own, leaving web/dist to the other suites.
  const outDir = (isStatic && outDirFrom(process.env)) || 'dist';
  return {
    root,
    base,
    define:
      command === 'build'
        ? {
            'import.meta.env.STUDIO_WORKER_URL': JSON.stringify(target.workerOrigin),
            'import.meta.env.STUDIO_CONNECT_SRC': JSON.stringify(connectSources(target.workerOrigin).join(' ')),
          }
        : {},
    plugins: [
      svelte(),
      ...(isStatic ? [staticHost(target, () => resolve(root, outDir))] : []),
      VitePWA({
        // A new version waits until the user accepts the reload: no takeover that breaks open tabs.
        registerType: 'prompt',
        injectRegister: false,
        includeAssets: ['icon.svg', 'apple-touch-icon.png'],
        manifest: {
          id: base,
          name: 'Hailuo Studio',
          short_name: 'Hailuo',
          description: 'Make videos with MiniMax Hailuo: every mode, a queue that never loses a task, a history that keeps the videos.',
          start_url: base,
          scope: base,
          display: 'standalone',
          background_color: '#0f1020',
          theme_color: '#5b21b6',
          icons: [
            { src: `${base}icon-192.png`, sizes: '192x192', type: 'image/png' },
            { src: `${base}icon-512.png`, sizes: '512x512', type: 'image/png' },
            { src: `${base}icon-maskable-512.png`, sizes: '512x512', type: 'image/png', purpose: 'maskable' },
            { src: `${base}icon.svg`, sizes: 'any', type: 'image/svg+xml' },
          ],
        },
        workbox: {
          globPatterns: ['**/*.{js,css,html,svg,png,webmanifest}'],
          // Navigations to the API (/api/*, and /v1/*, /v2/* at the root) must reach the worker, never index.html.
          navigateFallback: `${base}index.html`,
          navigateFallbackDenylist: [new RegExp(`^${escapeRegExp(base)}/*(?:api|v1|v2)(/|$)`)],
          // The API is never cached: task states and video bytes are live data (videos live in IndexedDB).
          runtimeCaching: [],
          cleanupOutdatedCaches: true,
          // Focuses or opens the studio when a notification shown by the service worker is clicked (Android); serves
          // the history export as a streamed download where the browser has no save picker (export-download.js).
          importScripts: ['notification-click.js', 'export-download.js'],
        },
      }),
    ],
    resolve: { alias },
    build: {
      outDir,
      emptyOutDir: true,
      target: 'es2022',
      // The shared contract is tables and functions, nothing runs on import: the form can take its model table
      // through the '$contract' index without the validators coming into the first screen's chunk.
      rolldownOptions: { treeshake: { moduleSideEffects: (id: string) => !id.includes('/worker/src/contract/') } },
    },
    server: { proxy: { '/api': 'http://localhost:8787', '/v1': 'http://localhost:8787', '/v2': 'http://localhost:8787' } },
  };
});
