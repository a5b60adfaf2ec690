interface ImportMetaEnv {
  /** the worker a static build calls by default ('' = the page's own origin); undefined on the dev server */
  readonly STUDIO_WORKER_URL?: string;
  /** the built page's CSP connect-src, space separated; undefined on the dev server (no policy) */
  readonly STUDIO_CONNECT_SRC?: string;
}
