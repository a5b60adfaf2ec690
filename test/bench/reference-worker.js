// The least a worker can do, measured beside the studio's worker in the same run, so the table shows what wrangler's
// local runtime costs before any code of ours runs: a status call forwarded with the key, and a video streamed back
// from the download URL MiniMax's retrieve answers (the response handed on as it came).
import { DurableObject } from 'cloudflare:workers';

/** wrangler.toml binds a Ledger Durable Object: the pass-through must export one, and never uses it. */
export class Ledger extends DurableObject {}

export default {
  async fetch(request, env) {
    const url = new URL(request.url);
    const upstream = env.MINIMAX_API_BASE + url.pathname.replace(/^\/api/, '').replace(/\/files\/content$/, '/files/retrieve') + url.search;
    const answer = await fetch(upstream, { headers: { Authorization: `Bearer ${env.MINIMAX_API_KEY}` } });
    if (!url.pathname.endsWith('/files/content')) return answer;
    return fetch((await answer.json()).file.download_url);
  },
};
