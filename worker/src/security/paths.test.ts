// Catalogue §8: path and id tricks never reach MiniMax without the access check, and never a path of the client's.
import { describe, expect, it } from 'vitest';
import { harness, json, SERVER_KEY } from '../testing/harness';

const CODE = 'path-code-1234';
const PUBLIC = 'https://studio.example.com';
const FIXED_PATHS = ['/v1/video_generation', '/v1/query/video_generation', '/v1/files/retrieve'];
const body = { model: 'MiniMax-Hailuo-2.3', prompt: 'x' };

describe('path tricks', () => {
  it.each([
    '/api/../api/v1/video_generation',
    '/api/v1/../v1/video_generation',
    '/api/v1/%2e%2e/v1/video_generation',
    '/api/v1/%2E%2E/v1/video_generation',
    '/api/v1/.%2e/v1/video_generation',
    '/api/v1/./video_generation',
    '/API/v1/video_generation',
    '/Api/V1/Video_Generation',
    '/api/v1/video_generation%2f',
    '/api%2fv1/video_generation',
    '/api/v1%2fvideo_generation',
    '/api/v1/video%5fgeneration',
    '/api\\v1\\video_generation',
    '/api/v1/video_generation/',
    '/api/v1/video_generation;a=b',
    '/api/v1/video_generation%00',
    '/api/v1/%76ideo_generation',
    '/api/../x',
    '/api/health/../v1/video_generation',
    '//api/v1/video_generation',
    '/api//v1/video_generation',
    '/v1//video_generation',
    '/V1/video_generation',
    '/v1%2fvideo_generation',
    '/v1/%2e%2e/v1/video_generation',
    '/v2/../api/v1/video_generation',
    '/v1\\video_generation',
  ])('%s without a code reaches no upstream and is refused (JSON 404/405, or MiniMax’s 1004), never served', async (path) => {
    const h = harness({ env: { ACCESS_CODES: CODE } });
    for (const init of [json(body), { method: 'GET' }]) {
      const res = await h.request(path, init, {}, PUBLIC);
      const label = `${init.method} ${path}`;
      if (!res.headers.get('content-type')?.includes('json')) {
        expect(res.status, label).toBe(404);
        continue;
      }
      const answer = (await res.json()) as { base_resp: { status_code: number }; error: { code: string } };
      expect(answer.base_resp.status_code, label).not.toBe(0);
      expect(res.status === 200 ? answer.error.code : res.status, label).toBeOneOf(['unauthorized', 404, 405]);
    }
    expect(h.outbound).toHaveLength(0);
  });

  it('serves MiniMax’s root paths (/v1/*, /v2/*) and doubled slashes exactly as /api/v1/*, /api/v2/*', async () => {
    const h = harness({ env: { ACCESS_CODES: CODE } });
    const auth = { Authorization: `Bearer ${CODE}` };
    for (const path of ['/v1/video_generation', '/api//v1/video_generation', '//v1//video_generation']) {
      const res = await h.request(path, json(body, auth), {}, PUBLIC);
      expect(((await res.json()) as { task_id: string }).task_id, path).toMatch(/^\d+$/);
      expect(res.headers.get('trace-id'), path).toBeTruthy();
    }
    const { task_id } = (await (await h.request('/api/v1/video_generation', json(body, auth), {}, PUBLIC)).json()) as { task_id: string };
    const viaApi = await h.request(`/api/v1/query/video_generation?task_id=${task_id}`, { headers: auth }, {}, PUBLIC);
    const viaRoot = await h.request(`/v1/query/video_generation?task_id=${task_id}&GroupId=42`, { headers: auth }, {}, PUBLIC);
    expect(await viaRoot.json()).toEqual(await viaApi.json());
    const v2 = await h.request('/v2/query/video_generation/1', { headers: auth }, {}, PUBLIC);
    expect(((await v2.json()) as { type?: string }).type, 'v2 answers in its own envelope at the root too').toBe('error');
    for (const o of h.outbound) {
      expect(o.headers.get('authorization')).toBe(`Bearer ${SERVER_KEY}`);
      expect(o.url.searchParams.has('GroupId')).toBe(false);
    }
    expect(h.outbound.filter((o) => o.url.pathname === '/v1/video_generation')).toHaveLength(4);
  });

  it('needs the access code on the root paths too, and answers their unknown routes with JSON 404', async () => {
    const h = harness({ env: { ACCESS_CODES: CODE } });
    const refused = await h.request('/v1/video_generation', json(body), {}, PUBLIC);
    expect(((await refused.json()) as { base_resp: { status_code: number } }).base_resp.status_code).toBe(1004);
    const unknown = await h.request('/v1/anything', { headers: { Authorization: `Bearer ${CODE}` } }, {}, PUBLIC);
    expect(unknown.status).toBe(404);
    expect(((await unknown.json()) as { base_resp: { status_code: number } }).base_resp.status_code).not.toBe(0);
    expect(h.outbound).toHaveLength(0);
  });

  it('with a valid code, a folded path still only ever calls MiniMax’s fixed paths', async () => {
    const h = harness({ env: { ACCESS_CODES: CODE } });
    const auth = { Authorization: `Bearer ${CODE}` };
    for (const path of ['/api/v1/../v1/video_generation', '/api/v1/%2e%2e/v1/video_generation', '/api/v1/./video_generation']) {
      const res = await h.request(path, json(body, auth), {}, PUBLIC);
      expect(res.status).toBe(200);
    }
    for (const path of ['/api/v1/query/video_generation/../../files/retrieve?file_id=1', '/api/v1/query/video_generation?task_id=1&x=/../../v2']) {
      await h.request(path, { headers: auth }, {}, PUBLIC);
    }
    expect(h.outbound.length).toBeGreaterThan(0);
    for (const o of h.outbound) {
      expect(o.url.origin).toBe('https://api.minimax.io');
      expect(FIXED_PATHS).toContain(o.url.pathname);
      expect([...o.url.searchParams.keys()].every((k) => k === 'task_id' || k === 'file_id')).toBe(true);
    }
  });

  it('answers the odd spellings of /api with JSON 404 in-process, not the SPA', async () => {
    const h = harness();
    for (const path of ['/API/v1/video_generation', '/api%2fv1/x', '/api/v1/files%2Fretrieve']) {
      const res = await h.request(path);
      expect(res.status, path).toBe(404);
      expect(res.headers.get('content-type'), path).toContain('application/json');
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    }
  });
});

