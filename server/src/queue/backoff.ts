import { MAX_TIMER_DELAY_MS } from './timer-limit';

/**
 * Exponential backoff with full jitter: attempt 1 waits up to `baseMs`, attempt n up to
 * baseMs·2^(n-1), capped at `maxMs`. Jitter spreads the retries of many replicas apart.
 * Whatever the inputs (a damaged attempt count, an unbounded maximum, a bad random source), the
 * answer is a finite delay between 0 and what a timer can hold; an unreadable attempt waits the most.
 */
export const backoffMs = (attempt: number, baseMs: number, maxMs: number, random: () => number = Math.random): number => {
  const limit = Math.min(maxMs, MAX_TIMER_DELAY_MS);
  const grown = baseMs * 2 ** Math.max(0, attempt - 1);
  const ceiling = Number.isNaN(grown) ? limit : Math.max(0, Math.min(limit, grown));
  const share = Math.min(1, Math.max(0, random()));
  return Math.round(ceiling / 2 + (share * ceiling) / 2);
};
