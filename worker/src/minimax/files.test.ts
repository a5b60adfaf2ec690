// streamFile and the checks before it, against a fake file host: which hosts and schemes, which redirects, which
// statuses and headers come back, and when the fetch is cut short (the viewer left, or the host is too slow).
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cdnVideo } from '../testing/harness';
import { checkDownloadUrl, contentDisposition, hostAllowed, parseHostList, streamFile, type FileSource, type StreamOptions } from './files';

interface CdnCall {
  url: URL;
  headers: Headers;
  signal: AbortSignal;
}

/** A file host answering `answer`; every fetch the worker makes is recorded. */
function fileHost(answer: (url: URL, signal: AbortSignal) => Response | Promise<Response>, extra: Partial<FileSource> = {}) {
  const calls: CdnCall[] = [];
  const source: FileSource = {
    hosts: ['cdn.example'],
    allowHttp: false,
    fetch: (async (input: RequestInfo | URL, init?: RequestInit) => {
      const url = new URL(String(input));
      calls.push({ url, headers: new Headers(init?.headers), signal: init!.signal! });
      return answer(url, init!.signal!);
    }) as typeof fetch,
    ...extra,
  };
  return { source, calls };
}

const stream = (source: FileSource, options: Partial<StreamOptions> = {}) =>
  streamFile(new URL('https://cdn.example/0'), source, { range: null, filename: 'v.mp4', ...options });

const redirect = (status: number, location: string) => new Response(null, { status, headers: { Location: location } });

/** A host that answers after `ms`, or fails as soon as the fetch is aborted. */
const slowHost = (ms: number) => (_url: URL, signal: AbortSignal) =>
  new Promise<Response>((resolve, reject) => {
    const timer = setTimeout(() => resolve(cdnVideo()), ms);
    signal.addEventListener('abort', () => {
      clearTimeout(timer);
      reject(signal.reason);
    });
  });

afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

describe('parseHostList and hostAllowed', () => {
  it('lists nothing when MINIMAX_FILE_HOSTS is unset, and trims and lower-cases what is set', () => {
    expect(parseHostList(undefined)).toEqual([]);
    expect(parseHostList(' CDN.Example , ,*.oss.example')).toEqual(['cdn.example', '*.oss.example']);
  });

  it('lets a *.suffix pattern take a host just one character longer than the dot-suffix, but not the dot-suffix itself', () => {
    expect(hostAllowed('a.minimax.io', ['*.minimax.io'])).toBe(true);
    expect(hostAllowed('.minimax.io', ['*.minimax.io'])).toBe(false);
  });

  it('takes an exact entry only as a whole host, never as a suffix', () => {
    expect(hostAllowed('cdn.example', ['cdn.example'])).toBe(true);
    expect(hostAllowed('xcdn.example', ['cdn.example'])).toBe(false);
  });
});

describe('checkDownloadUrl', () => {
  const { source } = fileHost(() => cdnVideo());

  it('answers 502 upstream_unreadable for a link that is not a URL', () => {
    expect(() => checkDownloadUrl('not a url', source)).toThrow(expect.objectContaining({ status: 502, code: 'upstream_unreadable', message: expect.stringMatching(/not a URL/) }));
  });

  it('answers 502 upstream_error naming the host rule for a link off the list', () => {
    expect(() => checkDownloadUrl('https://evil.example/v.mp4', source)).toThrow(
      expect.objectContaining({ status: 502, code: 'upstream_error', message: expect.stringMatching(/host this studio does not fetch from/) }),
    );
  });

  it('upgrades only the scheme, never an http:// further along the URL', () => {
    expect(checkDownloadUrl('http://cdn.example/v.mp4', source).toString()).toBe('https://cdn.example/v.mp4');
    expect(checkDownloadUrl('https://cdn.example/v.mp4?from=http://other.example/', source).toString()).toBe('https://cdn.example/v.mp4?from=http://other.example/');
  });

  it('behind an http upstream still takes only http and https', () => {
    const local = fileHost(() => cdnVideo(), { hosts: ['localhost'], allowHttp: true }).source;
    expect(checkDownloadUrl('http://localhost:8787/v.mp4', local).toString()).toBe('http://localhost:8787/v.mp4');
    expect(() => checkDownloadUrl('ftp://localhost/v.mp4', local)).toThrow(expect.objectContaining({ code: 'upstream_error' }));
  });
});

