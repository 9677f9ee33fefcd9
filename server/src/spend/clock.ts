/**
 * The clock the budget reads: which UTC day and month a credit is spent in, and whether a pause
 * for the budget is over. Process-wide, so a test can move it to tomorrow (the budget service's
 * `setClockForTests`) and watch the queue resume by itself; nothing else in the plugin reads it.
 */
let source: (() => Date) | null = null;

export const now = (): Date => (source ? source() : new Date());

/** Replaces the clock; null restores the real one. */
export const setClock = (clock: (() => Date) | null): void => {
  source = clock;
};
