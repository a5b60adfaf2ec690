// What the first screen downloads: the entry script, what it imports statically, and the CSS, gzipped.
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';

const dist = new URL('../../web/dist/', import.meta.url);

function gzipKB(path) {
  return gzipSync(readFileSync(new URL(path.replace(/^\//, ''), dist)), { level: 9 }).length / 1024;
}

export function firstLoadSizes() {
  const html = readFileSync(new URL('index.html', dist), 'utf8');
  const scripts = [...html.matchAll(/<script[^>]+src="([^"]+)"/g), ...html.matchAll(/<link[^>]+rel="modulepreload"[^>]+href="([^"]+)"/g)].map((m) => m[1]);
  const styles = [...html.matchAll(/<link[^>]+rel="stylesheet"[^>]+href="([^"]+)"/g)].map((m) => m[1]);
  const sum = (files) => [...new Set(files)].reduce((total, f) => total + gzipKB(f), 0);
  return { js: sum(scripts), css: sum(styles) };
}
