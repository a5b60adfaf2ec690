// The MiniMax simulator as a real HTTP server (workerd via wrangler's unstable_startWorker), for end-to-end tests
// and benchmarks that point MINIMAX_API_BASE at it. Steered through its /__sim/* control routes.

import { request } from 'node:http';
import type { Fault, FaultTarget, SeenRequest } from '../../worker/src/simulator/index';
import { startSimulatorWorker } from '../../worker/scripts/simulator.mjs';

export interface SimulatorServerOptions {
  keys?: string[];
  stagesMs?: { preparing: number; queueing: number; processing: number };
  rpm?: number;
  v2Rpm?: number;
  v2InFlight?: number;
  /** download_url lifetime, seconds */
  linkTtl?: number;
  /** "sample" (default here): sample.mp4 for every task, for byte-exact checks; "demo": sized demo videos */
  media?: 'demo' | 'sample';
  port?: number;
}

export interface SimulatorServer {
  /** origin, e.g. http://127.0.0.1:41234 — use it as MINIMAX_API_BASE */
  url: string;
  seen(): Promise<SeenRequest[]>;
  clearSeen(): Promise<void>;
  failNext(on: FaultTarget, fault: Fault): Promise<void>;
  /** moves the simulator's clock forward */
  advanceClock(ms: number): Promise<void>;
  reset(): Promise<void>;
  stop(): Promise<void>;
}

export async function startSimulatorServer(opts: SimulatorServerOptions = {}): Promise<SimulatorServer> {
  const worker = await startSimulatorWorker({ media: 'sample', ...opts });
  const url = worker.url;
  const control = (method: string, path: string, body?: unknown): Promise<string> =>
    new Promise((resolve, reject) => {
      const payload = body === undefined ? undefined : JSON.stringify(body);
      // A connection of its own each time: a kept-alive one can be closed by the server just as a call reuses it.
      const call = request(`${url}/__sim/${path}`, { method, agent: false, headers: payload ? { 'content-type': 'application/json' } : {} }, (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('error', reject);
        response.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          const status = response.statusCode ?? 0;
          if (status >= 200 && status < 300) resolve(text);
          else reject(new Error(`simulator ${method} /__sim/${path}: HTTP ${status} ${text}`));
        });
      });
      call.on('error', reject);
      call.end(payload);
    });
  return {
    url,
    seen: async () => JSON.parse(await control('GET', 'seen')) as SeenRequest[],
    clearSeen: async () => void (await control('DELETE', 'seen')),
    failNext: async (on, fault) => void (await control('POST', 'fail-next', { on, fault })),
    advanceClock: async (ms) => void (await control('POST', 'clock', { advanceMs: ms })),
    reset: async () => void (await control('POST', 'reset')),
    stop: () => worker.dispose(),
  };
}
