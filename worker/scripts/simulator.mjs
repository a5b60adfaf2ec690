#!/usr/bin/env node
// Runs the MiniMax simulator (worker/src/simulator) as a standalone HTTP server in workerd, for tests and for
// pointing any MiniMax client at it:   node worker/scripts/simulator.mjs [--port 9090] [--key sim-key]
//                                      [--stages 2000,3000,10000] [--rpm 5] [--link-ttl 3600]
// Its API host is the printed URL (POST /v1/video_generation, …); send `Authorization: Bearer <key>`.

import { createServer } from 'node:net';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { startWorker } from './launch.mjs';

process.env.WRANGLER_SEND_METRICS ??= 'false';
process.env.CLOUDFLARE_CF_FETCH_ENABLED ??= 'false';

export const SIMULATOR_ENTRY = fileURLToPath(new URL('../src/simulator/entry.ts', import.meta.url));
export const DEFAULT_KEY = 'sim-key';

/** A port the OS says is free right now. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/**
 * Starts the simulator worker on 127.0.0.1.
 * @param {{ keys?: string[], stagesMs?: {preparing:number,queueing:number,processing:number}, rpm?: number, linkTtl?: number, port?: number, logLevel?: string }} [options]
 * @returns {Promise<{ url: string, keys: string[], dispose: () => Promise<void> }>}
 */
export async function startSimulatorWorker(options = {}) {
  const keys = options.keys ?? [DEFAULT_KEY];
  const vars = { SIM_KEYS: keys.join(',') };
  if (options.stagesMs) {
    const { preparing, queueing, processing } = options.stagesMs;
    vars.SIM_STAGES_MS = `${preparing},${queueing},${processing}`;
  }
  if (options.rpm !== undefined) vars.SIM_RPM = String(options.rpm);
  if (options.linkTtl !== undefined) vars.SIM_LINK_TTL = String(options.linkTtl);
  const port = options.port || (await freePort());
  const worker = await startWorker({
    name: 'hailuo-minimax-simulator',
    entrypoint: SIMULATOR_ENTRY,
    vars,
    port,
    logLevel: options.logLevel,
    moduleRules: [{ type: 'Data', globs: ['**/*.mp4'], fallthrough: false }],
  });
  return { url: worker.url, keys, dispose: worker.stop };
}

function argument(name) {
  const index = process.argv.indexOf(`--${name}`);
  return index > 0 ? process.argv[index + 1] : undefined;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const stages = argument('stages')?.split(',').map(Number);
  const server = await startSimulatorWorker({
    port: Number(argument('port') ?? 9090),
    keys: [argument('key') ?? DEFAULT_KEY],
    ...(stages?.length === 3 ? { stagesMs: { preparing: stages[0], queueing: stages[1], processing: stages[2] } } : {}),
    ...(argument('rpm') ? { rpm: Number(argument('rpm')) } : {}),
    ...(argument('link-ttl') ? { linkTtl: Number(argument('link-ttl')) } : {}),
    logLevel: 'info',
  });
  console.log(`MiniMax simulator listening on ${server.url}`);
  console.log(`API key: ${server.keys[0]}   (Authorization: Bearer ${server.keys[0]})`);
  console.log(`Try: curl -s ${server.url}/v1/video_generation -H 'Authorization: Bearer ${server.keys[0]}' -H 'Content-Type: application/json' -d '{"model":"MiniMax-Hailuo-2.3","prompt":"a cat"}'`);
  const stop = async () => {
    await server.dispose();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}
