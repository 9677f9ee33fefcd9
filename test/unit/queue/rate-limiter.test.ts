import { createRateLimiter } from '../../../server/src/queue/rate-limiter';

describe('the rate limiter', () => {
  test('lets a burst through at once, then spaces calls at the configured rate', async () => {
    const limiter = createRateLimiter(20, 2);
    const started = Date.now();
    for (let i = 0; i < 6; i++) await limiter.acquire();
    const elapsed = Date.now() - started;
    // 2 immediately, then 4 more at 20/s = 200 ms.
    expect(elapsed).toBeGreaterThanOrEqual(180);
    expect(elapsed).toBeLessThan(600);
  });

  test('a pause (Retry-After) holds everyone until it ends, even with no rate limit', async () => {
    const limiter = createRateLimiter(0);
    limiter.pauseUntil(Date.now() + 300);
    const started = Date.now();
    await limiter.acquire();
    expect(Date.now() - started).toBeGreaterThanOrEqual(280);
  });

  test('an aborted wait returns at once', async () => {
    const limiter = createRateLimiter(0);
    limiter.pauseUntil(Date.now() + 10000);
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 20);
    const started = Date.now();
    await limiter.acquire(controller.signal);
    expect(Date.now() - started).toBeLessThan(1000);
  });
});
