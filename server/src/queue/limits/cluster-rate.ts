import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import { RATE_STATE_UID, tableOf } from '../../models';
import type { RateLimiter } from '../rate-limiter';
import { waitAbortably } from '../timer-limit';

const RATE_ROW = 'provider';

interface RateState {
  nextAt: number;
  blockedUntil: number;
}

export interface ClusterRateOptions {
  /** Calls per second across every replica; 0 = unlimited (a Retry-After still holds everyone). */
  perSecond: number;
  /** How stale this replica's view of a Retry-After may be when there is no rate to coordinate. */
  blockedCacheMs: number;
  onError(error: unknown): void;
  now?(): number;
}

/**
 * The provider's rate shared by every replica on the database: a call starts once the row's
 * `nextAt` has come, and moves it on by 1 / perSecond with a compare-and-set UPDATE, so calls across
 * replicas are spaced as one process's would be, whatever the number of replicas. A Retry-After
 * moves `blockedUntil`, which every replica's next call reads. One statement a call while this
 * replica's view of the row is current (a lone replica); a replica that lost a turn to another reads
 * the row again (two more). Replicas' clocks must agree (NTP): a time one wrote, another reads.
 */
export const createClusterRateLimiter = (strapi: Core.Strapi, options: ClusterRateOptions): RateLimiter => {
  const now = options.now ?? Date.now;
  const intervalMs = options.perSecond > 0 ? 1000 / options.perSecond : 0;
  const knex = (): Knex => strapi.db.connection;
  const table = () => tableOf(strapi, RATE_STATE_UID);
  let known: RateState | undefined;
  let knownAt = 0;
  let localBlockedUntil = 0;
  let ensured = false;

  const read = async (): Promise<RateState> => {
    const { name, column } = table();
    if (!ensured) {
      await knex()(name).insert({ [column('name')]: RATE_ROW, [column('nextAt')]: 0, [column('blockedUntil')]: 0 }).onConflict(column('name')).ignore();
      ensured = true;
    }
    const row = (await knex()(name).where(column('name'), RATE_ROW).first(column('nextAt'), column('blockedUntil'))) as Record<string, unknown>;
    known = { nextAt: Number(row[column('nextAt')]), blockedUntil: Number(row[column('blockedUntil')]) };
    knownAt = now();
    return known;
  };

  /**
   * Waits for the row's next start time, then takes it: the row moves on to now + 1 / perSecond
   * only if nobody moved it since it was read (else read again and wait again). Taken at the
   * moment of the call, not reserved ahead: a call whose timer fired late pushes the next one back
   * instead of letting two start together, so no second ever sees more than `perSecond` starts.
   */
  const takeTurn = async (signal?: AbortSignal): Promise<void> => {
    while (!signal?.aborted) {
      const state = known ?? (await read());
      const at = now();
      const readyAt = Math.max(state.nextAt, state.blockedUntil, localBlockedUntil);
      if (readyAt > at) {
        await waitAbortably(readyAt - at, signal);
        continue;
      }
      // Whole milliseconds: the column is an integer, and the next compare must see what was written.
      const nextAt = Math.ceil(at + intervalMs);
      const { name, column } = table();
      const changed = await knex()(name)
        .where({ [column('name')]: RATE_ROW, [column('nextAt')]: state.nextAt, [column('blockedUntil')]: state.blockedUntil })
        .update({ [column('nextAt')]: nextAt });
      if (changed === 1) {
        known = { nextAt, blockedUntil: state.blockedUntil };
        return;
      }
      known = undefined; // another replica took this turn
    }
  };

  /** This process's callers take their turns one after the other: only one of them contends for the row at a time. */
  let line: Promise<void> = Promise.resolve();
  const inLine = (signal?: AbortSignal): Promise<void> => {
    const turn = line.then(() => takeTurn(signal));
    line = turn.catch(() => undefined);
    return turn;
  };

  /** Unlimited rate: only a Retry-After holds a call, read at most every `blockedCacheMs`. */
  const blockedUntil = async (): Promise<number> => {
    if (!known || now() - knownAt >= options.blockedCacheMs) await read();
    return Math.max(known?.blockedUntil ?? 0, localBlockedUntil);
  };

  return {
    async acquire(signal) {
      if (signal?.aborted) return;
      if (intervalMs > 0) return inLine(signal);
      // A wait past what one timer holds (a Retry-After of weeks) is taken in pieces.
      for (let wait = (await blockedUntil()) - now(); wait > 0 && !signal?.aborted; wait = (await blockedUntil()) - now()) await waitAbortably(wait, signal);
    },
    pauseUntil(time) {
      if (Number.isNaN(time) || time <= localBlockedUntil) return;
      localBlockedUntil = Math.ceil(time);
      known = undefined;
      const { name, column } = table();
      // Raised only: two replicas told different Retry-Afters keep the later one.
      knex()(name)
        .where(column('name'), RATE_ROW)
        .andWhere(column('blockedUntil'), '<', localBlockedUntil)
        .update({ [column('blockedUntil')]: localBlockedUntil })
        .catch(options.onError);
    },
  };
};
