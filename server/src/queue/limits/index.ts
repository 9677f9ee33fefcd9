import type { Core } from '@strapi/strapi';
import { sqlDialectOf } from '../../alt-text/missing-sql';
import type { PluginConfig } from '../../config/schema';
import { createRateLimiter, type RateLimiter } from '../rate-limiter';
import { createClusterRateLimiter } from './cluster-rate';
import { createClusterSendSlots } from './cluster-slots';
import type { SendSlots } from './send-slots';

export type { SendSlot, SendSlots } from './send-slots';

export interface ProviderLimits {
  limiter: RateLimiter;
  /** Absent: the worker's own `concurrency` is the bound (per process). */
  slots?: SendSlots;
  slotPollMs?: number;
}

/**
 * `auto`: across replicas where replicas run (PostgreSQL, MySQL/MariaDB); per process on SQLite, where
 * several processes on one file are rare and each coordinating statement is a commit with its own
 * disk wait on the event loop (bench phase 10 measured 0.23 of R for one process, docs/benchmarks.md).
 */
export const scopeOf = (strapi: Core.Strapi, scope: PluginConfig['limitScope']): 'cluster' | 'process' =>
  scope !== 'auto' ? scope : sqlDialectOf(strapi.db.connection) === 'sqlite' ? 'process' : 'cluster';

/**
 * The rate and the calls in flight as `limitScope` says: per process (a token bucket and the
 * worker's count), or across every replica on the database (cluster-rate.ts, cluster-slots.ts). The
 * cluster's timings follow the poll interval: a replica short of slots asks again four times a poll
 * (at most every 250 ms), a freed slot waits two of those for a replica below its share.
 */
export const createProviderLimits = (
  strapi: Core.Strapi,
  config: Pick<PluginConfig, 'limitScope' | 'concurrency' | 'requestsPerSecond' | 'pollIntervalMs' | 'leaseSeconds'>,
  owner: string,
  onError: (error: unknown) => void
): ProviderLimits => {
  if (scopeOf(strapi, config.limitScope) === 'process') return { limiter: createRateLimiter(config.requestsPerSecond) };
  const slotPollMs = Math.min(250, Math.max(20, Math.floor(config.pollIntervalMs / 4)));
  return {
    limiter: createClusterRateLimiter(strapi, { perSecond: config.requestsPerSecond, blockedCacheMs: config.pollIntervalMs, onError }),
    slots: createClusterSendSlots(strapi, {
      concurrency: config.concurrency,
      owner,
      leaseMs: config.leaseSeconds * 1000,
      handoffMs: 2 * slotPollMs,
      memberTtlMs: Math.max(3000, 5 * config.pollIntervalMs),
      onError,
    }),
    slotPollMs,
  };
};
