import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { VitePWA } from 'vite-plugin-pwa';

export const alias = { $contract: fileURLToPath(new URL('../worker/src/contract', import.meta.url)) };

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  plugins: [
    svelte(),
    VitePWA({
      // A new version waits until the user accepts the reload: no takeover that breaks open tabs.
      registerType: 'prompt',
      injectRegister: false,
      includeAssets: ['icon.svg', 'apple-touch-icon.png'],
      manifest: {
        id: '/',
        name: 'Hailuo Studio',
        short_name: 'Hailuo',
        description: 'Make videos with MiniMax Hailuo: every mode, a queue that never loses a task, a history that keeps the videos.',
        start_url: '/',
        scope: '/',
        display: 'standalone',
        background_color: '#0f1020',
        theme_color: '#5b21b6',
        icons: [
          { src: '/icon-192.png', sizes: '192x192', type: 'image/png' },
          { src: '/icon-512.png', sizes: '512x512', type: 'image/png' },
          { src: '/icon-maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
          { src: '/icon.svg', sizes: 'any', type: 'image/svg+xml' },
        ],
      },
      workbox: {
        globPatterns: ['**/*.{js,css,html,svg,png,webmanifest}'],
        // Navigations to the API (/api/*, and /v1/*, /v2/* at the root) must reach the worker, never index.html.
        navigateFallback: '/index.html',
        navigateFallbackDenylist: [/^\/+(?:api|v1|v2)(\/|$)/],
        // The API is never cached: task states and video bytes are live data (videos live in IndexedDB).
        runtimeCaching: [],
        cleanupOutdatedCaches: true,
        // Focuses or opens the studio when a notification shown by the service worker is clicked (Android).
        importScripts: ['notification-click.js'],
      },
    }),
  ],
  resolve: { alias },
  build: { outDir: 'dist', emptyOutDir: true, target: 'es2022' },
  server: { proxy: { '/api': 'http://localhost:8787', '/v1': 'http://localhost:8787', '/v2': 'http://localhost:8787' } },
});
