// The worker's bindings, vars and secrets, typed by `npm run types` from wrangler.toml and .dev.vars.example
// (worker/worker-configuration.d.ts). Any of them may be absent: tests and Node hosts run the app without bindings
// (a memory ledger and rate window stand in), and every var and secret has a fallback (README "Configuration").
export type Env = Partial<Cloudflare.Env>;
