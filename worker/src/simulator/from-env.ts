// Builds a simulator from wrangler vars (strings), as entry.ts receives them.

import { createSimulator, type Simulator } from './index';

export interface SimulatorEnv {
  /** comma list of accepted API keys; default "sim-key" */
  SIM_KEYS?: string;
  /** "preparing,queueing,processing" in ms */
  SIM_STAGES_MS?: string;
  SIM_RPM?: string;
  /** download_url lifetime in seconds */
  SIM_LINK_TTL?: string;
}

export const DEFAULT_SIM_KEY = 'sim-key';

export function simulatorFromEnv(env: SimulatorEnv, downloadOrigin: string, video: Uint8Array): Simulator {
  const keys = (env.SIM_KEYS ?? DEFAULT_SIM_KEY).split(',').map((k) => k.trim()).filter(Boolean);
  const stages = env.SIM_STAGES_MS?.split(',').map(Number);
  const rpm = Number(env.SIM_RPM);
  const ttl = Number(env.SIM_LINK_TTL);
  return createSimulator({
    keys,
    video,
    downloadOrigin,
    ...(stages?.length === 3 && stages.every((n) => Number.isFinite(n) && n >= 0)
      ? { stagesMs: { preparing: stages[0], queueing: stages[1], processing: stages[2] } }
      : {}),
    ...(Number.isFinite(rpm) && rpm > 0 ? { rpm } : {}),
    ...(Number.isFinite(ttl) && ttl > 0 ? { linkTtlSeconds: ttl } : {}),
  });
}
