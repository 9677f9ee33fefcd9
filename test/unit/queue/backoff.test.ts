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