describe('ids', () => {
  it.each(['1/../2', '1?x=2', '1#2', '1%2F2', '1%252F2', '1%00', '0x10', '1e5', '+1', '-1', ' 1', '1 ', '１２３', '1'.repeat(33)])(
    'refuses file_id %j on retrieve and content before any upstream call',
    async (id) => {
      const h = harness();
      for (const route of ['retrieve', 'content']) {
        const res = await h.request(`/api/v1/files/${route}?file_id=${encodeURIComponent(id)}`);
        // the download link keeps real statuses; retrieve answers as MiniMax does (HTTP 200, 2013)
        expect(res.status, route).toBe(route === 'content' ? 400 : 200);
        const answer = (await res.json()) as { error: { field: string }; base_resp: { status_code: number } };
        expect([answer.error.field, answer.base_resp.status_code]).toEqual(['file_id', 2013]);
      }
      expect(h.outbound).toHaveLength(0);
    },
  );

  it('forwards a task_id above 2^53 digit-exact, and only the first of repeated ids', async () => {
    const big = '9007199254740993123';
    const h = harness();
    await h.request(`/api/v1/query/video_generation?task_id=${big}&task_id=2&file_id=3`);
    expect(h.outbound[0].url.search).toBe(`?task_id=${big}`);
  });

  it('keeps a task_id above 2^53 in MiniMax’s answer digit-exact', async () => {
    const big = '9007199254740993123';
    const h = harness({
      fetch: async () =>
        new Response(`{"task_id":${big},"status":"Success","file_id":${big}1,"base_resp":{"status_code":0,"status_msg":"success"}}`, {
          headers: { 'Content-Type': 'application/json' },
        }),
    });
    const text = await (await h.request(`/api/v1/query/video_generation?task_id=${big}`)).text();
    expect(text).toContain(`"task_id":"${big}"`);
    expect(text).toContain(`"file_id":"${big}1"`);
  });
});
