export interface SharedStateCacheOptions {
  /** How long an answer read from the database may be trusted (another replica's change reaches this one within it). */
  maxAgeMs(): number;
  /** The clock the cache ages by. */
  elapsed?(): number;
}

/**
 * A state every replica shares through the database (the queue's pause, the fallback switch), as
 * this process reads it. The worker asks for it per claim and per provider call, so at full speed
 * the shared row would be read several times per image: a recent answer is reused instead. This
 * process's own writes replace the answer at once, and a read that was under way while one was
 * written does not bring the older answer back.
 */
export const createSharedStateCache = <T>(read: () => Promise<T>, options: SharedStateCacheOptions) => {
  const elapsed = options.elapsed ?? Date.now;
  let cached: { state: T; at: number } | undefined;
  /** Bumped around each write of this process. */
  let writes = 0;
  const keep = (state: T) => {
    cached = { state, at: elapsed() };
    return state;
  };

  const cache = {
    /** Read afresh. */
    async fresh(): Promise<T> {
      const started = writes;
      const state = await read();
      return started === writes || !cached ? keep(state) : cached.state;
    },

    /** An answer at most `maxAgeMs` old. */
    recent: async (): Promise<T> => (cached && elapsed() - cached.at < options.maxAgeMs() ? cached.state : cache.fresh()),

    /** Writes through `change`, which returns the state it wrote: this process sees it at once. */
    async write(change: () => Promise<T>): Promise<T> {
      writes += 1;
      try {
        return keep(await change());
      } finally {
        writes += 1;
      }
    },
  };
  return cache;
};