describe('contentDisposition', () => {
  it('replaces each unsafe character of the ASCII name with _ and keeps at most 120 of them', () => {
    expect(contentDisposition('a b.mp4')).toBe(`inline; filename="a_b.mp4"; filename*=UTF-8''a%20b.mp4`);
    const long = `${'x'.repeat(200)}.mp4`;
    expect(/filename="([^"]*)"/.exec(contentDisposition(long))![1]).toBe('x'.repeat(120));
  });

  it('names an empty filename video.mp4', () => {
    expect(contentDisposition('')).toBe(`inline; filename="video.mp4"; filename*=UTF-8''`);
  });
});

describe('streamFile: redirects', () => {
  const hops = (count: number) => (url: URL) => {
    const n = Number(url.pathname.slice(1));
    return n < count ? redirect(302, `/${n + 1}`) : cdnVideo();
  };

  it('follows up to three redirects', async () => {
    const { source, calls } = fileHost(hops(3));
    const res = await stream(source);
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('abc');
    expect(calls.map((c) => c.url.pathname)).toEqual(['/0', '/1', '/2', '/3']);
  });

  it('gives up on a fourth with 502', async () => {
    const { source, calls } = fileHost(hops(4));
    await expect(stream(source)).rejects.toMatchObject({ status: 502, code: 'upstream_error', message: expect.stringMatching(/redirected too many times/) });
    expect(calls).toHaveLength(4);
  });

  it('follows a 300 with a Location', async () => {
    const { source, calls } = fileHost((url) => (url.pathname === '/0' ? redirect(300, '/1') : cdnVideo()));
    expect((await stream(source)).status).toBe(200);
    expect(calls).toHaveLength(2);
  });

  it.each([
    ['a 200 carrying a Location', () => new Response('abc', { headers: { Location: '/1' } }), 200],
    ['a 400 carrying a Location', () => redirect(400, '/1'), 502],
    ['a 302 without a Location', () => new Response(null, { status: 302 }), 502],
  ])('does not follow %s', async (_name, answer, status) => {
    const { source, calls } = fileHost(answer);
    const outcome = await stream(source).then(
      (res) => res.status,
      (error: { status: number }) => error.status,
    );
    expect(outcome).toBe(status);
    expect(calls).toHaveLength(1);
  });
});

describe('streamFile: what the file host answered', () => {
  it.each([403, 410])('says the link expired when the host answers %i', async (status) => {
    const { source } = fileHost(() => new Response('denied', { status }));
    await expect(stream(source)).rejects.toMatchObject({ status: 410, code: 'link_expired', message: expect.stringMatching(/expired/) });
  });

  it('answers 416 with Content-Range bytes */* when the host gave neither a body nor a Content-Range', async () => {
    const { source } = fileHost(() => new Response(null, { status: 416 }));
    const error = await stream(source, { range: 'bytes=9-' }).catch((e: unknown) => e);
    expect(error).toMatchObject({ status: 416, code: 'range_not_satisfiable', message: expect.stringMatching(/outside the video/) });
    expect(new Headers((error as { extra: { headers: HeadersInit } }).extra.headers).get('content-range')).toBe('bytes */*');
  });

  it('answers 502 naming the host’s status for any other status, body or not', async () => {
    const { source } = fileHost(() => new Response(null, { status: 500 }));
    await expect(stream(source)).rejects.toMatchObject({ status: 502, code: 'upstream_error', message: 'MiniMax’s file host answered HTTP 500.' });
  });

  it('sends the Range asked for, and none when none was asked', async () => {
    const { source, calls } = fileHost(() => cdnVideo());
    await stream(source, { range: 'bytes=0-1' });
    await stream(source);
    expect(calls.map((c) => c.headers.get('range'))).toEqual(['bytes=0-1', null]);
  });

  it('passes no header the host did not send, and sets nosniff itself', async () => {
    const { source } = fileHost(() => new Response('abc'));
    const res = await stream(source);
    for (const name of ['etag', 'last-modified', 'content-range']) expect(res.headers.has(name), name).toBe(false);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
  });
});

