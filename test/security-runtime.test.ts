// The security catalogue's part that needs workerd: the SPA's CSP from web/public/_headers, navigations to /api/*
// reaching the worker, raw path tricks, cross-site refusals, the CREATE_LIMITER binding, a stream cut mid-way,
// no key in the built bundle, and the SPA actually running under its CSP in Chromium.
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SERVER_KEY } from '../worker/src/testing/server-key';
import { startSimulatorServer, type SimulatorServer } from './support/simulator-server';
import { liveVarsFor, SIM_KEY, startStudio, type StudioServer } from './support/studio';

const CODE = 'runtime-access-code-5c1e';
const SPA = 'https://spa.example.com';
const auth = { Authorization: `Bearer ${CODE}` };
const dist = new URL('../web/dist/', import.meta.url).pathname;
const video = readFileSync(new URL('../worker/assets/sample.mp4', import.meta.url));

function cspOf(res: Response): Map<string, string[]> {
  return new Map(
    (res.headers.get('content-security-policy') ?? '')
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .filter((d) => d[0])
      .map(([name, ...values]) => [name, values] as const),
  );
}

/** A request with the path sent byte-for-byte (fetch would normalise `..`, `%2e` and `//` first). */
function rawGet(base: string, path: string, headers: Record<string, string> = {}): Promise<{ status: number; type: string; body: string }> {
  const { hostname, port } = new URL(base);
  return new Promise((resolve, reject) => {
    const req = httpRequest({ hostname, port, path, method: 'GET', headers }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, type: String(res.headers['content-type'] ?? ''), body }));
    });
    req.on('error', reject);
    req.end();
  });
}

async function createdTask(base: string): Promise<string> {
  const res = await fetch(`${base}/api/v1/video_generation`, {
    method: 'POST',
    headers: { ...auth, 'Content-Type': 'application/json' },
    body: JSON.stringify({ model: 'MiniMax-Hailuo-2.3', prompt: 'A runtime check' }),
  });
  expect(res.status).toBe(200);
  return ((await res.json()) as { task_id: string }).task_id;
}

