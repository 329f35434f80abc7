import { readFileSync } from 'node:fs';
import { isMainThread } from 'node:worker_threads';

/** What the event loop went through while watched. */
export interface EventLoopReport {
  /** Gaps between two turns of the loop (wall time, ms), longest first. */
  longestGapsMs: number[];
  /**
   * The most time the loop's own thread spent on a CPU between two turns (ms): work that held the
   * loop. Unlike wall time it does not grow when a busy machine merely leaves the thread waiting
   * for a core. `undefined` where Linux's /proc/<pid>/task/<tid>/schedstat is not there.
   */
  maxBlockedCpuMs: number | undefined;
  /**
   * The gaps of 50 ms or more in which the thread was on a CPU longest (at most 12): `at+wall/cpu/queued` (ms since the
   * start; on a CPU; waiting for a core).
   */
  blocked: string[];
}

/**
 * Time the main thread has run on a CPU and waited in the run queue (ms), from
 * /proc/self/task/<pid>/schedstat ("time spent on the cpu", "time spent waiting on a runqueue", in
 * ns: https://docs.kernel.org/scheduler/sched-stats.html).
 */
function mainThreadTimes(): { cpu: number; queued: number } | undefined {
  // The process's main thread has the process's id; another thread's id is not known to Node.
  if (!isMainThread) return undefined;
  try {
    const [cpu, queued] = readFileSync(`/proc/self/task/${process.pid}/schedstat`, 'utf8')
      .trim()
      .split(/\s+/)
      .map(Number);
    return cpu === undefined || queued === undefined || Number.isNaN(cpu + queued)
      ? undefined
      : { cpu: cpu / 1e6, queued: queued / 1e6 };
  } catch {
    return undefined;
  }
}

/**
 * Watches this thread's event loop with a short timer: each turn it notes the wall time since the
 * last turn and how much of it the thread spent on the CPU. Call the returned function to stop.
 */
export function watchEventLoop(everyMs = 5): () => EventLoopReport {
  const started = performance.now();
  let lastWall = started;
  let last = mainThreadTimes();
  const gaps: number[] = [];
  let maxBlockedCpuMs: number | undefined = last === undefined ? undefined : 0;
  const blocked: { cpu: number; text: string }[] = [];
  const timer = setInterval(() => {
    const wall = performance.now();
    const now = mainThreadTimes();
    const gap = wall - lastWall;
    gaps.push(gap);
    if (now && last) {
      const spent = now.cpu - last.cpu;
      maxBlockedCpuMs = Math.max(maxBlockedCpuMs ?? 0, spent);
      if (gap >= 50)
        blocked.push({
          cpu: spent,
          text: `${Math.round(lastWall - started)}+${Math.round(gap)}/${Math.round(spent)}/${Math.round(now.queued - last.queued)}`,
        });
    }
    lastWall = wall;
    last = now;
  }, everyMs);
  timer.unref();
  return () => {
    clearInterval(timer);
    return {
      longestGapsMs: gaps
        .sort((a, b) => b - a)
        .slice(0, 10)
        .map(Math.round),
      maxBlockedCpuMs,
      blocked: blocked
        .sort((a, b) => b.cpu - a.cpu)
        .slice(0, 12)
        .map((b) => b.text),
    };
  };
}