describe('streamFile: keeping Content-Length where a FixedLengthStream exists (workerd)', () => {
  function fixedLengths(): number[] {
    const lengths: number[] = [];
    vi.stubGlobal(
      'FixedLengthStream',
      class extends TransformStream<Uint8Array, Uint8Array> {
        constructor(length: number) {
          super();
          lengths.push(length);
        }
      },
    );
    return lengths;
  }

  // 'twelve bytes' has a length of two digits: for the regex mutant /^\d$/, which takes one digit only
  it.each(['abc', 'twelve bytes'])('pipes a body through one of its Content-Length: %j', async (body) => {
    const lengths = fixedLengths();
    const { source } = fileHost(() => new Response(body, { headers: { 'Content-Length': String(body.length) } }));
    const res = await stream(source);
    expect(lengths).toEqual([body.length]);
    expect(await res.text()).toBe(body);
  });

  it.each([['none', {}], ['x3', { 'Content-Length': 'x3' }], ['3x', { 'Content-Length': '3x' }]])('passes a body with Content-Length %s as it is', async (_name, headers) => {
    const lengths = fixedLengths();
    const { source } = fileHost(() => cdnVideo(headers));
    expect(await (await stream(source)).text()).toBe('abc');
    expect(lengths).toEqual([]);
  });
});

describe('streamFile: cutting the fetch short', () => {
  it('aborts the fetch at once for a viewer who already left', async () => {
    const { source, calls } = fileHost(() => cdnVideo());
    await stream(source, { signal: AbortSignal.abort() });
    expect(calls[0].signal.aborted).toBe(true);
  });

  it('answers 504 when the host does not start answering within timeoutMs', async () => {
    vi.useFakeTimers();
    const { source, calls } = fileHost(slowHost(5000), { timeoutMs: 1000 });
    const outcome = stream(source).catch((e: unknown) => e);
    await vi.advanceTimersByTimeAsync(1000);
    expect(await outcome).toMatchObject({ status: 504, code: 'upstream_timeout', message: expect.stringMatching(/did not answer in time/) });
    expect(calls[0].signal.reason).toMatchObject({ name: 'TimeoutError', message: expect.stringMatching(/did not answer in time/) });
  });

  it('waits as long as it takes when no timeoutMs is set', async () => {
    vi.useFakeTimers();
    const tenMinutes = 10 * 60_000;
    const { source } = fileHost(slowHost(tenMinutes));
    const outcome = stream(source);
    await vi.advanceTimersByTimeAsync(tenMinutes);
    expect((await outcome).status).toBe(200);
  });

  it('lets the body take longer than timeoutMs once the host has answered', async () => {
    vi.useFakeTimers();
    const { source, calls } = fileHost(() => cdnVideo(), { timeoutMs: 1000 });
    await stream(source);
    await vi.advanceTimersByTimeAsync(5000);
    expect(calls[0].signal.aborted).toBe(false);
  });

  it('answers 502 when the host cannot be reached', async () => {
    const { source } = fileHost(() => Promise.reject(new TypeError('fetch failed')));
    await expect(stream(source)).rejects.toMatchObject({ status: 502, code: 'upstream_error', message: expect.stringMatching(/could not be fetched/) });
  });
});
