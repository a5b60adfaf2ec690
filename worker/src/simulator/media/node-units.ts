// The demo units read from disk, for Node-side tests and tools (the worker bundles them through bundled-units.ts).

import { readdirSync, readFileSync } from 'node:fs';
import type { DemoUnits } from './library';

export const DEMO_DIR = new URL('../../../assets/demo/', import.meta.url);

export function readDemoUnits(): DemoUnits {
  const units: DemoUnits = {};
  for (const name of readdirSync(DEMO_DIR)) {
    if (name.endsWith('.mp4')) units[name.slice(0, -4)] = new Uint8Array(readFileSync(new URL(name, DEMO_DIR)));
  }
  return units;
}
