import { backoffMs } from '../../../server/src/queue/backoff';

describe('retry backoff', () => {
  test('doubles per attempt, between half and all of the ceiling', () => {
    expect(backoffMs(1, 1000, 60000, () => 0)).toBe(500);
    expect(backoffMs(1, 1000, 60000, () => 1)).toBe(1000);
    expect(backoffMs(3, 1000, 60000, () => 1)).toBe(4000);
    expect(backoffMs(3, 1000, 60000, () => 0)).toBe(2000);
  });

  test('never exceeds the maximum, however many attempts', () => {
    expect(backoffMs(30, 1000, 60000, () => 1)).toBe(60000);
  });
});

describe('retry backoff with inputs that make no sense', () => {
  const MAX_TIMER_MS = 2 ** 31 - 1;

  test('an attempt count that is not a number (a damaged row) waits the maximum, not NaN', () => {
    expect(backoffMs(Number.NaN, 1000, 60000, () => 1)).toBe(60000);
  });

  test('an unbounded maximum still gives a delay a timer can hold', () => {
    const delay = backoffMs(60, 1000, Infinity, () => 1);
    expect(Number.isFinite(delay)).toBe(true);
    expect(delay).toBeLessThanOrEqual(MAX_TIMER_MS);
  });

  test('never negative, whatever the random source returns', () => {
    expect(backoffMs(1, 1000, 60000, () => -5)).toBeGreaterThanOrEqual(0);
    expect(backoffMs(1, 1000, 60000, () => 7)).toBeLessThanOrEqual(1000);
  });
});
