/**
 * Counts over the whole library (coverage, jobs by status) that the admin asks for on every load and
 * every few seconds during a run. On a small library they take a few milliseconds and are answered
 * exactly, every time. At a million images one takes 0.3–2 s of a database connection (a scan of
 * every row; no index serves "the alt text is missing"), and an admin polling them would wait that
 * long on each load while keeping a connection busy. So a count whose last answer was large (the
 * caller says what is large: rows counted, not time, so the choice does not depend on how loaded the
 * machine is) is answered from that snapshot (with the time it was counted, which the admin shows)
 * and recounted in the background once it is older than `refreshFactor` × the count's own duration
 * (at least `minRefreshMs`): such a count never makes a request wait again, and takes at most about
 * 1 / `refreshFactor` of one connection's time.
 */
export interface CountSnapshotOptions {
  /** A slow snapshot is recounted once older than this many times its own duration… */
  refreshFactor: number;
  /** …and never sooner than this. */
  minRefreshMs: number;
  /** Keys kept at most (a run's counts are keyed by its id); the least recently counted go first. */
  maxKeys: number;
  /** A background recount failed: the old snapshot stays. */
  onRefreshError(key: string, error: unknown): void;
  now?(): number;
}

export interface Counted<T> {
  value: T;
  /** When the count was made (epoch ms). */
  countedAt: number;
}

interface Snapshot<T> extends Counted<T> {
  tookMs: number;
  large: boolean;
}

export const DEFAULT_COUNT_SNAPSHOTS = { refreshFactor: 10, minRefreshMs: 2_000, maxKeys: 50 } as const;

/** From this many rows counted on, a count is served from its snapshot (about 35 ms of a count on MariaDB, the slowest here). */
export const SNAPSHOT_FROM_ROWS = 20_000;

export const createCountSnapshots = (options: CountSnapshotOptions) => {
  const now = options.now ?? Date.now;
  const snapshots = new Map<string, Snapshot<unknown>>();
  /** Counts under way, by key: askers at the same moment share one. */
  const counting = new Map<string, Promise<Snapshot<unknown>>>();

  const countNow = <T>(key: string, count: () => Promise<T>, isLarge: (value: T) => boolean): Promise<Snapshot<T>> => {
    const running = counting.get(key);
    if (running) return running as Promise<Snapshot<T>>;
    const started = now();
    const done = count()
      .then((value) => {
        const snapshot: Snapshot<T> = { value, countedAt: started, tookMs: now() - started, large: isLarge(value) };
        snapshots.delete(key); // re-inserted last: the Map's order is the eviction order
        snapshots.set(key, snapshot);
        for (const oldest of snapshots.keys()) {
          if (snapshots.size <= options.maxKeys) break;
          snapshots.delete(oldest);
        }
        return snapshot;
      })
      .finally(() => counting.delete(key));
    counting.set(key, done);
    return done;
  };

  return {
    /** `count()`'s answer: exact while the last answer was not `isLarge`, else the last snapshot (recounted in the background when due). */
    async read<T>(key: string, count: () => Promise<T>, isLarge: (value: T) => boolean): Promise<Counted<T>> {
      const snapshot = snapshots.get(key) as Snapshot<T> | undefined;
      if (!snapshot?.large) {
        const { value, countedAt } = await countNow(key, count, isLarge);
        return { value, countedAt };
      }
      const due = Math.max(options.minRefreshMs, snapshot.tookMs * options.refreshFactor);
      if (now() - snapshot.countedAt >= due && !counting.has(key)) {
        countNow(key, count, isLarge).catch((error: unknown) => options.onRefreshError(key, error));
      }
      return { value: snapshot.value, countedAt: snapshot.countedAt };
    },

    /** Forget every snapshot: the next read of each counts afresh (this process changed what they count, e.g. a run was created). */
    forget(key?: string) {
      if (key === undefined) snapshots.clear();
      else snapshots.delete(key);
    },
  };
};

export type CountSnapshots = ReturnType<typeof createCountSnapshots>;

/** The sum of counts by status or reason: how many rows a `countByStatus` counted. */
export const totalOf = (counts: Readonly<Record<string, number>>): number => Object.values(counts).reduce((sum, n) => sum + n, 0);

/** Snapshots with the defaults, a failed background recount logged as a warning (the old snapshot stays). */
export const createLoggedCountSnapshots = (log: { warn(message: string): void }, pluginId: string) =>
  createCountSnapshots({
    ...DEFAULT_COUNT_SNAPSHOTS,
    onRefreshError: (key, error) => log.warn(`[${pluginId}] recounting ${key} failed: ${error instanceof Error ? error.message : String(error)}`),
  });
