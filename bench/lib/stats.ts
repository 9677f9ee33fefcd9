/** Nearest-rank percentile (p in 0..100) of unsorted numbers; NaN for none. */
export const percentile = (values: readonly number[], p: number): number => {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil((p / 100) * sorted.length)));
  return sorted[rank - 1];
};

export const mean = (values: readonly number[]): number =>
  values.length === 0 ? Number.NaN : values.reduce((sum, v) => sum + v, 0) / values.length;

export interface Summary {
  n: number;
  p50: number;
  p95: number;
  mean: number;
  min: number;
  max: number;
}

export const summarize = (values: readonly number[]): Summary => ({
  n: values.length,
  p50: percentile(values, 50),
  p95: percentile(values, 95),
  mean: mean(values),
  min: values.length ? Math.min(...values) : Number.NaN,
  max: values.length ? Math.max(...values) : Number.NaN,
});

/** Rounds for reports: `digits` decimals. */
export const round = (value: number, digits = 2): number => {
  if (!Number.isFinite(value)) return value;
  const f = 10 ** digits;
  return Math.round(value * f) / f;
};

/** Rounds every number in a summary. */
export const roundSummary = (s: Summary, digits = 1): Summary => ({
  n: s.n,
  p50: round(s.p50, digits),
  p95: round(s.p95, digits),
  mean: round(s.mean, digits),
  min: round(s.min, digits),
  max: round(s.max, digits),
});

/**
 * Steady rate of events (timestamps in ms) between the `lo` and `hi` quantiles, so ramp-up
 * and the tail of the last few in-flight calls do not count: events/s.
 */
export const steadyRate = (times: readonly number[], lo = 0.05, hi = 0.95): number => {
  if (times.length < 20) return Number.NaN;
  const sorted = [...times].sort((a, b) => a - b);
  const i = Math.floor(lo * (sorted.length - 1));
  const j = Math.floor(hi * (sorted.length - 1));
  const span = (sorted[j] - sorted[i]) / 1000;
  return span > 0 ? (j - i) / span : Number.NaN;
};

/** The most events in any window of `windowMs` (sliding), as events per second. */
export const peakWindowRate = (times: readonly number[], windowMs = 1000): number => {
  const sorted = [...times].sort((a, b) => a - b);
  let best = 0;
  let start = 0;
  for (let end = 0; end < sorted.length; end++) {
    while (sorted[end] - sorted[start] >= windowMs) start += 1;
    best = Math.max(best, end - start + 1);
  }
  return best / (windowMs / 1000);
};

/**
 * A percentile bootstrap interval (90% by default) of `statistic(a) / statistic(b)`, resampling
 * each sample with replacement: how much of a ratio is noise. Seeded, so reruns agree.
 */
export const bootstrapRatio = (
  a: readonly number[],
  b: readonly number[],
  statistic: (values: number[]) => number,
  rounds = 2000,
  level = 0.9
): [number, number] => {
  let seed = 42;
  const random = () => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed / 2147483648;
  };
  const resample = (values: readonly number[]) => Array.from({ length: values.length }, () => values[Math.floor(random() * values.length)]);
  const ratios: number[] = [];
  for (let i = 0; i < rounds; i++) ratios.push(statistic(resample(a)) / statistic(resample(b)));
  const tail = ((1 - level) / 2) * 100;
  return [percentile(ratios, tail), percentile(ratios, 100 - tail)];
};
