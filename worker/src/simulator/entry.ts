// Cloudflare Workers entry running the simulator as a real HTTP server in workerd (test/support/simulator-server.ts,
// worker/scripts/simulator.mjs). State lives in the isolate. Configured by vars (see from-env.ts):
//   SIM_KEYS "k1,k2" · SIM_STAGES_MS "preparing,queueing,processing" · SIM_RPM · SIM_V2_RPM · SIM_V2_IN_FLIGHT
//   SIM_LINK_TTL (seconds) · SIM_MEDIA "demo" | "sample"
// download_url and content.url point back at the origin of the first request this isolate served.
// Only the default export lives here: workerd treats every named export of an entry module as an entrypoint.

import sampleVideo from '../../assets/sample.mp4';
import { simulatorFromEnv, type SimulatorEnv } from './from-env';
import type { Simulator } from './index';
import { bundledUnits } from './media/bundled-units';
import { DemoMedia } from './media/library';

let simulator: Simulator | undefined;

interface FixedLengthStreamLike {
  readable: ReadableStream<Uint8Array>;
  writable: WritableStream<Uint8Array>;
}
type FixedLengthStreamCtor = new (length: number) => FixedLengthStreamLike;

/** workerd sends a ReadableStream body chunked; a FixedLengthStream keeps the Content-Length on the wire. */
function withFixedLength(response: Response): Response {
  const Fixed = (globalThis as { FixedLengthStream?: FixedLengthStreamCtor }).FixedLengthStream;
  const length = Number(response.headers.get('content-length'));
  if (!Fixed || !response.body || !Number.isSafeInteger(length) || length <= 0) return response;
  const fixed = new Fixed(length);
  response.body.pipeTo(fixed.writable).catch(() => {});
  return new Response(fixed.readable, { status: response.status, headers: response.headers });
}

export default {
  async fetch(request: Request, env: SimulatorEnv): Promise<Response> {
    simulator ??= simulatorFromEnv(env, new URL(request.url).origin, {
      sample: () => new Uint8Array(sampleVideo),
      demo: () => new DemoMedia(bundledUnits()),
    });
    return withFixedLength(await simulator.fetch(request));
  },
};
