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

/**
 * The main thread's CPU time (CDP `Performance.getMetrics` `ThreadTime`, ms since the document's navigation) at each
 * `debugger` statement the page stops at, read while it is stopped, so nothing after that point counts. A figure of
 * the page's own work, where its wall time on a loaded 2-core machine is mostly waiting for a core (RUNS.md, session 6).
 * @param {import('playwright-core').CDPSession} cdp the page's session
 */
export async function cpuAtPauses(cdp) {
  await cdp.send('Performance.enable', { timeDomain: 'threadTicks' });
  await cdp.send('Debugger.enable');
  let readings = null;
  let wake = null;
  cdp.on('Debugger.paused', async () => {
    try {
      const { metrics } = await cdp.send('Performance.getMetrics');
      await cdp.send('Debugger.resume');
      if (!readings) return;
      readings.push(metrics.find((m) => m.name === 'ThreadTime').value * 1000);
      wake?.();
    } catch {
      // a stop outside a measure (the gallery drawing itself after seeding) that a navigation ended meanwhile
    }
  });
  return {
    /** Runs `start` and answers with the CPU ms at the next `count` stops (a stop before or after is not kept). */
    async take(count, start) {
      readings = [];
      try {
        const started = Promise.resolve(start());
        started.catch((error) => wake?.(error));
        const timeout = setTimeout(() => wake?.(new Error(`${readings.length} of ${count} stops in ${WAIT_MS} ms`)), WAIT_MS);
        try {
          while (readings.length < count) {
            const error = await new Promise((resolve) => (wake = resolve));
            if (error) throw error;
          }
        } finally {
          clearTimeout(timeout);
        }
        await started;
        return readings.slice(0, count);
      } finally {
        readings = null;
        wake = null;
      }
    },
  };
}
