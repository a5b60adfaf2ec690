// `npm start`: the studio on http://localhost:8787 (demo mode without a key; live with MINIMAX_API_KEY in .dev.vars).
import { startStudio } from './launch.mjs';

const port = Number(process.env.PORT ?? 8787);
const { url, stop } = await startStudio({ port, hostname: 'localhost', logLevel: 'info' });
const health = await fetch(`${url}/api/health`).then((r) => r.json());
const pageUrl = url.replace('127.0.0.1', 'localhost');
console.log(`\nHailuo Studio is running at ${pageUrl}  (mode: ${health.mode})`);
if (health.mode === 'demo') console.log('Demo mode: no MINIMAX_API_KEY in .dev.vars, videos come from the built-in simulator.');
console.log('Press Ctrl+C to stop.\n');

const shutdown = async () => {
  await stop();
  process.exit(0);
};
process.on('SIGINT', shutdown);
process.on('SIGTERM', shutdown);
