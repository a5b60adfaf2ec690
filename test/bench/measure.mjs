// Small measuring tools shared by the benchmark's rows.
import { readFileSync, readdirSync } from 'node:fs';

export function percentile(values, p) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

/** The middle value; of an even count, the mean of the two middle ones. */
export function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const half = sorted.length >> 1;
  return sorted.length % 2 ? sorted[half] : (sorted[half - 1] + sorted[half]) / 2;
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

/** PIDs of running processes named `comm` started by this process or its descendants. */
export function descendantPids(comm, ancestor = process.pid) {
  const pids = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (readFileSync(`/proc/${entry}/comm`, 'utf8').trim() !== comm) continue;
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

/** PIDs of the workerd processes this process started (each wrangler-started worker runs in its own). */
const workerdPids = () => descendantPids('workerd');

/**
 * Waits until the processes `list()` names use less than `quietMs` of CPU in a `windowMs` window (for at most `maxMs`),
 * so the work one step leaves behind (IndexedDB deleting a video's files, a decoder winding down) does not land in the
 * next step's figure. Answers whether they went quiet.
 * @param {() => number[]} list
 */
export async function settled(list, { quietMs = 3, windowMs = 50, maxMs = 5_000 } = {}) {
  const until = performance.now() + maxMs;
  while (performance.now() < until) {
    const cpu = cpuSince(list);
    await new Promise((resolve) => setTimeout(resolve, windowMs));
    if (cpu().ms < quietMs) return true;
  }
  return false;
}

/**
 * Runs `start` (which starts a worker through wrangler) and answers what it answered with `pids`: the workerd
 * processes it brought. wrangler runs its dev proxy (the URL we call) and the worker in one process each, and the
 * worker's may appear after the worker is said to be ready: this waits for both.
 * @template {{ stop: () => Promise<void> }} T
 * @param {() => Promise<T>} start
 * @returns {Promise<T & { pids: number[] }>}
 */
export async function withWorkerdPids(start, expected = 2) {
  const before = new Set(workerdPids());
  const worker = await start();
  const deadline = performance.now() + 30_000;
  const brought = () => workerdPids().filter((pid) => !before.has(pid));
  for (;;) {
    const pids = brought();
    if (pids.length === expected) {
      // and still the same ones half a second later (a process on its way out is not the worker)
      await new Promise((resolve) => setTimeout(resolve, 500));
      if (brought().join() === pids.join()) return Object.assign(worker, { pids });
    }
    if (performance.now() > deadline) {
      await worker.stop();
      throw new Error(`a worker brought ${pids.length} workerd processes, not ${expected}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/**
 * PIDs of the Chromium processes this process started (browser, renderers, GPU, utilities), under the names Debian's
 * Chromium, Google's Chrome and the headless shell run as (`comm` holds 15 characters at most).
 */
export function chromiumPids() {
  const pids = ['chromium', 'chrome', 'headless_shell', 'chromium-browse'].flatMap((name) => descendantPids(name));
  if (!pids.length) throw new Error('no Chromium process found under this one: its CPU time cannot be counted');
  return pids;
}

/** CPU time each thread of `pids` has run, ns, by thread (the kernel's schedstat: exact, where /proc's stat counts 10 ms ticks). */
function threadCpuNs(pids) {
  const ns = new Map();
  for (const pid of pids) {
    let threads;
    try {
      threads = readdirSync(`/proc/${pid}/task`);
    } catch {
      continue; // the process ended while we looked
    }
    for (const tid of threads) {
      try {
        ns.set(`${pid}/${tid}`, Number(readFileSync(`/proc/${pid}/task/${tid}/schedstat`, 'utf8').split(' ')[0]));
      } catch {
        // the thread ended while we looked
      }
    }
  }
  return ns;
}

/**
 * Starts counting the CPU time of the processes `list()` names (all their threads, every core); the answer is a
 * function that answers `ms`, the CPU time used since, and `lost`, how many threads counted at the start were gone
 * at the end (what such a thread ran in the window is missing from `ms`). At the end the processes of the start are
 * read first, then the list is made again for any started since (whose threads count whole). CPU time, not wall time:
 * what the processes did, not how long they waited for a core on a loaded machine.
 * @param {() => number[]} list
 * @returns {() => { ms: number, lost: number }}
 */
export function cpuSince(list) {
  const pids = list();
  const before = threadCpuNs(pids);
  return () => {
    const now = threadCpuNs(pids);
    for (const [thread, ns] of threadCpuNs(list().filter((pid) => !pids.includes(pid)))) now.set(thread, ns);
    let ns = 0;
    for (const [thread, at] of now) ns += at - (before.get(thread) ?? 0);
    return { ms: ns / 1e6, lost: [...before.keys()].filter((thread) => !now.has(thread)).length };
  };
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
