import { performance } from 'node:perf_hooks';

/** p50, p99 and the largest of a sample (ms), sorted here (NaN for an empty sample). */
export function spread(samplesMs: readonly number[]): { p50: number; p99: number; max: number } {
  const sorted = [...samplesMs].sort((a, b) => a - b);
  return { p50: percentile(sorted, 50), p99: percentile(sorted, 99), max: sorted.at(-1) ?? Number.NaN };
}

export function percentile(sortedMs: number[], p: number): number {
  if (sortedMs.length === 0) return Number.NaN;
  const index = Math.min(sortedMs.length - 1, Math.ceil((p / 100) * sortedMs.length) - 1);
  return sortedMs[Math.max(0, index)]!;
}

/** Runs `task` once per input, one at a time, after `warmup` untimed runs; returns p50/p95 in ms. */
export async function latencies<T>(
  inputs: T[],
  task: (input: T) => Promise<unknown>,
  warmup = 20,
): Promise<{ p50: number; p95: number; p99: number; max: number; mean: number }> {
  for (const input of inputs.slice(0, warmup)) await task(input);
  const samples: number[] = [];
  for (const input of inputs) {
    const start = performance.now();
    await task(input);
    samples.push(performance.now() - start);
  }
  samples.sort((a, b) => a - b);
  return {
    p50: percentile(samples, 50),
    p95: percentile(samples, 95),
    p99: percentile(samples, 99),
    max: samples.at(-1)!,
    mean: samples.reduce((a, b) => a + b, 0) / samples.length,
  };
}

export async function timed<T>(task: () => Promise<T>): Promise<{ ms: number; result: T }> {
  const start = performance.now();
  const result = await task();
  return { ms: performance.now() - start, result };
}

export const fmt = (n: number, digits = 1): string => (Number.isFinite(n) ? n.toFixed(digits) : 'n/a');
