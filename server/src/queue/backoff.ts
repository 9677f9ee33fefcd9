/**
 * Exponential backoff with full jitter: attempt 1 waits up to `baseMs`, attempt n up to
 * baseMs·2^(n-1), capped at `maxMs`. Jitter spreads the retries of many replicas apart.
 */
export const backoffMs = (attempt: number, baseMs: number, maxMs: number, random: () => number = Math.random): number => {
  const ceiling = Math.min(maxMs, baseMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
};
