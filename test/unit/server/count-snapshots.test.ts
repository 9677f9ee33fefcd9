import { createCountSnapshots } from '../../../server/src/utils/count-snapshots';

/** A count the test answers by hand: each call waits until the test resolves it with a number. */
const manualCount = () => {
  const pending: Array<(value: number) => void> = [];
  return {
    calls: () => pending.length,
    count: () => new Promise<number>((resolve) => pending.push(resolve)),
    answer: (index: number, value: number) => pending[index](value),
  };
};

const flush = () => new Promise((resolve) => setImmediate(resolve));

describe('count snapshots', () => {
  let clock: number;
  const errors: string[] = [];
  const snapshots = () =>
    createCountSnapshots({ refreshFactor: 10, minRefreshMs: 2_000, maxKeys: 2, now: () => clock, onRefreshError: (key) => errors.push(key) });
  const large = (n: number) => n >= 1_000;

  beforeEach(() => {
    clock = 0;
    errors.length = 0;
  });

  test('a small count is counted afresh on every read, and askers at the same moment share one count', async () => {
    const counts = snapshots();
    const count = manualCount();
    const first = counts.read('k', count.count, large);
    const second = counts.read('k', count.count, large);
    expect(count.calls()).toBe(1);
    count.answer(0, 5);
    await expect(Promise.all([first, second])).resolves.toEqual([{ value: 5, countedAt: 0 }, { value: 5, countedAt: 0 }]);
    clock = 10;
    const third = counts.read('k', count.count, large);
    expect(count.calls()).toBe(2);
    count.answer(1, 6);
    await expect(third).resolves.toEqual({ value: 6, countedAt: 10 });
  });

  test('a large count is answered from its snapshot, recounted in the background once due, and the recount is what the next read sees', async () => {
    const counts = snapshots();
    const count = manualCount();
    const first = counts.read('k', count.count, large);
    clock = 300; // the count took 300 ms: due again after 3 000 ms
    count.answer(0, 5_000);
    await expect(first).resolves.toEqual({ value: 5_000, countedAt: 0 });

    clock = 2_900;
    await expect(counts.read('k', count.count, large)).resolves.toEqual({ value: 5_000, countedAt: 0 });
    expect(count.calls()).toBe(1); // not due yet: no count at all

    clock = 3_000;
    await expect(counts.read('k', count.count, large)).resolves.toEqual({ value: 5_000, countedAt: 0 });
    expect(count.calls()).toBe(2); // due: recounting, the read did not wait for it
    await counts.read('k', count.count, large);
    expect(count.calls()).toBe(2); // one recount at a time

    count.answer(1, 5_001);
    await flush();
    await expect(counts.read('k', count.count, large)).resolves.toEqual({ value: 5_001, countedAt: 3_000 });
  });

  test('a large count that becomes small is exact again; forget makes the next read count', async () => {
    const counts = snapshots();
    const count = manualCount();
    const first = counts.read('k', count.count, large);
    count.answer(0, 5_000);
    await first;
    clock = 5_000;
    await counts.read('k', count.count, large); // due: recount started
    count.answer(1, 10); // the library shrank
    await flush();
    const exact = counts.read('k', count.count, large);
    expect(count.calls()).toBe(3);
    count.answer(2, 11);
    await expect(exact).resolves.toEqual({ value: 11, countedAt: 5_000 });

    const big = counts.read('b', count.count, large);
    count.answer(3, 9_000);
    await big;
    counts.forget('b');
    const again = counts.read('b', count.count, large);
    expect(count.calls()).toBe(5);
    count.answer(4, 9_001);
    await expect(again).resolves.toEqual({ value: 9_001, countedAt: 5_000 });
  });

  test('a failed recount keeps the snapshot and is reported; at most maxKeys snapshots are kept', async () => {
    const counts = snapshots();
    let fail = false;
    const count = () => (fail ? Promise.reject(new Error('connection lost')) : Promise.resolve(5_000));
    await counts.read('a', count, large);
    clock = 2_000;
    fail = true;
    await expect(counts.read('a', count, large)).resolves.toEqual({ value: 5_000, countedAt: 0 });
    await flush();
    expect(errors).toEqual(['a']);
    await expect(counts.read('a', count, large)).resolves.toEqual({ value: 5_000, countedAt: 0 });

    fail = false;
    let calls = 0;
    const counted = () => {
      calls += 1;
      return Promise.resolve(5_000);
    };
    await counts.read('b', counted, large);
    await counts.read('c', counted, large); // 'a' (counted longest ago) goes: at most 2 kept
    calls = 0;
    await counts.read('a', counted, large);
    expect(calls).toBe(1);
  });
});
