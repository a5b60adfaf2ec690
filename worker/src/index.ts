// Workers entry: the app with the real fetch, and the in-process simulator for demo mode.
import video from '../assets/sample.mp4';
import { createApp } from './app';
import { createSimulator, type Simulator } from './simulator';

let simulator: Simulator | undefined;
const DEMO_ORIGIN = 'https://cdn.demo.invalid';

const app = createApp({
  fetch: (input, init) => fetch(input, init),
  timeouts: { timeoutMs: 20_000, createTimeoutMs: 60_000 },
  demo: () => {
    simulator ??= createSimulator({ keys: ['demo'], video: new Uint8Array(video), downloadOrigin: DEMO_ORIGIN, rpm: 20 });
    const sim = simulator;
    return {
      fetch: (input, init) => sim.fetch(new Request(input, init)),
      key: 'demo',
      base: 'https://api.demo.invalid',
      fileHosts: ['cdn.demo.invalid'],
    };
  },
});

export default app;
