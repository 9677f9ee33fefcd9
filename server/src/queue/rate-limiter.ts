import { waitAbortably as wait } from './timer-limit';

/**
 * A token bucket shared by this process's workers: at most `perSecond` sends per second, with
 * bursts of at most `burst`. The default burst of 1 spaces sends evenly, so no second ever sees
 * more than `perSecond` (a bigger burst lets a run start faster but overshoots the rate at first).
 * `pauseUntil` makes everyone wait (a provider's Retry-After), however long: a wait past what a
 * timer holds is taken in pieces. A time that is not a number pauses no one. `perSecond` 0 means unlimited.
 */
export interface RateLimiter {
  acquire(signal?: AbortSignal): Promise<void>;
  pauseUntil(time: number): void;
}

export const createRateLimiter = (perSecond: number, burst = 1, now: () => number = Date.now): RateLimiter => {
  let tokens = burst;
  let updatedAt = now();
  let blockedUntil = 0;

  const refill = () => {
    const current = now();
    tokens = Math.min(burst, tokens + ((current - updatedAt) / 1000) * perSecond);
    updatedAt = current;
  };

  return {
    async acquire(signal) {
      for (;;) {
        if (signal?.aborted) return;
        const blocked = blockedUntil - now();
        if (blocked > 0) {
          await wait(blocked, signal);
          continue;
        }
        if (perSecond <= 0) return;
        refill();
        if (tokens >= 1) {
          tokens -= 1;
          return;
        }
        await wait(Math.ceil(((1 - tokens) / perSecond) * 1000), signal);
      }
    },
    pauseUntil(time) {
      if (!Number.isNaN(time)) blockedUntil = Math.max(blockedUntil, time);
    },
  };
};
