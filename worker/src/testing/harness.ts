// A fresh app + in-process simulator per test, with every upstream request recorded (host included).
import { readFileSync } from 'node:fs';
import { createApp } from '../app';
import type { Env } from '../env';
import { ATTEMPT_LIMIT, MemoryRateLimiter, type RateLimiter } from '../security/ratelimit';
import { createSimulator, type Simulator } from '../simulator';
import { SERVER_KEY } from './server-key';

export { SERVER_KEY };

export const SAMPLE_VIDEO = new Uint8Array(readFileSync(new URL('../../assets/sample.mp4', import.meta.url)));

export interface Outbound {
  url: URL;
  method: string;
  headers: Headers;
  body: string | null;
  /** the signal the worker passed (aborts when the worker gives up on the request) */
  signal: AbortSignal;
}

export interface Harness {
  sim: Simulator;
  outbound: Outbound[];
  clock: { now: number };
  env: Env;
  request(path: string, init?: RequestInit, env?: Partial<Env>, origin?: string): Promise<Response>;
  /** creates a task and advances the simulator's clock past its end */
  finishedTask(prompt?: string): Promise<{ taskId: string; fileId: string }>;
}

export function harness(
  options: { env?: Partial<Env>; timeoutMs?: number; createTimeoutMs?: number; fetch?: typeof fetch; limiter?: RateLimiter; linkTtlSeconds?: number } = {},
): Harness {
  // One clock for the simulator and the worker (links, ledger, limiters); it starts at the real time.
  const clock = { now: Date.now() };
  const sim = createSimulator({
    keys: [SERVER_KEY, 'sk-user-own-key-98765'],
    video: SAMPLE_VIDEO,
    downloadOrigin: 'https://cdn.sim.invalid',
    stagesMs: { preparing: 1000, queueing: 1000, processing: 3000 },
    rpm: 100,
    ...(options.linkTtlSeconds ? { linkTtlSeconds: options.linkTtlSeconds } : {}),
    now: () => clock.now,
  });
  const outbound: Outbound[] = [];
  const recording: typeof fetch = async (input, init) => {
    const request = new Request(input, init);
    const body = request.body ? await request.clone().text() : null;
    outbound.push({ url: new URL(request.url), method: request.method, headers: request.headers, body, signal: request.signal });
    return options.fetch ? options.fetch(request) : sim.fetch(request);
  };
  const app = createApp({
    fetch: recording,
    timeouts: { timeoutMs: options.timeoutMs ?? 2000, createTimeoutMs: options.createTimeoutMs ?? options.timeoutMs ?? 2000 },
    demo: () => ({ fetch: recording, key: SERVER_KEY, base: 'https://api.demo.invalid', fileHosts: ['cdn.sim.invalid'] }),
    // the in-memory create limiter runs on the harness clock, so a test can step past its window
    createLimiter: options.limiter ?? new MemoryRateLimiter(undefined, undefined, () => clock.now),
    attemptLimiter: new MemoryRateLimiter(ATTEMPT_LIMIT.limit, ATTEMPT_LIMIT.periodSeconds * 1000, () => clock.now),
    now: () => clock.now,
  });
  const env: Env = {
    MINIMAX_API_KEY: SERVER_KEY,
    MINIMAX_API_BASE: 'https://api.minimax.io',
    MINIMAX_FILE_HOSTS: 'cdn.sim.invalid',
    ...options.env,
  };
  const h: Harness = {
    sim,
    outbound,
    clock,
    env,
    request: async (path, init, extraEnv, origin = 'http://localhost') =>
      app.request(new Request(`${origin}${path}`, init), undefined, { ...env, ...extraEnv }),
    async finishedTask(prompt = 'A lighthouse at dawn') {
      const created = await h.request('/api/v1/video_generation', json({ model: 'MiniMax-Hailuo-2.3', prompt }));
      const { task_id: taskId } = (await created.json()) as { task_id: string };
      clock.now += 10_000;
      const queried = await h.request(`/api/v1/query/video_generation?task_id=${taskId}`);
      const { file_id: fileId } = (await queried.json()) as { file_id: string };
      return { taskId, fileId };
    },
  };
  return h;
}

/** The 3 bytes "abc" a fake CDN answers, with their Content-Length unless other headers are given. */
export const cdnVideo = (headers: Record<string, string> = { 'Content-Length': '3' }) => new Response('abc', { headers });

/** MiniMax's answer of success: `body` with a zero base_resp. */
export const minimaxSuccess = (body: object) => Response.json({ ...body, base_resp: { status_code: 0, status_msg: 'success' } });

/** An upstream for harness({ fetch }): MiniMax (api.minimax.io) answered by `minimax`, any other host (a CDN) by cdnVideo. */
export function fakeUpstream(minimax: (url: URL) => Response | Promise<Response>): typeof fetch {
  return async (request) => {
    const url = new URL((request as Request).url);
    return url.hostname === 'api.minimax.io' ? minimax(url) : cdnVideo();
  };
}

export function json(body: unknown, headers: Record<string, string> = {}): RequestInit {
  return { method: 'POST', headers: { 'Content-Type': 'application/json', ...headers }, body: JSON.stringify(body) };
}

export interface V1Refusal {
  http: number;
  /** base_resp.status_code */
  code: number;
  msg: string;
  error: { code: string; message: string; field?: string; rule?: string };
}

/** A v1 refusal as MiniMax shapes it: the HTTP status, the non-zero base_resp and our error beside it. */
export async function v1Refusal(res: Response): Promise<V1Refusal> {
  const body = (await res.json()) as { base_resp?: { status_code: number; status_msg: string }; error?: V1Refusal['error'] };
  if (!body.base_resp || body.base_resp.status_code === 0 || !body.error) throw new Error(`not a v1 refusal: ${JSON.stringify(body).slice(0, 200)}`);
  return { http: res.status, code: body.base_resp.status_code, msg: body.base_resp.status_msg, error: body.error };
}
