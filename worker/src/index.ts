// Workers entry: the app with the real fetch, and the in-process simulator for demo mode.
import { createApp } from './app';
import type { Env } from './env';
import { createSimulator, type Simulator } from './simulator';
import { bundledUnits } from './simulator/media/bundled-units';
import { DemoMedia } from './simulator/media/library';

let simulator: Simulator | undefined;

/** A demo video is ready in 12 s: just before the SPA's third status check (3 s, 7.5 s, 14 s after submit). */
const DEMO_STAGES_MS = { preparing: 2000, queueing: 2500, processing: 7500 };

function demoSimulator(env: Env): Simulator {
  const [preparing, queueing, processing] = (env.DEMO_STAGES_MS ?? '').split(',').map(Number);
  const stagesMs = processing > 0 ? { preparing, queueing, processing } : DEMO_STAGES_MS;
  // 20 creates a minute: MiniMax's limit for recharged China accounts; the global 5 would stall a demo batch.
  // Demo videos match the asked model, resolution, ratio and length (H3 ones carry stereo sound).
  simulator ??= createSimulator({ keys: ['demo'], media: new DemoMedia(bundledUnits()), downloadOrigin: 'https://cdn.demo.invalid', rpm: 20, stagesMs });
  return simulator;
}

const app = createApp({
  fetch: (input, init) => fetch(input, init),
  timeouts: { timeoutMs: 20_000, createTimeoutMs: 60_000 },
  demo: (env) => {
    const sim = demoSimulator(env);
    return {
      fetch: (input, init) => sim.fetch(new Request(input, init)),
      key: 'demo',
      base: 'https://api.demo.invalid',
      fileHosts: ['cdn.demo.invalid'],
    };
  },
});

export default app;

/** The Durable Object behind env.LEDGER (wrangler.toml): idempotency keys and who made which task, per caller. */
export { LedgerObject as Ledger } from './ledger/durable';
