// The studio's worker started as `npm start` starts it (wrangler's unstable_startWorker, inspector off).
import { startStudio as launch } from '../../worker/scripts/launch.mjs';

export interface StudioServer {
  url: string;
  stop(): Promise<void>;
}

export async function startStudio(
  options: { vars?: Record<string, string>; secrets?: Record<string, string>; port?: number; tls?: { keyPath: string; certPath: string } } = {},
): Promise<StudioServer> {
  const { url, stop } = await launch({ ...options, logLevel: 'error' });
  return { url: url.replace('127.0.0.1', 'localhost'), stop };
}

export const SIM_KEY = 'sk-sim-live-key-0123456789';

/** Live mode pointed at the simulator over HTTP on loopback. */
export function liveVarsFor(simulatorUrl: string): { vars: Record<string, string>; secrets: Record<string, string> } {
  return {
    vars: { MINIMAX_API_BASE: simulatorUrl, MINIMAX_FILE_HOSTS: '127.0.0.1' },
    secrets: { MINIMAX_API_KEY: SIM_KEY },
  };
}
