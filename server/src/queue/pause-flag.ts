import type { QueueState, QueueStateStore } from './queue-state';

export interface PauseFlagOptions {
  /**
   * How long an answer read from the database may be trusted. Another replica's pause reaches this
   * one within this time, so it is kept at most one poll (the control uses min(pollIntervalMs, 1 s)).
   */
  maxAgeMs(): number;
  /** The clock a pause's `resumesAt` is compared with (the budget's: tests move it). */
  now(): number;
  /** The clock the cache ages by. */
  elapsed?(): number;
}

/**
 * The queue's pause state as this process reads it: the worker asks before every claim and before
 * every provider call, so at full speed the shared row would be read several times per image. A
 * recent answer is reused instead; this process's own pause and resume replace it at once.
 */
export const createPauseFlag = (store: QueueStateStore, options: PauseFlagOptions) => {
  const elapsed = options.elapsed ?? Date.now;
  let cached: { state: QueueState; at: number } | undefined;
  /** Bumped around each write of this process: a read under way meanwhile must not bring the old answer back. */
  let writes = 0;
  const keep = (state: QueueState) => {
    cached = { state, at: elapsed() };
    return state;
  };
  const ended = (state: QueueState) => !!state.resumesAt && options.now() >= Date.parse(state.resumesAt);

  const flag = {
    /** Read afresh (the admin's view, decisions that write). */
    async get(): Promise<QueueState> {
      const started = writes;
      const state = await store.get();
      return started === writes || !cached ? keep(state) : cached.state;
    },

    /** An answer at most `maxAgeMs` old. */
    recent: async (): Promise<QueueState> => (cached && elapsed() - cached.at < options.maxAgeMs() ? cached.state : flag.get()),

    /**
     * Whether the queue is paused now. A pause whose `resumesAt` has passed is read afresh first
     * (another replica may have resumed it, or paused it again for a new period) and, still over,
     * handed to `end`, which resumes the queue for every replica.
     */
    async paused(end: (state: QueueState) => Promise<void>): Promise<boolean> {
      const seen = await flag.recent();
      if (!seen.paused) return false;
      if (!ended(seen)) return true;
      const current = await flag.get();
      if (!current.paused) return false;
      if (!ended(current)) return true;
      await end(current);
      return false;
    },

    async pause(...args: Parameters<QueueStateStore['pause']>): Promise<void> {
      writes += 1;
      const state = await store.pause(...args);
      writes += 1;
      keep(state);
    },

    async resume(): Promise<void> {
      writes += 1;
      await store.resume();
      writes += 1;
      keep({ paused: false });
    },
  };
  return flag;
};

export type PauseFlag = ReturnType<typeof createPauseFlag>;
