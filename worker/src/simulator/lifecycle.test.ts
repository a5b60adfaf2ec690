import { describe, expect, it } from 'vitest';
import {
  createRequest,
  createTask,
  DONE_MS,
  finishedFile,
  json,
  makeSimulator,
  OTHER_KEY,
  queryRequest,
  retrieveRequest,
  SAMPLE_MP4,
  STAGES,
  T2V,
} from './test-kit';
import { FRAME } from './test-images';

describe('GET /v1/query/video_generation', () => {
  it('walks Preparing → Queueing → Processing → Success with the clock', async () => {
    const kit = makeSimulator();
    const taskId = await createTask(kit);
    const statusAt = async (ms: number) => {
      kit.clock.ms = start + ms;
      return (await json(await kit.sim.fetch(queryRequest(taskId)))).status;
    };
    const start = kit.clock.ms;
    expect(await statusAt(0)).toBe('Preparing');
    expect(await statusAt(STAGES.preparing - 1)).toBe('Preparing');
    expect(await statusAt(STAGES.preparing)).toBe('Queueing');
    expect(await statusAt(STAGES.preparing + STAGES.queueing)).toBe('Processing');
    expect(await statusAt(DONE_MS - 1)).toBe('Processing');
    expect(await statusAt(DONE_MS)).toBe('Success');
  });

  it('answers in-progress tasks without file_id or sizes', async () => {
    const kit = makeSimulator();
    const taskId = await createTask(kit);
    const text = await (await kit.sim.fetch(queryRequest(taskId))).text();
    expect(text).toBe(`{"task_id":"${taskId}","status":"Preparing","base_resp":{"status_code":0,"status_msg":"success"}}`);
  });

  it('answers Success with file_id as a STRING and the output size', async () => {
    const kit = makeSimulator();
    const taskId = await createTask(kit, { ...T2V, resolution: '1080P' });
    kit.advance(DONE_MS);
    const text = await (await kit.sim.fetch(queryRequest(taskId))).text();
    expect(text).toMatch(
      new RegExp(`^\\{"task_id":"${taskId}","status":"Success","file_id":"\\d{15}","video_width":1920,"video_height":1080,"base_resp":\\{"status_code":0,"status_msg":"success"\\}\\}$`),
    );
  });

  it.each([
    [{ ...T2V }, 1366, 768],
    [{ model: 'MiniMax-Hailuo-02', first_frame_image: FRAME, resolution: '512P' }, 912, 512],
    [{ model: 'T2V-01', prompt: 'a' }, 1280, 720],
  ])('reports the size of %j', async (body, width, height) => {
    const kit = makeSimulator();
    const taskId = await createTask(kit, body);
    kit.advance(DONE_MS);
    const answer = await json(await kit.sim.fetch(queryRequest(taskId)));
    expect([answer.video_width, answer.video_height]).toEqual([width, height]);
  });

  it('answers 2013 task not found for an unknown task and for another key’s task', async () => {
    const kit = makeSimulator();
    const taskId = await createTask(kit);
    for (const request of [queryRequest('123456789012345'), queryRequest(taskId, OTHER_KEY)]) {
      expect((await json(await kit.sim.fetch(request))).base_resp).toEqual({ status_code: 2013, status_msg: 'invalid params, task not found' });
    }
  });

  it('requires a key, a known key, a task_id and no GroupId', async () => {
    const kit = makeSimulator();
    const taskId = await createTask(kit);
    const code = async (request: Request) => (await json(await kit.sim.fetch(request))).base_resp.status_code;
    expect(await code(queryRequest(taskId, null))).toBe(1004);
    expect(await code(queryRequest(taskId, 'sk-nope'))).toBe(2049);
    expect(await code(queryRequest(''))).toBe(2013);
    expect(await code(queryRequest(taskId, undefined, '&GroupId=1'))).toBe(1004);
  });
});

