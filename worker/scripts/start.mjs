// `npm start`: the studio on http://localhost:8787 (demo mode without a key; live with MINIMAX_API_KEY in .dev.vars).
// PORT=… picks another port.
import { createServer } from 'node:net';

/** Resolves to true when something already listens on `port` at `host` (workerd would wait on it, silently). */
function portTaken(port, host) {
  return new Promise((resolve) => {
    const probe = createServer();
    probe.once('error', (error) => resolve(error.code === 'EADDRINUSE' || error.code === 'EACCES'));
    probe.listen({ port, host, exclusive: true }, () => probe.close(() => resolve(false)));
  });
}

const port = Number(process.env.PORT ?? 8787);
if (!Number.isInteger(port) || port < 1 || port > 65535) {
  console.error(`PORT=${process.env.PORT} is not a port number (1–65535).`);
  process.exit(1);
}
if ((await portTaken(port, '127.0.0.1')) || (await portTaken(port, '::1'))) {
  console.error(`Port ${port} is already in use (another npm start?). Stop it, or choose another port: PORT=8788 npm start`);
  process.exit(1);
}

// Imported after the check: loading wrangler takes seconds, the answer about the port should not.
const { startStudio } = await import('./launch.mjs');
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
