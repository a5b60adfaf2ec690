// Where a static build lives and which worker it calls: STUDIO_BASE and STUDIO_WORKER_URL (`npm run build:static`).
import { existsSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { checkWorkerUrl } from '../src/lib/api/workerUrl';

export interface StaticTarget {
  /** the path the page is served under, with a slash at both ends: '/', '/hailuo-studio/' */
  base: string;
  /** the worker's origin; '' = the page's own origin */
  workerOrigin: string;
}

const WORKER_PROBLEMS = {
  not_a_url: 'is not a URL',
  not_https: 'must use https:// (plain http only for localhost or 127.0.0.1)',
  not_an_origin: 'must be an origin only (scheme://host[:port]), with no path, query or credentials',
};

export function staticTarget(env: Record<string, string | undefined>): StaticTarget {
  const raw = (env.STUDIO_BASE ?? '').trim() || '/';
  const base = raw.endsWith('/') ? raw : `${raw}/`;
  // Plain path segments only: the base lands in URLs, the manifest, the service worker's scope and a RegExp.
  const segments = base.split('/').slice(1, -1);
  if (!base.startsWith('/') || segments.some((segment) => !/^[A-Za-z0-9._~-]+$/.test(segment) || /^\.\.?$/.test(segment))) {
    throw new Error(`STUDIO_BASE=${raw} must be a path such as /hailuo-studio/ (letters, digits, . _ ~ -).`);
  }
  const worker = checkWorkerUrl(env.STUDIO_WORKER_URL ?? '');
  if (!worker.ok) throw new Error(`STUDIO_WORKER_URL=${env.STUDIO_WORKER_URL} ${WORKER_PROBLEMS[worker.problem]}.`);
  return { base, workerOrigin: worker.origin };
}

/**
 * STUDIO_OUT_DIR (the tests' own output directory) resolved, or undefined for web/dist. The build empties it first,
 * so a directory that holds anything but an earlier build is refused.
 */
export function outDirFrom(env: Record<string, string | undefined>): string | undefined {
  const raw = env.STUDIO_OUT_DIR?.trim();
  if (!raw) return undefined;
  const dir = resolve(raw);
  if (existsSync(dir) && readdirSync(dir).length > 0 && !existsSync(join(dir, 'index.html'))) {
    throw new Error(`STUDIO_OUT_DIR=${raw} is not empty and holds no earlier build: the build would delete what is there.`);
  }
  return dir;
}
