// Builds a simulator from wrangler vars (strings), as entry.ts receives them.

import { createSimulator, type Simulator } from './index';
import type { DemoMedia } from './media/library';

export interface SimulatorEnv {
  /** comma list of accepted API keys; default "sim-key" */
  SIM_KEYS?: string;
  /** "preparing,queueing,processing" in ms */
  SIM_STAGES_MS?: string;
  SIM_RPM?: string;
  /** v2 creates per key and minute (default 300) */
  SIM_V2_RPM?: string;
  /** v2 queued + running tasks per key (default 30) */
  SIM_V2_IN_FLIGHT?: string;
  /** download_url / content.url lifetime in seconds */
  SIM_LINK_TTL?: string;
  /** "demo" (default): videos of the asked size and length; "sample": sample.mp4 for every task (byte-exact tests) */
  SIM_MEDIA?: string;
}

export const DEFAULT_SIM_KEY = 'sim-key';

export function simulatorFromEnv(env: SimulatorEnv, downloadOrigin: string, sources: { sample: () => Uint8Array; demo: () => DemoMedia }): Simulator {
  const keys = (env.SIM_KEYS ?? DEFAULT_SIM_KEY).split(',').map((k) => k.trim()).filter(Boolean);
  const stages = env.SIM_STAGES_MS?.split(',').map(Number);
  const positive = (value: string | undefined) => {
    const n = Number(value);
    return Number.isFinite(n) && n > 0 ? n : undefined;
  };
  const rpm = positive(env.SIM_RPM);
  const v2Rpm = positive(env.SIM_V2_RPM);
  const v2InFlight = positive(env.SIM_V2_IN_FLIGHT);
  const ttl = positive(env.SIM_LINK_TTL);
  return createSimulator({
    keys,
    ...(env.SIM_MEDIA === 'sample' ? { video: sources.sample() } : { media: sources.demo() }),
    downloadOrigin,
    ...(stages?.length === 3 && stages.every((n) => Number.isFinite(n) && n >= 0)
      ? { stagesMs: { preparing: stages[0], queueing: stages[1], processing: stages[2] } }
      : {}),
    ...(rpm ? { rpm } : {}),
    ...(v2Rpm ? { v2Rpm } : {}),
    ...(v2InFlight ? { v2InFlight } : {}),
    ...(ttl ? { linkTtlSeconds: ttl } : {}),
  });
}
