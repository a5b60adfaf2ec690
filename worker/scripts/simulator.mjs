#!/usr/bin/env node
// Runs the MiniMax simulator (worker/src/simulator) as a standalone HTTP server in workerd, for tests and for
// pointing any MiniMax client at it:   node worker/scripts/simulator.mjs [--port 9090] [--key sim-key]
//                                      [--stages 2000,3000,10000] [--rpm 5] [--v2-rpm 300] [--v2-in-flight 30]
//                                      [--link-ttl 3600] [--media demo|sample]
// Its API host is the printed URL (POST /v1/video_generation, POST /v2/video_generation, …); send
// `Authorization: Bearer <key>`. --media sample serves worker/assets/sample.mp4 for every task.

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
 * @param {{ keys?: string[], stagesMs?: {preparing:number,queueing:number,processing:number}, rpm?: number, v2Rpm?: number, v2InFlight?: number, linkTtl?: number, media?: 'demo' | 'sample', port?: number, logLevel?: string }} [options]
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
  if (options.v2Rpm !== undefined) vars.SIM_V2_RPM = String(options.v2Rpm);
  if (options.v2InFlight !== undefined) vars.SIM_V2_IN_FLIGHT = String(options.v2InFlight);
  if (options.linkTtl !== undefined) vars.SIM_LINK_TTL = String(options.linkTtl);
  if (options.media !== undefined) vars.SIM_MEDIA = options.media;
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
    ...(argument('v2-rpm') ? { v2Rpm: Number(argument('v2-rpm')) } : {}),
    ...(argument('v2-in-flight') ? { v2InFlight: Number(argument('v2-in-flight')) } : {}),
    ...(argument('link-ttl') ? { linkTtl: Number(argument('link-ttl')) } : {}),
    ...(argument('media') ? { media: argument('media') } : {}),
    logLevel: 'info',
  });
  console.log(`MiniMax simulator listening on ${server.url}`);
  console.log(`API key: ${server.keys[0]}   (Authorization: Bearer ${server.keys[0]})`);
  console.log(`Try: curl -s ${server.url}/v1/video_generation -H 'Authorization: Bearer ${server.keys[0]}' -H 'Content-Type: application/json' -d '{"model":"MiniMax-Hailuo-2.3","prompt":"a cat"}'`);
  console.log(`  or: curl -s ${server.url}/v2/video_generation -H 'Authorization: Bearer ${server.keys[0]}' -H 'Content-Type: application/json' -d '{"model":"MiniMax-H3","content":[{"type":"text","text":"a cat"}],"resolution":"768P","duration":5,"ratio":"16:9"}'`);
  const stop = async () => {
    await server.dispose();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}
