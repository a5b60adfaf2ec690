// Where a static build lives and which worker it calls: STUDIO_BASE and STUDIO_WORKER_URL (`npm run build:static`).
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
  const rawBase = (env.STUDIO_BASE ?? '').trim() || '/';
  if (!/^\/([A-Za-z0-9._~-]+\/)*$/.test(`${rawBase.replace(/\/?$/, '/')}`) || rawBase.includes('//') || /(^|\/)\.\.?(\/|$)/.test(rawBase)) {
    throw new Error(`STUDIO_BASE=${rawBase} must be a path such as /hailuo-studio/ (letters, digits, . _ ~ -).`);
  }
  const base = rawBase.replace(/\/?$/, '/');
  const worker = checkWorkerUrl(env.STUDIO_WORKER_URL ?? '');
  if (!worker.ok) throw new Error(`STUDIO_WORKER_URL=${env.STUDIO_WORKER_URL} ${WORKER_PROBLEMS[worker.problem]}.`);
  return { base, workerOrigin: worker.origin };
}
