import { createWorker, type WorkerOptions } from '../../../server/src/queue/worker';
import { createJobHandler } from '../../../server/src/queue/job-handler';
import type { JobRow } from '../../../server/src/queue/job-store';

const job = (id: number): JobRow => ({
  id, fileId: id, activeFileId: id, runId: null, reason: 'manual', mode: 'fill', lang: null, status: 'running', attempts: 1,
  rateLimitWaits: 0, followUp: null, contextEntry: null, locales: null,
  availableAt: null, leaseOwner: 'me', leaseUntil: null, strategy: null, errorCode: null, errorMessage: null, finishedAt: null,
});

/** A queue of pending jobs that hands them out as the worker claims them. */
const pendingJobs = (ids: number[]): WorkerOptions['store'] => {
  const pending = ids.map(job);
  return {
    claim: async (limit) => ({ claimed: pending.splice(0, limit), lost: [], more: pending.length > 0 }),
    renewLease: async () => undefined,
    nextAvailableAt: async () => undefined,
    countClaimableNow: async () => pending.length,
  };
};

/** A promise resolved from outside: a provider answer, or a write-back, held until the test lets it go. */
const gate = () => {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { open, opened };
};

const until = async (check: () => boolean) => {
  for (let i = 0; i < 200 && !check(); i++) await new Promise((resolve) => setTimeout(resolve, 5));
  expect(check()).toBe(true);
};

/** Pending jobs whose claims are counted: how often the worker asked the database for work. */
const countedClaims = (ids: number[]) => {
  const pending = pendingJobs(ids);
  const counter = { claims: 0 };
  const store: WorkerOptions['store'] = { ...pending, claim: (...args) => ((counter.claims += 1), pending.claim(...args)) };
  return { store, counter };
};

/** A job that gives its slot back once its provider call (`callMs`) answers, then holds its write-back until `write.open()`. */
const callThenWrite = (callMs: number) => {
  const write = gate();
  const progress = { released: false };
  const handle: WorkerOptions['handle'] = async (_claimed, _signal, release) => {
    if (callMs > 0) await new Promise((resolve) => setTimeout(resolve, callMs));
    release();
    progress.released = true;
    await write.opened;
  };
  return { handle, write, progress };
};

describe('the concurrency slot of a job', () => {
  test('comes back when the provider answers: the next job is sent while the first is still writing', async () => {
    const events: string[] = [];
    const writes = new Map<number, ReturnType<typeof gate>>([1, 2].map((id) => [id, gate()]));
    // The real job handler, its generation faked: one paid call answered at once, then a write-back held open.
    const handle = createJobHandler({
      store: { finish: async () => true, reschedule: async () => undefined } as never,
      limiter: { acquire: async () => undefined, pauseUntil: () => undefined },
      policy: { maxAttempts: 3, retryBaseMs: 1000, retryMaxMs: 10000, rateLimitWaitMs: 30000, maxRateLimitWaits: 4 },
      isPaused: async () => false,
      pauseQueue: async () => undefined,
      budget: { reserve: async () => ({ ok: true, reservation: { provider: 'alttextlab' } }) as never, release: async () => undefined },
      onRunJobSettled: async () => undefined,
      logOutcome: () => undefined,
      generate: async (fileId, options) => {
        await options.beforeSend?.({ provider: 'alttextlab' });
        events.push(`call ${fileId}`);
        options.callsAnswered?.();
        await writes.get(fileId)!.opened;
        events.push(`written ${fileId}`);
        return { status: 'written', text: 'a text', strategy: 'presigned' };
      },
    });
    const worker = createWorker({ store: pendingJobs([1, 2]), handle, isPaused: async () => false, concurrency: 1, leaseMs: 60_000, maxAttempts: 3, idlePollMs: 1000, owner: 'me', onError: (error) => events.push(`error ${String(error)}`) });
    worker.start();
    try {
      await until(() => events.includes('call 2'));
      expect(events).toEqual(['call 1', 'call 2']);
      expect(worker.active).toBe(2);
      writes.get(1)!.open();
      writes.get(2)!.open();
      await worker.idle();
      expect(events).toEqual(['call 1', 'call 2', 'written 1', 'written 2']);
    } finally {
      await worker.stop({ graceMs: 1000, abort: true });
    }
  });

  test('a slot freed while the queue is empty sends the worker looking only when new work arrives', async () => {
    const { store, counter } = countedClaims([1]);
    const { handle, write, progress } = callThenWrite(0);
    const worker = createWorker({ store, handle, isPaused: async () => false, concurrency: 2, leaseMs: 60_000, maxAttempts: 3, idlePollMs: 60_000, owner: 'me', onError: () => undefined });
    worker.start();
    try {
      await until(() => progress.released);
      await new Promise((resolve) => setTimeout(resolve, 30));
      // One claim took job 1 (and found nothing more): its freed slot does not ask the database again.
      expect(counter.claims).toBe(1);
      worker.nudge();
      await until(() => counter.claims === 2);
      write.open();
      await worker.idle();
    } finally {
      await worker.stop({ graceMs: 1000, abort: true });
    }
  });

  test('a claim that filled every slot and saw no more work leaves the freed slot idle too', async () => {
    // Concurrency 1, one job: the claim takes all it asked for, and says nothing else was claimable.
    const { store, counter } = countedClaims([1]);
    const { handle, write, progress } = callThenWrite(5);
    const worker = createWorker({ store, handle, isPaused: async () => false, concurrency: 1, leaseMs: 60_000, maxAttempts: 3, idlePollMs: 60_000, owner: 'me', onError: () => undefined });
    worker.start();
    try {
      await until(() => progress.released);
      await new Promise((resolve) => setTimeout(resolve, 30));
      expect(counter.claims).toBe(1);
      write.open();
      await worker.idle();
    } finally {
      await worker.stop({ graceMs: 1000, abort: true });
    }
  });

  test('a job that never reaches a provider call keeps its slot until it ends', async () => {
    const started: number[] = [];
    const ends = new Map<number, ReturnType<typeof gate>>([1, 2].map((id) => [id, gate()]));
    const handle: WorkerOptions['handle'] = async (claimed) => {
      started.push(claimed.id);
      await ends.get(claimed.id)!.opened;
    };
    const worker = createWorker({ store: pendingJobs([1, 2]), handle, isPaused: async () => false, concurrency: 1, leaseMs: 60_000, maxAttempts: 3, idlePollMs: 20, owner: 'me', onError: () => undefined });
    worker.start();
    try {
      await until(() => started.length === 1);
      await new Promise((resolve) => setTimeout(resolve, 60));
      expect(started).toEqual([1]);
      ends.get(1)!.open();
      await until(() => started.length === 2);
      ends.get(2)!.open();
      await worker.idle();
    } finally {
      await worker.stop({ graceMs: 1000, abort: true });
    }
  });
});