describe('the deployed shape in workerd: live key, access codes, an allowed SPA origin', () => {
  let sim: SimulatorServer;
  let studio: StudioServer;

  beforeAll(async () => {
    sim = await startSimulatorServer({ keys: [SIM_KEY], stagesMs: { preparing: 50, queueing: 50, processing: 100 }, rpm: 1000 });
    const live = liveVarsFor(sim.url);
    studio = await startStudio({ vars: { ...live.vars, ALLOWED_ORIGINS: SPA }, secrets: { ...live.secrets, ACCESS_CODES: CODE } });
  });
  afterAll(async () => {
    await studio?.stop();
    await sim?.stop();
  });

  it('serves / with the CSP of web/public/_headers, and every inline script in it is allowed by hash', async () => {
    const res = await fetch(`${studio.url}/`);
    expect(res.status).toBe(200);
    const csp = cspOf(res);
    expect(csp.get('default-src')).toEqual(["'self'"]);
    expect(csp.get('frame-ancestors')).toEqual(["'none'"]);
    expect(csp.get('object-src')).toEqual(["'none'"]);
    const scripts = csp.get('script-src') ?? [];
    expect(scripts).not.toContain("'unsafe-inline'");
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('referrer-policy')).toBe('no-referrer');
    const html = await res.text();
    for (const [, inline] of html.matchAll(/<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g)) {
      const hash = `'sha256-${createHash('sha256').update(inline).digest('base64')}'`;
      expect(scripts, `add ${hash} to script-src in web/public/_headers (or move the inline script to a file)`).toContain(hash);
    }
    expect(html).not.toMatch(/\son[a-z]+\s*=/i); // no inline event handlers: script-src hashes do not cover them
  });

  it.each(['/gallery/some/deep/link', '/sw.js', '/manifest.webmanifest'])('sends the same CSP on %s', async (path) => {
    const res = await fetch(`${studio.url}${path}`);
    expect(cspOf(res).get('script-src')?.[0]).toBe("'self'");
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('does not serve _headers itself', async () => {
    const res = await fetch(`${studio.url}/_headers`);
    expect(await res.text()).not.toContain('Content-Security-Policy:');
  });

  it('lets a browser navigation to /api/*, /v1/* and /v2/* reach the worker (JSON, not the SPA’s index.html)', async () => {
    const nav = { Accept: 'text/html,application/xhtml+xml', 'Sec-Fetch-Mode': 'navigate', 'Sec-Fetch-Dest': 'document', 'Sec-Fetch-Site': 'none' };
    for (const [path, status, code] of [
      ['/api/v1/query/video_generation?task_id=1', 200, 1004],
      ['/v1/query/video_generation?task_id=1', 200, 1004],
      ['/api//v1/query/video_generation?task_id=1', 200, 1004],
      ['/api/v1/nothing', 404, 1000],
      ['/v1/nothing', 404, 1000],
      ['/api/health', 200, undefined],
    ] as const) {
      const res = await fetch(`${studio.url}${path}`, { headers: nav });
      expect(res.status, path).toBe(status);
      expect(res.headers.get('content-type'), path).toContain('application/json');
      expect(res.headers.get('content-security-policy'), path).toContain("default-src 'none'");
      expect(res.headers.get('trace-id'), path).toBe(res.headers.get('x-request-id'));
      expect(((await res.json()) as { base_resp?: { status_code: number } }).base_resp?.status_code, path).toBe(code);
    }
    const v2 = await fetch(`${studio.url}/v2/query/video_generation/1`, { headers: nav });
    expect([v2.status, ((await v2.json()) as { type?: string }).type]).toEqual([401, 'error']);
  });

  it('takes the code as x-api-key on the root paths, and never forwards MiniMax’s GroupId', async () => {
    await sim.clearSeen();
    const res = await fetch(`${studio.url}/v1/video_generation?GroupId=1234567890`, {
      method: 'POST',
      headers: { 'x-api-key': CODE, 'Content-Type': 'application/json' },
      body: JSON.stringify({ model: 'MiniMax-Hailuo-2.3', prompt: 'Root path' }),
    });
    expect(((await res.json()) as { task_id: string }).task_id).toMatch(/^\d+$/);
    const seen = await sim.seen();
    expect(seen.map((r) => r.path)).toEqual(['/v1/video_generation']);
    expect(seen[0].url).not.toContain('GroupId');
    expect(seen[0].headers.authorization).toBe(`Bearer ${SIM_KEY}`);
  });

  it('lets no raw path trick reach MiniMax without the access code', async () => {
    await sim.clearSeen();
    for (const path of [
      '/api/v1/%2e%2e/v1/query/video_generation?task_id=1',
      '/api/v1/../v1/query/video_generation?task_id=1',
      '/api/../api/v1/query/video_generation?task_id=1',
      '//api/v1/query/video_generation?task_id=1',
      '/API/v1/query/video_generation?task_id=1',
      '/api%2fv1/query/video_generation?task_id=1',
      '/api/v1/query%2fvideo_generation?task_id=1',
      '/api/v1/files/retrieve?file_id=1%2F..%2F..',
      '//v1/query/video_generation?task_id=1',
      '/v1/%2e%2e/v1/query/video_generation?task_id=1',
      '/V1/query/video_generation?task_id=1',
      '/v1%2fquery/video_generation?task_id=1',
      '/v2/../v1/query/video_generation?task_id=1',
    ]) {
      const res = await rawGet(studio.url, path);
      // served = a JSON answer MiniMax's way with base_resp 0; a refusal carries a non-zero code or a real error status
      const served = res.status === 200 && res.type.includes('json') && /"status_code":0[,}]/.test(res.body);
      expect(served, `${path} → ${res.status} ${res.type} ${res.body.slice(0, 120)}`).toBe(false);
    }
    expect(await sim.seen()).toHaveLength(0);
  });

  it('refuses cross-site callers and answers preflights only for ALLOWED_ORIGINS', async () => {
    await sim.clearSeen();
    const crossSite = await fetch(`${studio.url}/api/v1/query/video_generation?task_id=1`, { headers: { ...auth, 'Sec-Fetch-Site': 'cross-site' } });
    expect(crossSite.status).toBe(403);
    const foreign = await fetch(`${studio.url}/api/v1/query/video_generation?task_id=1`, { headers: { ...auth, Origin: 'https://evil.example' } });
    expect(foreign.status).toBe(403);
    expect(await sim.seen()).toHaveLength(0);

    const preflight = await fetch(`${studio.url}/api/v1/video_generation`, {
      method: 'OPTIONS',
      headers: { Origin: SPA, 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'authorization,content-type' },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe(SPA);
    expect(preflight.headers.get('access-control-allow-headers')).toContain('X-MiniMax-Key');
    const evil = await fetch(`${studio.url}/api/v1/video_generation`, { method: 'OPTIONS', headers: { Origin: 'https://evil.example', 'Access-Control-Request-Method': 'POST' } });
    expect(evil.status).toBe(403);
    expect(evil.headers.has('access-control-allow-origin')).toBe(false);
  });

  it('makes a video end to end with the code, and a stream cut mid-way reaches the client as an error', async () => {
    const taskId = await createdTask(studio.url);
    let fileId = '';
    for (let i = 0; i < 50 && !fileId; i++) {
      const q = (await (await fetch(`${studio.url}/api/v1/query/video_generation?task_id=${taskId}`, { headers: auth })).json()) as { file_id?: string };
      fileId = q.file_id ?? '';
      if (!fileId) await new Promise((r) => setTimeout(r, 50));
    }
    expect(fileId).toMatch(/^\d+$/);
    await sim.failNext('cdn', { kind: 'cut', afterBytes: 20_000 });
    const res = await fetch(`${studio.url}/api/v1/files/content?file_id=${fileId}`, { headers: auth });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-length')).toBe(String(video.length));
    let received = 0;
    const outcome = await (async () => {
      const reader = res.body!.getReader();
      for (;;) {
        const { done, value } = await reader.read();
        if (done) return 'ended';
        received += value.length;
      }
    })().catch(() => 'errored');
    // A short body under a full Content-Length is an error to any HTTP client: never a silently short file.
    expect(outcome === 'errored' || received < video.length).toBe(true);
    expect(outcome).toBe('errored');
    const whole = await fetch(`${studio.url}/api/v1/files/content?file_id=${fileId}`, { headers: auth });
    expect(Buffer.from(await whole.arrayBuffer()).equals(video)).toBe(true);
  });

  it('limits creates per access code through the CREATE_LIMITER binding: 1002 with Retry-After', async () => {
    const statuses: number[] = [];
    let last: Response | undefined;
    for (let i = 0; i < 12; i++) {
      last = await fetch(`${studio.url}/api/v1/video_generation`, {
        method: 'POST',
        headers: { ...auth, 'Content-Type': 'application/json' },
        body: JSON.stringify({ model: 'MiniMax-Hailuo-2.3', prompt: `Limit ${i}` }),
      });
      const code = ((await last.clone().json()) as { base_resp: { status_code: number } }).base_resp.status_code;
      statuses.push(code);
      if (code === 1002) break;
    }
    expect(statuses).toContain(1002);
    expect(last!.headers.get('retry-after')).toBe('60');
  });
});

describe('the built bundle (web/dist)', () => {
  const files = (dir: string): string[] =>
    readdirSync(dir).flatMap((name) => {
      const path = join(dir, name);
      return statSync(path).isDirectory() ? files(path) : [path];
    });

  it('holds no key value and never names MINIMAX_API_KEY', () => {
    expect(existsSync(`${dist}index.html`), 'run `npm run build` first').toBe(true);
    const needles = [SERVER_KEY, SIM_KEY, 'sk-user-own-key-98765', CODE, 'MINIMAX_API_KEY'];
    const devVars = new URL('../.dev.vars', import.meta.url).pathname;
    if (existsSync(devVars)) {
      for (const line of readFileSync(devVars, 'utf8').split('\n')) {
        const value = /^\s*[A-Z_]+\s*=\s*"?([^"\n]{8,})"?\s*$/.exec(line)?.[1];
        if (value) needles.push(value);
      }
    }
    for (const file of files(dist)) {
      const text = readFileSync(file, 'latin1');
      for (const needle of needles) expect(text.includes(needle), `${needle.slice(0, 6)}… in ${file}`).toBe(false);
    }
  });

  it('has the service worker load the notification click handler and the export download route, same-origin files beside it', () => {
    const sw = readFileSync(`${dist}sw.js`, 'utf8');
    expect(sw).toMatch(/importScripts\(\s*["']notification-click\.js["']\s*,\s*["']export-download\.js["']\s*\)/);
    expect(readFileSync(`${dist}notification-click.js`, 'utf8')).toContain("addEventListener('notificationclick'");
    expect(readFileSync(`${dist}export-download.js`, 'utf8')).toContain("self.addEventListener('fetch'");
  });

  it('has the service worker leave navigations to the API (/api, /v1, /v2 at the root) to the worker', () => {
    const sw = readFileSync(`${dist}sw.js`, 'utf8');
    const source = /denylist:\[\/(.+?)\/\]/.exec(sw)?.[1];
    expect(source).toBeTruthy();
    const denied = new RegExp(source!);
    for (const path of ['/api/v1/files/content', '/v1/files/content', '/v2/video_generation/1/content', '//v1/x', '/api']) {
      expect(denied.test(path), path).toBe(true);
    }
    for (const path of ['/', '/history', '/v10', '/apiary']) expect(denied.test(path), path).toBe(false);
  });
});

const chromiumPath = ['/usr/bin/chromium', '/usr/bin/chromium-browser', process.env.CHROMIUM_PATH ?? ''].find((p) => p && existsSync(p));

describe.skipIf(!chromiumPath)('the SPA under its CSP in Chromium', () => {
  let studio: StudioServer;
  beforeAll(async () => {
    studio = await startStudio({ vars: { DEMO_STAGES_MS: '100,100,300' } });
  });
  afterAll(async () => studio?.stop());

  it('renders with no CSP violation', async () => {
    const { chromium } = await import('playwright-core');
    const browser = await chromium.launch({ executablePath: chromiumPath, args: ['--no-sandbox'] });
    try {
      const page = await browser.newPage();
      const violations: string[] = [];
      page.on('console', (m) => {
        if (/Content Security Policy|Refused to/i.test(m.text())) violations.push(m.text());
      });
      await page.addInitScript(() => {
        document.addEventListener('securitypolicyviolation', (e) => console.error(`Refused to (CSP) ${e.violatedDirective} ${e.blockedURI}`));
      });
      const res = await page.goto(`${studio.url}/`, { waitUntil: 'networkidle' });
      expect(res?.headers()['content-security-policy']).toContain("script-src 'self'");
      await page.waitForFunction(() => (document.getElementById('app')?.childElementCount ?? 0) > 0, undefined, { timeout: 10_000 });
      expect(violations).toEqual([]);
    } finally {
      await browser.close();
    }
  });
});
