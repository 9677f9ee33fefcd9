/**
 * Node keeps a timer's delay in a signed 32-bit int: anything longer (~24.8 days) fires after 1 ms
 * with a TimeoutOverflowWarning, so a loop waiting for a far-off time would spin instead of wait.
 */
export const MAX_TIMER_DELAY_MS = 2 ** 31 - 1;

/** A delay every timer can take: NaN and negatives are 0, longer ones are cut (the caller re-checks). */
export const timerDelay = (ms: number): number => (Number.isNaN(ms) ? 0 : Math.min(MAX_TIMER_DELAY_MS, Math.max(0, ms)));

/** Waits `ms` (any length: the caller re-checks after a cut delay), or until `signal` aborts. */
export const waitAbortably = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, timerDelay(ms));
    signal?.addEventListener('abort', () => {
      clearTimeout(timer);
      resolve();
    }, { once: true });
  });
