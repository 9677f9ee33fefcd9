import type { QueueState, QueueStateStore } from './queue-state';
import { createSharedStateCache } from './shared-state-cache';

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
 * The queue's pause state as this process reads it (through the shared-state cache): the worker
 * asks before every claim and before every provider call.
 */
export const createPauseFlag = (store: QueueStateStore, options: PauseFlagOptions) => {
  const cache = createSharedStateCache(() => store.get(), options);
  const ended = (state: QueueState) => !!state.resumesAt && options.now() >= Date.parse(state.resumesAt);

  const flag = {
    /** Read afresh (the admin's view, decisions that write). */
    get: (): Promise<QueueState> => cache.fresh(),

    /** An answer at most `maxAgeMs` old. */
    recent: (): Promise<QueueState> => cache.recent(),

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
      await cache.write(() => store.pause(...args));
    },

    async resume(): Promise<void> {
      await cache.write(async () => {
        await store.resume();
        return { paused: false };
      });
    },
  };
  return flag;
};

export type PauseFlag = ReturnType<typeof createPauseFlag>;