describe('GET /v1/files/retrieve', () => {
  it('answers file_id as a NUMBER with the same digits, bytes, created_at, filename, purpose and a signed URL', async () => {
    const kit = makeSimulator();
    const taskId = await createTask(kit);
    const created = kit.clock.ms;
    kit.advance(DONE_MS + 5000);
    const fileId = (await json(await kit.sim.fetch(queryRequest(taskId)))).file_id as string;
    const text = await (await kit.sim.fetch(retrieveRequest(fileId))).text();
    const expires = Math.floor(kit.clock.ms / 1000) + 3600;
    expect(text).toMatch(
      new RegExp(
        `^\\{"file":\\{"file_id":${fileId},"bytes":${SAMPLE_MP4.length},"created_at":${Math.floor((created + DONE_MS) / 1000)},` +
          `"filename":"output.mp4","purpose":"video_generation","download_url":"https://cdn\\.sim\\.invalid/cdn/[^"?]+\\.mp4\\?Expires=${expires}&OSSAccessKeyId=sim&Signature=[^"&]+"\\},` +
          `"base_resp":\\{"status_code":0,"status_msg":"success"\\}\\}$`,
      ),
    );
  });

  it('answers a fresh signed URL on each call', async () => {
    const kit = makeSimulator();
    const { fileId, url } = await finishedFile(kit);
    kit.advance(1000);
    const again = (await json(await kit.sim.fetch(retrieveRequest(fileId)))).file.download_url;
    expect(again).not.toBe(url);
    expect(new URL(again).searchParams.get('Expires')).toBe(String(Number(new URL(url).searchParams.get('Expires')) + 1));
  });

  it('honours linkTtlSeconds', async () => {
    const kit = makeSimulator({ linkTtlSeconds: 60 });
    const { url } = await finishedFile(kit);
    expect(Number(new URL(url).searchParams.get('Expires'))).toBe(Math.floor(kit.clock.ms / 1000) + 60);
  });

  it('answers 2013 file not found for unknown files and other keys’ files, and 2013 for a non-numeric id', async () => {
    const kit = makeSimulator();
    const { fileId } = await finishedFile(kit);
    for (const request of [retrieveRequest('999999999999999'), retrieveRequest(fileId, OTHER_KEY)]) {
      expect((await json(await kit.sim.fetch(request))).base_resp).toEqual({ status_code: 2013, status_msg: 'invalid params, file not found' });
    }
    expect((await json(await kit.sim.fetch(retrieveRequest('abc')))).base_resp.status_code).toBe(2013);
  });

  it('refuses a file while its task is still processing', async () => {
    const kit = makeSimulator();
    const { fileId } = await finishedFile(kit);
    kit.clock.ms -= DONE_MS; // back to before the task finished
    expect((await json(await kit.sim.fetch(retrieveRequest(fileId)))).base_resp.status_msg).toBe('invalid params, file not found');
  });

  it('requires a key and no GroupId', async () => {
    const kit = makeSimulator();
    const { fileId } = await finishedFile(kit);
    expect((await json(await kit.sim.fetch(retrieveRequest(fileId, null)))).base_resp.status_code).toBe(1004);
    expect((await json(await kit.sim.fetch(retrieveRequest(fileId, 'sk-nope')))).base_resp.status_code).toBe(2049);
    expect((await json(await kit.sim.fetch(retrieveRequest(fileId, undefined, '&GroupId=7')))).base_resp).toEqual({
      status_code: 1004,
      status_msg: 'token not match group',
    });
  });

  it('keeps tasks apart after reset()', async () => {
    const kit = makeSimulator();
    const taskId = await createTask(kit);
    kit.sim.reset();
    expect(kit.sim.seen).toEqual([]);
    expect((await json(await kit.sim.fetch(queryRequest(taskId)))).base_resp.status_code).toBe(2013);
    expect((await json(await kit.sim.fetch(createRequest(T2V)))).base_resp.status_code).toBe(0);
  });
});
