// Starts the studio's worker (wrangler.toml: API + built SPA) in workerd through wrangler's programmatic API,
// with the DevTools inspector off: the CLI's inspector logs every streamed chunk and makes big streams crawl.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { unstable_startWorker } from 'wrangler';

process.env.WRANGLER_SEND_METRICS ??= 'false';
process.env.CLOUDFLARE_CF_FETCH_ENABLED ??= 'false';
// No reload while running: a worker reloaded mid-request answers a POST in flight with wrangler's own 503 ("Your
// worker restarted mid-request"), seen once in a browser test at load 22. Nothing we start should follow edits.
process.env.WRANGLER_CI_DISABLE_CONFIG_WATCHING ??= 'true';

const root = fileURLToPath(new URL('../..', import.meta.url));

/**
 * wrangler's local dev settings for every worker we start: workerd on this machine, no inspector (it makes
 * streams crawl), no watching, nothing persisted.
 * @param {{ hostname: string, port: number, logLevel: string, tls?: { keyPath: string, certPath: string } }} server
 */
export function localDev({ hostname, port, logLevel, tls }) {
  const secure = tls ? { secure: true, httpsKeyPath: tls.keyPath, httpsCertPath: tls.certPath } : {};
  return { remote: false, inspector: false, watch: false, persist: false, logLevel, server: { hostname, port, ...secure } };
}

/**
 * `entrypoint` swaps the worker's code and keeps the rest of wrangler.toml (the bench runs a bare pass-through
 * behind the same [assets] router this way); `assets` swaps the directory served (the bench adds its floor pages).
 * @param {{ port?: number, hostname?: string, vars?: Record<string, string>, secrets?: Record<string, string>, logLevel?: 'none'|'error'|'warn'|'info'|'log'|'debug', name?: string, entrypoint?: string, assets?: string, tls?: { keyPath: string, certPath: string } }} [options]
 * @returns {Promise<{ url: string, worker: import('wrangler').Unstable_DevWorker | any, stop: () => Promise<void> }>}
 */
export async function startStudio(options = {}) {
  if (!existsSync(`${root}/web/dist/index.html`)) {
    throw new Error('web/dist is missing: run `npm run build` first.');
  }
  const bindings = {};
  for (const [name, value] of Object.entries(options.vars ?? {})) bindings[name] = { type: 'plain_text', value };
  for (const [name, value] of Object.entries(options.secrets ?? {})) bindings[name] = { type: 'secret_text', value };
  const worker = await unstable_startWorker({
    config: `${root}/wrangler.toml`,
    ...(options.entrypoint ? { name: options.name ?? 'hailuo-studio-variant', entrypoint: options.entrypoint } : {}),
    ...(options.assets ? { assets: options.assets } : {}),
    bindings,
    dev: localDev({ hostname: options.hostname ?? '127.0.0.1', port: options.port ?? 0, logLevel: options.logLevel ?? 'warn', tls: options.tls }),
  });
  await worker.ready;
  const url = (await worker.url).toString().replace(/\/$/, '');
  return { url, worker, stop: () => worker.dispose() };
}

/**
 * Starts a single-file worker with no wrangler.toml (the simulator, the bench's reference worker).
 * @param {{ name: string, entrypoint: string, vars?: Record<string, string>, port?: number, logLevel?: string, moduleRules?: object[] }} options
 * @returns {Promise<{ url: string, stop: () => Promise<void> }>}
 */
export async function startWorker(options) {
  const bindings = Object.fromEntries(Object.entries(options.vars ?? {}).map(([name, value]) => [name, { type: 'plain_text', value }]));
  const worker = await unstable_startWorker({
    name: options.name,
    config: '', // inline configuration only: never pick up the app's wrangler.toml
    entrypoint: options.entrypoint,
    compatibilityDate: '2026-04-20',
    sendMetrics: false,
    bindings,
    build: { moduleRules: options.moduleRules ?? [] },
    dev: localDev({ hostname: '127.0.0.1', port: options.port ?? 0, logLevel: options.logLevel ?? 'warn' }),
  });
  await worker.ready;
  return { url: (await worker.url).origin, stop: () => worker.dispose() };
}
