import type { JobRow, JobStore } from './job-store';
import { processSendSlots, type SendSlot, type SendSlots } from './limits/send-slots';

/**
 * The loop that turns pending jobs into provider calls, at most `concurrency` at a time: a job holds
 * its slot until its provider calls have answered (`release`), not through its write-back.
 * New work in this process wakes it at once (`nudge`); work enqueued by another replica, or a
 * retry whose time has come, is found by the idle poll. A job's lease is renewed while it runs,
 * so a slow provider never looks like a dead replica; a dead replica's lease simply runs out.
 */
export interface WorkerOptions {
  store: Pick<JobStore, 'claim' | 'renewLease' | 'nextAvailableAt' | 'countClaimableNow'>;
  /**
   * Processes one claimed job and records its ending; must not throw (errors go to onError). The
   * signal aborts at shutdown once the grace period is over: the job must then be put back in line.
   * `release` gives the job's slot back early, once it makes no more provider calls (its
   * bookkeeping then runs beside the next job's call); the slot is given back at the end anyway.
   */
  handle(job: JobRow, signal: AbortSignal, release: () => void): Promise<void>;
  isPaused(): Promise<boolean>;
  /** This process's calls in flight: at most `concurrency`. */
  concurrency: number;
  /**
   * The calls in flight across replicas (limits/cluster-slots.ts): a job is claimed only with a slot,
   * held until `release`. Absent: this process's `concurrency` is the only bound.
   */
  slots?: SendSlots;
  /** How often to ask again for a slot while other replicas hold them all (and there is work). */
  slotPollMs?: number;
  leaseMs: number;
  /** Claims allowed per job, lease take-overs included. */
  maxAttempts: number;
  idlePollMs: number;
  owner: string;
  onError(error: unknown): void;
  /** Jobs failed as WORKER_LOST while claiming. */
  onLost?(jobs: JobRow[]): void;
}

export interface StopOptions {
  /** How long running jobs may take to finish on their own. */
  graceMs: number;
  /** After the grace period, abort what still runs (shutdown) or leave it running (a restart). */
  abort: boolean;
}

export interface Worker {
  start(): void;
  nudge(): void;
  /** Stops claiming and waits up to `graceMs`; resolves with how many jobs were still running then. */
  stop(options?: StopOptions): Promise<number>;
  /** Resolves once nothing runs here and nothing is claimable now (or the queue is paused). */
  idle(): Promise<void>;
  readonly active: number;
}

const MIN_WAIT_MS = 10;
/** After an abort, how long the aborted jobs get to record that they go back in line. */
const ABORT_SETTLE_MS = 10_000;

const within = async (promise: Promise<unknown>, ms: number): Promise<void> => {
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([promise, new Promise((resolve) => (timer = setTimeout(resolve, ms)))]);
  clearTimeout(timer);
};

export const createWorker = (options: WorkerOptions): Worker => {
  let running = false;
  let nudged = false;
  let wakeUp: (() => void) | undefined;
  let loopDone: Promise<void> = Promise.resolve();
  /** Every job running here, until it ends (shutdown and `idle` wait for them). */
  const inFlight = new Map<Promise<void>, AbortController>();
  /** The jobs holding a slot: `concurrency` bounds these, i.e. the provider calls in flight. */
  const holding = new Set<object>();
  /** The last claim found fewer jobs than it could take: a freed slot has nothing to look for until new work wakes the loop. */
  let drained = false;

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

  const renewLease = (job: JobRow, slot: SendSlot) =>
    setInterval(() => {
      options.store.renewLease(job, options.leaseMs).catch(options.onError);
      slots.renew(slot);
    }, Math.max(1000, Math.floor(options.leaseMs / 3)));

  const slots = options.slots ?? processSendSlots;

  const launch = (job: JobRow, slot: SendSlot) => {
    const heartbeat = renewLease(job, slot);
    const controller = new AbortController();
    const held = {};
    holding.add(held);
    let given = false;
    const giveBack = async () => {
      if (given) return;
      given = true;
      holding.delete(held);
      await slots.release(slot);
    };
    const release = () => {
      void giveBack().then(() => {
        if (!drained) nudge();
      });
    };
    const task = options
      .handle(job, controller.signal, release)
      .catch(options.onError)
      .finally(async () => {
        clearInterval(heartbeat);
        await giveBack();
        inFlight.delete(task);
        nudge();
      });
    inFlight.set(task, controller);
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
        const free = options.concurrency - holding.size;
        let slotsShort = false;
        // Idle: shared slots are asked for only once there is work to claim (one count, not a slot's three statements).
        if (free > 0 && (!drained || !options.slots || (await options.store.countClaimableNow()) > 0)) {
          const granted = await slots.acquire(free);
          slotsShort = granted.length < free;
          if (granted.length > 0) {
            const { claimed, lost, more } = await options.store.claim(granted.length, options.owner, { leaseMs: options.leaseMs, maxAttempts: options.maxAttempts });
            if (lost.length > 0) options.onLost?.(lost);
            // A claim that saw every claimable job leaves nothing for a freed slot to look for.
            drained = claimed.length < granted.length || more === false;
            claimed.forEach((job, i) => launch(job, granted[i]));
            for (const unused of granted.slice(claimed.length)) await slots.release(unused);
            if (claimed.length === free) continue;
            if (drained) slotsShort = false;
          } else if ((await options.store.countClaimableNow()) === 0) {
            // No slot, and no work either: nothing to ask again for until work arrives.
            slotsShort = false;
            drained = true;
          }
        }
        // Work is waiting for a slot another replica holds: ask again soon.
        const wait = slotsShort ? (options.slotPollMs ?? options.idlePollMs) : holding.size >= options.concurrency ? options.idlePollMs : await waitBeforeNextClaim();
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
    nudge() {
      drained = false;
      nudge();
    },
    async stop({ graceMs, abort }: StopOptions = { graceMs: 5000, abort: false }) {
      running = false;
      wakeUp?.();
      await loopDone;
      await within(Promise.allSettled([...inFlight.keys()]), graceMs);
      const unfinished = inFlight.size;
      if (unfinished > 0 && abort) {
        for (const controller of inFlight.values()) controller.abort();
        await within(Promise.allSettled([...inFlight.keys()]), ABORT_SETTLE_MS);
      }
      return unfinished;
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
