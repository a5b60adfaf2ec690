// Small measuring tools shared by the benchmark's rows.
import { readFileSync, readdirSync } from 'node:fs';

export function percentile(values, p) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

export function median(values) {
  return percentile(values, 50);
}

/** The parent of a process, or 0 once it has ended. */
function parentOf(pid) {
  try {
    // comm may hold spaces or parentheses: the fields after its closing ')' are fixed
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
  } catch {
    return 0;
  }
}

/** PIDs of running workerd processes started by this process (each wrangler-started worker runs in its own). */
export function workerdPids(ancestor = process.pid) {
  const pids = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (readFileSync(`/proc/${entry}/comm`, 'utf8').trim() !== 'workerd') continue;
    } catch {
      continue; // the process ended while we looked
    }
    for (let pid = Number(entry); pid > 1; pid = parentOf(pid)) {
      if (pid === ancestor) {
        pids.push(Number(entry));
        break;
      }
    }
  }
  return pids;
}

/** Resident memory of a process, bytes. */
export function rssBytes(pid) {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+) kB/.exec(status)[1]) * 1024;
}

export const MiB = 1024 * 1024;

/** How long a browser step may wait: long, as a loaded machine needs; every figure is judged against its floor. */
export const WAIT_MS = 120_000;
