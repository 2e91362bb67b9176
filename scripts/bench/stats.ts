// Order statistics for benchmark samples: medians and tails, never means (one stall would move a mean).

/** Nearest-rank percentile (p in 0..100) of unsorted samples. */
export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))]!;
}

export const median = (samples: readonly number[]): number => percentile(samples, 50);

/** Element-wise a[i] / b[i]: ratios of runs paired in time, which drift on a shared machine cancels. */
export function pairedRatios(a: readonly number[], b: readonly number[]): number[] {
  return a.map((x, i) => x / b[i]!);
}

export function ms(value: number, digits = 2): string {
  return Number.isFinite(value) ? `${value.toFixed(digits)} ms` : "—";
}

/** Difference in ms with its sign written out. */
export function signedMs(value: number, digits = 2): string {
  return `${value < 0 ? "−" : "+"}${ms(Math.abs(value), digits)}`;
}

export function mb(bytes: number): string {
  return bytes < 1024 * 1024 ? `${(bytes / 1024).toFixed(1)} kB` : `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/** Nanosecond clock in milliseconds. */
export function now(): number {
  return Number(process.hrtime.bigint()) / 1e6;
}
