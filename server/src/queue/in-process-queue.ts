/**
 * The seam where the durable queue will go (jobs in the Strapi database, issue #5). For now jobs
 * live in memory: the upload hook only pushes onto an array, and work starts on a later tick, so
 * an upload never waits for a provider. Jobs still pending at shutdown are lost, and said so in the log.
 */
export type JobReason = 'upload' | 'replace' | 'manual';

export interface AltTextJob {
  fileId: number;
  reason: JobReason;
}

export interface JobQueue {
  enqueue(job: AltTextJob): void;
  /** Resolves when nothing is pending or running. */
  idle(): Promise<void>;
  /** Stops taking work; waits for running jobs. Returns how many pending jobs were dropped. */
  stop(): Promise<number>;
}

export interface InProcessQueueOptions {
  concurrency: number;
  run(job: AltTextJob): Promise<void>;
  /** Called when `run` rejects; `run` is expected to handle its own errors, so this is a last resort. */
  onUnexpectedError(job: AltTextJob, error: unknown): void;
}

export const createInProcessQueue = (options: InProcessQueueOptions): JobQueue => {
  const pending: AltTextJob[] = [];
  const running = new Set<Promise<void>>();
  let stopped = false;
  let idleWaiters: Array<() => void> = [];

  const settleIdle = () => {
    if (pending.length > 0 || running.size > 0) return;
    const waiters = idleWaiters;
    idleWaiters = [];
    for (const resolve of waiters) resolve();
  };

  const pump = () => {
    while (!stopped && running.size < options.concurrency && pending.length > 0) {
      const job = pending.shift() as AltTextJob;
      const task = options
        .run(job)
        .catch((error: unknown) => options.onUnexpectedError(job, error))
        .finally(() => {
          running.delete(task);
          pump();
          settleIdle();
        });
      running.add(task);
    }
  };

  return {
    enqueue(job) {
      if (stopped) return;
      if (pending.some((p) => p.fileId === job.fileId)) return;
      pending.push(job);
      setImmediate(pump);
    },
    idle() {
      if (pending.length === 0 && running.size === 0) return Promise.resolve();
      return new Promise<void>((resolve) => idleWaiters.push(resolve));
    },
    async stop() {
      stopped = true;
      const dropped = pending.splice(0).length;
      await Promise.allSettled([...running]);
      settleIdle();
      return dropped;
    },
  };
};
