// The MiniMax simulator as a real HTTP server (workerd via wrangler's unstable_startWorker), for end-to-end tests
// and benchmarks that point MINIMAX_API_BASE at it. Steered through its /__sim/* control routes.

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
  const control = async (method: string, path: string, body?: unknown): Promise<Response> => {
    const response = await fetch(`${url}/__sim/${path}`, {
      method,
      ...(body === undefined ? {} : { body: JSON.stringify(body), headers: { 'content-type': 'application/json' } }),
    });
    if (!response.ok) throw new Error(`simulator ${method} /__sim/${path}: HTTP ${response.status} ${await response.text()}`);
    return response;
  };
  return {
    url,
    seen: async () => (await (await control('GET', 'seen')).json()) as SeenRequest[],
    clearSeen: async () => void (await control('DELETE', 'seen')),
    failNext: async (on, fault) => void (await control('POST', 'fail-next', { on, fault })),
    advanceClock: async (ms) => void (await control('POST', 'clock', { advanceMs: ms })),
    reset: async () => void (await control('POST', 'reset')),
    stop: () => worker.dispose(),
  };
}
