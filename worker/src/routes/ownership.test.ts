// Callers stay apart: several access codes on one server key never see each other's tasks or files.
import { describe, expect, it } from 'vitest';
import { harness, json } from '../testing/harness';

const PUBLIC = 'https://studio.example.com';
const env = { ACCESS_CODES: 'code-alice,code-bob' };
const as = (code: string, init: RequestInit = {}): RequestInit => ({ ...init, headers: { ...(init.headers as Record<string, string>), Authorization: `Bearer ${code}` } });

async function aliceFinishedTask(h: ReturnType<typeof harness>) {
  const created = await h.request('/api/v1/video_generation', as('code-alice', json({ model: 'MiniMax-Hailuo-2.3', prompt: 'A red kite' })), {}, PUBLIC);
  const { task_id: taskId } = (await created.json()) as { task_id: string };
  h.clock.now += 10_000;
  const queried = await h.request(`/api/v1/query/video_generation?task_id=${taskId}`, as('code-alice'), {}, PUBLIC);
  const { file_id: fileId } = (await queried.json()) as { file_id: string };
  return { taskId, fileId };
}

describe('v1 tasks and files per access code', () => {
  it('lets the creator query, retrieve and stream its own task', async () => {
    const h = harness({ env });
    const { taskId, fileId } = await aliceFinishedTask(h);
    expect(fileId).toMatch(/^\d+$/);
    const retrieved = await h.request(`/api/v1/files/retrieve?file_id=${fileId}`, as('code-alice'), {}, PUBLIC);
    expect(retrieved.status).toBe(200);
    const content = await h.request(`/api/v1/files/content?file_id=${fileId}`, as('code-alice'), {}, PUBLIC);
    expect(content.status).toBe(200);
    expect(taskId).toMatch(/^\d+$/);
  });

  it('answers another code’s task and file ids exactly as unknown ones, with no upstream call', async () => {
    const h = harness({ env });
    const { taskId, fileId } = await aliceFinishedTask(h);
    const unknown = await h.request('/api/v1/query/video_generation?task_id=123456789012345', as('code-alice'), {}, PUBLIC);
    const unknownDownload = await h.request('/api/v1/files/content?file_id=123456789012345', as('code-alice'), {}, PUBLIC);
    const before = h.outbound.length;
    const probes = [
      `/api/v1/query/video_generation?task_id=${taskId}`,
      `/api/v1/files/retrieve?file_id=${fileId}`,
      `/api/v1/files/content?file_id=${fileId}`,
    ];
    for (const path of probes) {
      const res = await h.request(path, as('code-bob'), {}, PUBLIC);
      expect(res.status, path).toBe((path.includes('/content') ? unknownDownload : unknown).status);
      expect((await res.json()) as object, path).toMatchObject({ base_resp: { status_code: 2013 } });
    }
    expect(h.outbound.length).toBe(before);
  });

  it('keeps a server with no access codes single-tenant: any local caller queries any task', async () => {
    const h = harness();
    const { taskId } = await h.finishedTask();
    const res = await h.request(`/api/v1/query/video_generation?task_id=${taskId}`);
    expect(res.status).toBe(200);
  });

  it('leaves a caller with its own key to its own MiniMax account', async () => {
    const h = harness({ env });
    const own = { 'X-MiniMax-Key': 'sk-user-own-key-98765', Authorization: 'Bearer code-alice' };
    const created = await h.request('/api/v1/video_generation', json({ model: 'MiniMax-Hailuo-2.3', prompt: 'A kite' }, own), {}, PUBLIC);
    const { task_id: taskId } = (await created.json()) as { task_id: string };
    // Another code, same own key (another device of the same person): MiniMax decides, the studio does not filter.
    const res = await h.request(`/api/v1/query/video_generation?task_id=${taskId}`, { headers: { ...own, Authorization: 'Bearer code-bob' } }, {}, PUBLIC);
    expect(res.status).toBe(200);
    expect(h.outbound.at(-1)!.headers.get('authorization')).toBe('Bearer sk-user-own-key-98765');
  });
});
