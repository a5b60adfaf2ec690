// The v2 video links through their real routes, against a MiniMax that answers a chosen task: what becomes a link,
// when a task has no video to stream, and which regeneration base videos are swapped for a fresh CDN URL.
import { describe, expect, it } from 'vitest';
import { fakeUpstream, harness, json, minimaxSuccess } from '../testing/harness';

type V2Error = { error: { code: string; detail: string; field?: string } };

/** A harness whose MiniMax answers every v2 task query with `task` and whose CDN answers any URL with 3 bytes. */
function answeringTask(task: unknown, onQuery: () => void = () => {}) {
  return harness({
    fetch: fakeUpstream((url) => {
      if (!url.pathname.startsWith('/v2/query/')) return minimaxSuccess({ task_id: '900' });
      onQuery();
      return minimaxSuccess({ task });
    }),
  });
}

describe('a queried task’s video becomes a link of the worker', () => {
  it.each(['abc', 'abc1', '1abc'])('only for a task id of digits: MiniMax answering id %j is unreadable', async (id) => {
    const h = answeringTask({ id, status: 'succeeded', content: { url: 'https://cdn.sim.invalid/v.mp4' } });
    const res = await h.request('/api/v2/query/video_generation/1');
    expect(res.status).toBe(502);
    expect(((await res.json()) as V2Error).error).toMatchObject({ code: 'upstream_unreadable', detail: 'MiniMax answered a video without a task id.' });
  });
});

describe('GET /api/v2/video_generation/{id}/content with credentials', () => {
  it.each([
    ['no task', undefined],
    ['a task without content (still running)', { id: '5', status: 'running' }],
    ['a url that is not text', { id: '5', status: 'succeeded', content: { url: 7 } }],
    ['an empty url', { id: '5', status: 'succeeded', content: { url: '' } }],
  ])('answers 404 for %s, fetching no CDN', async (_name, task) => {
    const h = answeringTask(task);
    const res = await h.request('/api/v2/video_generation/5/content');
    expect(res.status).toBe(404);
    expect(((await res.json()) as V2Error).error).toMatchObject({ code: 'not_found', detail: 'This task has no video (it is not finished, or it failed).' });
    expect(h.outbound.map((o) => o.url.hostname)).toEqual(['api.minimax.io']);
  });

  it('streams the task’s CDN URL, after asking MiniMax for the task with a GET', async () => {
    const h = answeringTask({ id: '5', status: 'succeeded', content: { url: 'https://cdn.sim.invalid/v.mp4' } });
    const res = await h.request('/api/v2/video_generation/5/content');
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('abc');
    expect(h.outbound[0].method).toBe('GET');
  });

  it('stops asking MiniMax when the viewer goes away', async () => {
    const client = new AbortController();
    const h = answeringTask({ id: '5', status: 'succeeded', content: { url: 'https://cdn.sim.invalid/v.mp4' } }, () => client.abort());
    await h.request('/api/v2/video_generation/5/content', { signal: client.signal }).catch(() => undefined);
    expect(h.outbound[0].url.pathname).toBe('/v2/query/video_generation/5');
    expect(h.outbound[0].signal.aborted).toBe(true);
  });

  it('answers 400 on task_id for an id that is not digits, asking nothing upstream', async () => {
    const h = answeringTask(undefined);
    const res = await h.request('/api/v2/video_generation/12ab/content');
    expect(res.status).toBe(400);
    expect(((await res.json()) as V2Error).error).toMatchObject({ code: 'invalid_request', detail: 'task_id must be digits only.', field: 'task_id' });
    expect(h.outbound).toHaveLength(0);
  });
});

describe('POST /api/v2/video_regeneration: which base videos are the worker’s own links', () => {
  const regenerate = (url: string) =>
    json({ model: 'MiniMax-H3', resolution: '2K', content: [{ type: 'text', text: 'Sharper' }, { type: 'video_url', video_url: { url }, role: 'base_video' }] });

  it.each([
    ['a video elsewhere', 'https://example.com/r.mp4'],
    ['a content path on another origin', 'https://studio.example.com/api/v2/video_generation/123/content'],
    ['another path on this origin', 'http://localhost/media/r.mp4'],
    ['a content path under a prefix', 'http://localhost/prefix/api/v2/video_generation/123/content'],
    ['a content path with more after it', 'http://localhost/api/v2/video_generation/123/content/more'],
  ])('forwards %s to MiniMax as it is, querying no task', async (_name, url) => {
    const h = answeringTask({ id: '123', status: 'succeeded', content: { url: 'https://cdn.sim.invalid/fresh.mp4' } });
    const res = await h.request('/api/v2/video_regeneration', regenerate(url));
    expect(res.status, await res.clone().text()).toBe(200);
    expect(h.outbound.map((o) => o.url.pathname)).toEqual(['/v2/video_regeneration']);
    const sent = JSON.parse(h.outbound[0].body!) as { content: { video_url?: { url: string } }[] };
    expect(sent.content[1].video_url!.url).toBe(url);
  });

  it('swaps a content link of this origin for the task’s fresh CDN URL', async () => {
    const h = answeringTask({ id: '123', status: 'succeeded', content: { url: 'https://cdn.sim.invalid/fresh.mp4' } });
    const res = await h.request('/api/v2/video_regeneration', regenerate('http://localhost/api/v2/video_generation/123/content?t=x'));
    expect(res.status).toBe(200);
    const sent = JSON.parse(h.outbound.at(-1)!.body!) as { content: { video_url?: { url: string } }[] };
    expect(sent.content[1].video_url!.url).toBe('https://cdn.sim.invalid/fresh.mp4');
  });
});
