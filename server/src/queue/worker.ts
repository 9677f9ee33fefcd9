import type { JobRow, JobStore } from './job-store';

/**
 * The loop that turns pending jobs into provider calls, at most `concurrency` at a time.
 * New work in this process wakes it at once (`nudge`); work enqueued by another replica, or a
 * retry whose time has come, is found by the idle poll. A job's lease is renewed while it runs,
 * so a slow provider never looks like a dead replica; a dead replica's lease simply runs out.
 */
export interface WorkerOptions {
  store: JobStore;
  /** Processes one claimed job and records its ending; must not throw (errors go to onError). */
  handle(job: JobRow): Promise<void>;
  isPaused(): Promise<boolean>;
  concurrency: number;
  leaseMs: number;
  idlePollMs: number;
  owner: string;
  onError(error: unknown): void;
}

export interface Worker {
  start(): void;
  nudge(): void;
  /** Stops claiming; waits up to `graceMs` for running jobs (their leases cover the rest). */
  stop(graceMs?: number): Promise<void>;
  /** Resolves once nothing runs here and nothing is claimable now (or the queue is paused). */
  idle(): Promise<void>;
  readonly active: number;
}

const MIN_WAIT_MS = 10;

export const createWorker = (options: WorkerOptions): Worker => {
  let running = false;
  let nudged = false;
  let wakeUp: (() => void) | undefined;
  let loopDone: Promise<void> = Promise.resolve();
  const inFlight = new Set<Promise<void>>();

  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      const done = () => {
        clearTimeout(timer);
        wakeUp = undefined;
        resolve();
      };
      const timer = setTimeout(done, Math.max(MIN_WAIT_MS, ms));
      wakeUp = done;
    });

  const nudge = () => {
    nudged = true;
    wakeUp?.();
  };

  const renewLease = (job: JobRow) =>
    setInterval(() => {
      options.store.renewLease(job, options.leaseMs).catch(options.onError);
    }, Math.max(1000, Math.floor(options.leaseMs / 3)));

  const launch = (job: JobRow) => {
    const heartbeat = renewLease(job);
    const task = options
      .handle(job)
      .catch(options.onError)
      .finally(() => {
        clearInterval(heartbeat);
        inFlight.delete(task);
        nudge();
      });
    inFlight.add(task);
  };

  const waitBeforeNextClaim = async (): Promise<number> => {
    const next = await options.store.nextAvailableAt();
    if (!next) return options.idlePollMs;
    return Math.min(options.idlePollMs, Math.max(0, next.getTime() - Date.now()));
  };

  const loop = async () => {
    while (running) {
      nudged = false;
      try {
        if (await options.isPaused()) {
          await sleep(options.idlePollMs);
          continue;
        }
        const free = options.concurrency - inFlight.size;
        if (free > 0) {
          const jobs = await options.store.claim(free, options.owner, options.leaseMs);
          for (const job of jobs) launch(job);
          if (jobs.length === free) continue;
        }
        const wait = inFlight.size >= options.concurrency ? options.idlePollMs : await waitBeforeNextClaim();
        if (!nudged && running) await sleep(wait);
      } catch (error) {
        options.onError(error);
        if (running) await sleep(options.idlePollMs);
      }
    }
  };

  return {
    get active() {
      return inFlight.size;
    },
    start() {
      if (running) return;
      running = true;
      loopDone = loop();
    },
    nudge,
    async stop(graceMs = 5000) {
      running = false;
      wakeUp?.();
      await loopDone;
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([
        Promise.allSettled([...inFlight]),
        new Promise((resolve) => (timer = setTimeout(resolve, graceMs))),
      ]);
      clearTimeout(timer);
    },
    async idle() {
      for (;;) {
        if (inFlight.size === 0) {
          if (await options.isPaused()) return;
          if ((await options.store.countClaimableNow()) === 0) return;
        }
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
    },
  };
};
