// Helpers for the simulator's in-process tests: a manual clock and request builders.

import { readFileSync } from 'node:fs';
import { createSimulator, type SimulatorOptions } from './index';

export const SAMPLE_MP4 = new Uint8Array(readFileSync(new URL('../../assets/sample.mp4', import.meta.url)));
export const KEY = 'sk-test-key';
export const OTHER_KEY = 'sk-other-key';
export const API = 'https://api.sim.invalid';
export const STAGES = { preparing: 2000, queueing: 3000, processing: 10000 };
export const DONE_MS = STAGES.preparing + STAGES.queueing + STAGES.processing;

export function makeSimulator(overrides: Partial<SimulatorOptions> = {}) {
  const clock = { ms: Date.UTC(2026, 10, 25, 12, 0, 0) };
  const sim = createSimulator({
    keys: [KEY, OTHER_KEY],
    video: SAMPLE_MP4,
    downloadOrigin: 'https://cdn.sim.invalid',
    stagesMs: STAGES,
    rpm: 1000,
    now: () => clock.ms,
    ...overrides,
  });
  return { sim, clock, advance: (ms: number) => void (clock.ms += ms) };
}

export function createRequest(
  body: unknown,
  { key = KEY as string | null, contentType = 'application/json', raw, query = '' }: { key?: string | null; contentType?: string | null; raw?: string; query?: string } = {},
): Request {
  const headers: Record<string, string> = {};
  if (key !== null) headers.authorization = `Bearer ${key}`;
  if (contentType !== null) headers['content-type'] = contentType;
  return new Request(`${API}/v1/video_generation${query}`, { method: 'POST', headers, body: raw ?? JSON.stringify(body) });
}

export function queryRequest(taskId: string, key: string | null = KEY, extra = ''): Request {
  return new Request(`${API}/v1/query/video_generation?task_id=${encodeURIComponent(taskId)}${extra}`, {
    headers: key === null ? {} : { authorization: `Bearer ${key}` },
  });
}

export function retrieveRequest(fileId: string, key: string | null = KEY, extra = ''): Request {
  return new Request(`${API}/v1/files/retrieve?file_id=${encodeURIComponent(fileId)}${extra}`, {
    headers: key === null ? {} : { authorization: `Bearer ${key}` },
  });
}

export async function json(response: Response): Promise<any> {
  return JSON.parse(await response.text());
}

export const T2V = { model: 'MiniMax-Hailuo-2.3', prompt: 'A cat on a windowsill at dusk' };

type Sim = ReturnType<typeof makeSimulator>;

/** Creates a task and returns its id. */
export async function createTask({ sim }: Sim, body: Record<string, unknown> = T2V, key = KEY): Promise<string> {
  const answer = await json(await sim.fetch(createRequest(body, { key })));
  if (answer.base_resp.status_code !== 0) throw new Error(`create failed: ${JSON.stringify(answer)}`);
  return answer.task_id;
}

/** Creates a task, lets it finish, and returns its file id and a fresh download URL. */
export async function finishedFile(kit: Sim, body: Record<string, unknown> = T2V): Promise<{ taskId: string; fileId: string; url: string }> {
  const taskId = await createTask(kit, body);
  kit.advance(DONE_MS);
  const status = await json(await kit.sim.fetch(queryRequest(taskId)));
  const file = await json(await kit.sim.fetch(retrieveRequest(status.file_id)));
  return { taskId, fileId: status.file_id, url: file.file.download_url };
}

export async function readAll(response: Response): Promise<{ bytes: Uint8Array; chunks: number }> {
  const reader = response.body!.getReader();
  const parts: Uint8Array[] = [];
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    parts.push(value);
  }
  const bytes = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    bytes.set(p, at);
    at += p.length;
  }
  return { bytes, chunks: parts.length };
}
