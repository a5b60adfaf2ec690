// Request builders for the v2 simulator tests (the simulator and clock come from ../test-kit).

import { expect } from 'vitest';
import { API, json, KEY, makeSimulator } from '../test-kit';

export type Kit = ReturnType<typeof makeSimulator>;

export const T2V_BODY = {
  model: 'MiniMax-H3',
  content: [{ type: 'text', text: 'A boy plays basketball' }],
  resolution: '2K',
  duration: 5,
  ratio: '16:9',
};

export function v2Post(path: string, body: unknown, { key = KEY as string | null, contentType = 'application/json' as string | null, raw }: { key?: string | null; contentType?: string | null; raw?: string } = {}): Request {
  const headers: Record<string, string> = {};
  if (key !== null) headers.authorization = `Bearer ${key}`;
  if (contentType !== null) headers['content-type'] = contentType;
  return new Request(`${API}${path}`, { method: 'POST', headers, body: raw ?? JSON.stringify(body) });
}

export function v2Get(pathAndQuery: string, key: string | null = KEY, method = 'GET'): Request {
  return new Request(`${API}${pathAndQuery}`, { method, headers: key === null ? {} : { authorization: `Bearer ${key}` } });
}

export async function answer(response: Response): Promise<{ status: number; body: any }> {
  return { status: response.status, body: await json(response) };
}

/** The error body MiniMax v2 sends, with the message checked exactly. */
export function v2ErrorBody(status: number, type: string, message: string) {
  return { type: 'error', error: { type, message, http_code: String(status) }, request_id: expect.stringMatching(/^0217[0-9a-f]{28}$/) };
}

export async function createV2(kit: Kit, body: unknown = T2V_BODY, path = '/v2/video_generation', key = KEY): Promise<string> {
  const { status, body: out } = await answer(await kit.sim.fetch(v2Post(path, body, { key })));
  if (status !== 200) throw new Error(`create failed: ${JSON.stringify(out)}`);
  return out.task_id;
}

export async function queryV2(kit: Kit, id: string, key = KEY): Promise<{ status: number; body: any }> {
  return answer(await kit.sim.fetch(v2Get(`/v2/query/video_generation/${id}`, key)));
}

export function withText(text: string, body: Record<string, unknown> = T2V_BODY): Record<string, unknown> {
  return { ...body, content: [{ type: 'text', text }] };
}

