import { createPauseFlag } from '../../../server/src/queue/pause-flag';
import type { QueueState, QueueStateStore } from '../../../server/src/queue/queue-state';

/** The shared row as the core store keeps it (every replica reads the same), counting reads. */
const sharedRow = (initial: QueueState = { paused: false }) => {
  const row = { value: initial, reads: 0 };
  const store: QueueStateStore = {
    get: async () => {
      row.reads += 1;
      return row.value;
    },
    pause: async (reason, message, keyHint, resumesAt) => {
      row.value = { paused: true, reason, message, keyHint, since: new Date(0).toISOString(), ...(resumesAt ? { resumesAt: resumesAt.toISOString() } : {}) };
      return row.value;
    },
    resume: async () => {
      row.value = { paused: false };
    },
  };
  return { row, store };
};

const setup = (initial?: QueueState) => {
  const shared = sharedRow(initial);
  const clock = { elapsed: 0, now: Date.parse('2025-03-01T10:00:00.000Z') };
  const flag = createPauseFlag(shared.store, { maxAgeMs: () => 100, now: () => clock.now, elapsed: () => clock.elapsed });
  const ended: QueueState[] = [];
  const end = async (state: QueueState) => {
    ended.push(state);
    await flag.resume();
  };
  return { ...shared, clock, flag, paused: () => flag.paused(end), ended };
};

describe('the pause flag of one process', () => {
  test('asked at every claim and every call, it reads the shared row once per maxAgeMs', async () => {
    const { row, clock, paused } = setup();
    for (let i = 0; i < 10; i++) expect(await paused()).toBe(false);
    expect(row.reads).toBe(1);
    clock.elapsed += 100;
    expect(await paused()).toBe(false);
    expect(row.reads).toBe(2);
  });

  test("another replica's pause is seen once the answer is maxAgeMs old, never later", async () => {
    const { row, store, clock, paused } = setup();
    expect(await paused()).toBe(false);
    await store.pause('MANUAL', 'paused by an admin elsewhere');
    clock.elapsed += 99;
    expect(await paused()).toBe(false);
    clock.elapsed += 1;
    expect(await paused()).toBe(true);
    expect(row.reads).toBe(2);
  });

  test("this process's own pause and resume count at once, without reading the row again", async () => {
    const { row, flag, paused } = setup();
    expect(await paused()).toBe(false);
    await flag.pause('OUT_OF_CREDITS', 'no credits');
    expect(await paused()).toBe(true);
    await flag.resume();
    expect(await paused()).toBe(false);
    expect(row.reads).toBe(1);
  });

  test('a read under way while this process pauses the queue does not bring the old answer back', async () => {
    const { store, clock, flag, paused } = setup();
    let answer!: (state: QueueState) => void;
    const slowRead = new Promise<QueueState>((resolve) => (answer = resolve));
    const read = store.get;
    store.get = () => slowRead;
    // The worker asks (its answer has aged out) and the database is slow to answer...
    clock.elapsed += 1000;
    const asked = paused();
    // ...meanwhile an admin pauses the queue in this process, and the old answer arrives after.
    store.get = read;
    await flag.pause('MANUAL', 'paused by an admin');
    answer({ paused: false });
    expect(await asked).toBe(true);
    expect(await paused()).toBe(true);
  });

  test('a pause whose resumesAt has passed is read afresh, then ended once for everyone', async () => {
    const { row, clock, flag, paused, ended } = setup();
    await flag.pause('BUDGET_REACHED', 'spent', undefined, new Date(clock.now + 60_000));
    expect(await paused()).toBe(true);
    clock.now += 60_000;
    expect(await paused()).toBe(false);
    expect(ended.map((state) => state.reason)).toEqual(['BUDGET_REACHED']);
    expect(row.value).toEqual({ paused: false });
    expect(row.reads).toBe(1);
  });

  test('an ended pause that another replica has already replaced by a new period is kept', async () => {
    const { row, store, clock, flag, paused, ended } = setup();
    await flag.pause('BUDGET_REACHED', 'spent', undefined, new Date(clock.now + 60_000));
    // Meanwhile another replica resumed it and the budget paused it again until the next period.
    await store.pause('BUDGET_REACHED', 'spent again', undefined, new Date(clock.now + 120_000));
    clock.now += 60_000;
    expect(await paused()).toBe(true);
    expect(ended).toEqual([]);
    expect(row.value.resumesAt).toBe(new Date(clock.now + 60_000).toISOString());
  });
});
