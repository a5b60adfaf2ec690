import { describe, expect, it } from 'vitest';
import { DIRECTIVES, readDirectives } from './directives';
import { createRequest, createTask, DONE_MS, finishedFile, json, makeSimulator, queryRequest, readAll, STAGES, T2V } from './test-kit';

describe('prompt directives', () => {
  it('lists the four directives', () => expect(DIRECTIVES).toEqual(['sim:error=CODE', 'sim:fail=CODE', 'sim:bytes=N', 'sim:slow']));

  it('reads directives as whole words only', () => {
    expect(readDirectives('a cat sim:error=1008 sim:slow')).toEqual({ error: 1008, slow: true });
    expect(readDirectives('sim:fail=1027')).toEqual({ fail: 1027, slow: false });
    expect(readDirectives('xsim:error=1008 sim:slowly sim:bytes=12abc')).toEqual({ slow: false });
    expect(readDirectives(undefined)).toEqual({ slow: false });
  });

  it('sim:error=1008 makes the create answer insufficient balance with an empty task_id', async () => {
    const { sim } = makeSimulator();
    const answer = await json(await sim.fetch(createRequest({ ...T2V, prompt: 'a cat sim:error=1008' })));
    expect(answer).toEqual({ task_id: '', base_resp: { status_code: 1008, status_msg: 'insufficient balance' } });
  });

  it('sim:error=1026 answers input new_sensitive', async () => {
    const { sim } = makeSimulator();
    const answer = await json(await sim.fetch(createRequest({ ...T2V, prompt: 'sim:error=1026' })));
    expect(answer.base_resp).toEqual({ status_code: 1026, status_msg: 'input new_sensitive' });
  });

  it('does not let a directive bypass validation: an invalid body still answers 2013', async () => {
    const { sim } = makeSimulator();
    const answer = await json(await sim.fetch(createRequest({ ...T2V, prompt: 'sim:error=1008', resolution: '720P' })));
    expect(answer.base_resp.status_code).toBe(2013);
  });

  it('sim:fail=1027 creates a task that ends in Fail with output new_sensitive and no file_id', async () => {
    const kit = makeSimulator();
    const taskId = await createTask(kit, { ...T2V, prompt: 'a cat sim:fail=1027' });
    expect((await json(await kit.sim.fetch(queryRequest(taskId)))).status).toBe('Preparing');
    kit.advance(DONE_MS);
    const text = await (await kit.sim.fetch(queryRequest(taskId))).text();
    expect(text).toBe(`{"task_id":"${taskId}","status":"Fail","base_resp":{"status_code":1027,"status_msg":"output new_sensitive"}}`);
  });

  it('sim:bytes=N makes the file N bytes', async () => {
    const kit = makeSimulator();
    const { url } = await finishedFile(kit, { ...T2V, prompt: 'sim:bytes=1000' });
    const { bytes } = await readAll(await kit.sim.fetch(new Request(url)));
    expect(bytes.length).toBe(1000);
  });

  it('sim:slow makes Processing last 10× longer', async () => {
    const kit = makeSimulator();
    const taskId = await createTask(kit, { ...T2V, prompt: 'sim:slow a cat' });
    kit.advance(DONE_MS);
    expect((await json(await kit.sim.fetch(queryRequest(taskId)))).status).toBe('Processing');
    kit.advance(STAGES.processing * 9);
    expect((await json(await kit.sim.fetch(queryRequest(taskId)))).status).toBe('Success');
  });
});
