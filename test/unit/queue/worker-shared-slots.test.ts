import type { SendSlot, SendSlots } from '../../../server/src/queue/limits/send-slots';
import { createWorker, type WorkerOptions } from '../../../server/src/queue/worker';
import type { JobRow } from '../../../server/src/queue/job-store';

const job = (id: number): JobRow => ({
  id, fileId: id, activeFileId: id, runId: null, reason: 'manual', mode: 'fill', lang: null, status: 'running', attempts: 1,
  rateLimitWaits: 0, followUp: null, contextEntry: null, locales: null,
  availableAt: null, leaseOwner: 'me', leaseUntil: null, strategy: null, errorCode: null, errorMessage: null, finishedAt: null,
});

const pendingJobs = (ids: number[]) => {
  const pending = ids.map(job);
  const store: WorkerOptions['store'] = {
    claim: async (limit) => ({ claimed: pending.splice(0, limit), lost: [], more: pending.length > 0 }),
    renewLease: async () => undefined,
    nextAvailableAt: async () => undefined,
    countClaimableNow: async () => pending.length,
  };
  return { store, pending };
};

/** A fake of the cluster's slots: `size` slots shared with other replicas, some of which they may hold. */
const sharedPool = (size: number) => {
  const free = new Set(Array.from({ length: size }, (_, i) => i + 1));
  const log = { asked: 0, released: [] as number[] };
  const slots: SendSlots = {
    async acquire(wanted) {
      log.asked += 1;
      const taken = [...free].slice(0, wanted);
      for (const id of taken) free.delete(id);
      return taken.map((id) => ({ id }));
    },
    async release(slot: SendSlot) {
      log.released.push(slot.id);
      free.add(slot.id);
    },
    renew() {},
  };
  return { slots, free, log };
};

const until = async (check: () => boolean, what: string) => {
  for (let i = 0; i < 400 && !check(); i++) await new Promise((resolve) => setTimeout(resolve, 5));
  if (!check()) throw new Error(`never: ${what}`);
};

/** Jobs that hold their call until the test lets each go; the most running at once is kept. */
const heldCalls = () => {
  const waiting = new Map<number, () => void>();
  const seen = { running: 0, most: 0, started: [] as number[] };
  const handle: WorkerOptions['handle'] = async (claimed, _signal, release) => {
    seen.started.push(claimed.id);
    seen.running += 1;
    seen.most = Math.max(seen.most, seen.running);
    await new Promise<void>((resolve) => waiting.set(claimed.id, resolve));
    seen.running -= 1;
    release();
  };
  const finish = (id: number) => waiting.get(id)?.();
  return { handle, seen, finish };
};

const options = (store: WorkerOptions['store'], handle: WorkerOptions['handle'], slots: SendSlots): WorkerOptions => ({
  store, handle, slots, slotPollMs: 20, isPaused: async () => false, concurrency: 3, leaseMs: 60_000, maxAttempts: 3, idlePollMs: 60_000, owner: 'me', onError: (error) => { throw error; },
});

describe('a worker under slots shared with other replicas', () => {
  test('claims only as many jobs as it got slots, however many it could run itself', async () => {
    const { store } = pendingJobs([1, 2, 3, 4]);
    const pool = sharedPool(3);
    pool.free.delete(2);
    pool.free.delete(3); // another replica holds two of the three
    const calls = heldCalls();
    const worker = createWorker(options(store, calls.handle, pool.slots));
    worker.start();
    try {
      await until(() => calls.seen.started.length === 1, 'the first job');
      await new Promise((resolve) => setTimeout(resolve, 80));
      expect(calls.seen.started).toEqual([1]); // concurrency 3, one slot: one call
      // The other replica gives one back: the worker finds it at its next ask (slotPollMs), not after idlePollMs.
      pool.free.add(2);
      await until(() => calls.seen.started.length === 2, 'a second job once a slot is free');
      calls.finish(1);
      calls.finish(2);
      await until(() => calls.seen.started.length === 4, 'every job');
      calls.finish(3);
      calls.finish(4);
      await worker.idle();
      expect(calls.seen.most).toBe(2);
    } finally {
      await worker.stop({ graceMs: 1000, abort: true });
    }
  });

  test('gives back at once the slots it got and found no job for', async () => {
    const { store } = pendingJobs([1]);
    const pool = sharedPool(3);
    const calls = heldCalls();
    const worker = createWorker(options(store, calls.handle, pool.slots));
    worker.start();
    try {
      await until(() => calls.seen.started.length === 1, 'the job');
      await until(() => pool.free.size === 2, 'the two unused slots back');
      calls.finish(1);
      await worker.idle();
      await until(() => pool.free.size === 3, 'the job’s slot back');
    } finally {
      await worker.stop({ graceMs: 1000, abort: true });
    }
  });

  test('an idle worker does not ask for slots: only work makes it ask', async () => {
    const { store, pending } = pendingJobs([]);
    const pool = sharedPool(3);
    const calls = heldCalls();
    const worker = createWorker({ ...options(store, calls.handle, pool.slots), idlePollMs: 20 });
    worker.start();
    try {
      await new Promise((resolve) => setTimeout(resolve, 150));
      const askedWhileIdle = pool.log.asked;
      await new Promise((resolve) => setTimeout(resolve, 150));
      // At most the first look; seven more idle polls asked nothing.
      expect(askedWhileIdle).toBeLessThanOrEqual(1);
      expect(pool.log.asked).toBe(askedWhileIdle);
      pending.push(job(7));
      await until(() => calls.seen.started.length === 1, 'the new job');
      calls.finish(7);
      await worker.idle();
    } finally {
      await worker.stop({ graceMs: 1000, abort: true });
    }
  });
});
