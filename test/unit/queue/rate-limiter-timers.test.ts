import { runInThisContext } from 'node:vm';
import { createRateLimiter } from '../../../server/src/queue/rate-limiter';

/**
 * Node keeps a timer's delay in a signed 32-bit int: a delay above 2^31−1 ms (~24.8 days) fires
 * after 1 ms and prints a TimeoutOverflowWarning. A limiter handed such a wait would then spin,
 * warning every millisecond, instead of waiting. These tests listen for the warning itself.
 */
const warnings: string[] = [];
const onWarning = (warning: Error) => warnings.push(`${warning.name}: ${warning.message}`);
// Jest hands each test file a copy of `process` whose listeners Node never calls; the warning is
// emitted on the worker's real process, which is the `process` of the outer (non-jest) context.
const realProcess = runInThisContext('process') as NodeJS.Process;
beforeEach(() => {
  warnings.length = 0;
  realProcess.on('warning', onWarning);
});
afterEach(() => {
  realProcess.off('warning', onWarning);
});

test('the listener hears a TimeoutOverflowWarning when one is emitted', async () => {
  clearTimeout(setTimeout(() => undefined, 2 ** 31));
  await settle();
  expect(overflows()).toHaveLength(1);
});

/** Acquires with an abort after `ms`; resolves with how long the acquire really took. */
const acquireFor = async (limiter: ReturnType<typeof createRateLimiter>, ms: number): Promise<number> => {
  const controller = new AbortController();
  const abort = setTimeout(() => controller.abort(), ms);
  const started = Date.now();
  await limiter.acquire(controller.signal);
  clearTimeout(abort);
  return Date.now() - started;
};
/** Warnings are emitted on the next tick; let them arrive before looking. */
const settle = () => new Promise((resolve) => setImmediate(resolve));
const overflows = () => warnings.filter((text) => /TimeoutOverflowWarning/.test(text));

describe('the rate limiter never hands a timer more than it can hold', () => {
  test.each([
    ['a pause 1e300 ms away', Date.now() + 1e300],
    ['a pause until the end of time (Infinity)', Infinity],
    ['a pause a year away', Date.now() + 365 * 24 * 3600 * 1000],
  ])('%s still holds every caller, without a TimeoutOverflowWarning', async (_label, until) => {
    const limiter = createRateLimiter(0);
    limiter.pauseUntil(until);
    const waited = await acquireFor(limiter, 150);
    await settle();
    expect(waited).toBeGreaterThanOrEqual(140);
    expect(overflows()).toEqual([]);
  });

  test('a rate so low that the next token is centuries away still waits, without a warning', async () => {
    const limiter = createRateLimiter(1e-9);
    await limiter.acquire(); // the burst token
    const waited = await acquireFor(limiter, 150);
    await settle();
    expect(waited).toBeGreaterThanOrEqual(140);
    expect(overflows()).toEqual([]);
  });

  test('a pause that is not a time (NaN) holds no one, and a real pause after it still holds', async () => {
    const limiter = createRateLimiter(0);
    limiter.pauseUntil(Number.NaN);
    expect(await acquireFor(limiter, 1000)).toBeLessThan(100);
    limiter.pauseUntil(Date.now() + 150);
    expect(await acquireFor(limiter, 1000)).toBeGreaterThanOrEqual(140);
  });

  test('an ordinary pause still ends on time', async () => {
    const limiter = createRateLimiter(0);
    limiter.pauseUntil(Date.now() + 200);
    const waited = await acquireFor(limiter, 5000);
    expect(waited).toBeGreaterThanOrEqual(190);
    expect(waited).toBeLessThan(1000);
  });
});
