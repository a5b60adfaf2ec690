// The least a worker can do on a status call: forward it with the key. The bench measures it beside the studio's
// worker, in the same run, so the table shows what wrangler's local runtime costs before any code of ours runs.
import { DurableObject } from 'cloudflare:workers';

/** wrangler.toml binds a Ledger Durable Object: the pass-through must export one, and never uses it. */
export class Ledger extends DurableObject {}

export default {
  async fetch(request, env) {
    const url = new URL(request.url);
    return fetch(env.MINIMAX_API_BASE + url.pathname.replace(/^\/api/, '') + url.search, {
      headers: { Authorization: `Bearer ${env.MINIMAX_API_KEY}` },
    });
  },
};
