import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import type { SpendCounts, SpendingDay } from '../../../shared/contracts/spending';
import { SPEND_UID, tableOf } from '../models';
import { now } from './clock';
import { dayOf, lastDays } from './periods';

const COUNTS = ['calls', 'credits', 'cacheHits'] as const;
const zero = (): SpendCounts => ({ calls: 0, credits: 0, cacheHits: 0 });

/**
 * The spending ledger (one row per UTC day and provider). Every change is one atomic UPDATE of
 * one row (`calls = calls + 1`), after an insert that ignores a row already there: replicas on one
 * database never lose each other's counts, and no row is read before it is written.
 */
export const createSpendLedger = (strapi: Core.Strapi) => {
  const knex = (): Knex => strapi.db.connection;
  // Rows known to exist in this process: their insert is not tried again.
  const known = new Set<string>();

  const ensureRow = async (day: string, provider: string) => {
    const key = `${day}\n${provider}`;
    if (known.has(key)) return;
    const table = tableOf(strapi, SPEND_UID);
    await knex()(table.name)
      .insert(table.row({ day, provider, calls: 0, credits: 0, cacheHits: 0 }))
      .onConflict([table.column('day'), table.column('provider')])
      .ignore();
    known.add(key);
  };

  /** Adds to the counts of one day and provider (negative: a credit given back, never below 0). */
  const add = async (day: string, provider: string, delta: Partial<SpendCounts>) => {
    await ensureRow(day, provider);
    const table = tableOf(strapi, SPEND_UID);
    const query = knex()(table.name).where(table.column('day'), day).andWhere(table.column('provider'), provider);
    const changes: Record<string, Knex.Raw> = {};
    for (const name of COUNTS) {
      const by = delta[name] ?? 0;
      if (by === 0) continue;
      changes[table.column(name)] = knex().raw('?? + ?', [table.column(name), by]);
      if (by < 0) query.andWhere(table.column(name), '>=', -by);
    }
    if (Object.keys(changes).length > 0) await query.update(changes);
  };

  return {
    add,

    /** Texts a cache gave instead of a provider call (free), counted for today (UTC). */
    async recordCacheHit(provider: string, count = 1): Promise<void> {
      if (!Number.isInteger(count) || count < 1) throw new RangeError(`recordCacheHit: count must be a whole number ≥ 1 (got ${count})`);
      await add(dayOf(now()), provider, { cacheHits: count });
    },

    /** The last `days` UTC days, oldest first, each present (zeros on a day with nothing), and their totals. */
    async report(days: number): Promise<{ days: SpendingDay[]; totals: SpendCounts }> {
      const window = lastDays(now(), days);
      const table = tableOf(strapi, SPEND_UID);
      const rows = (await knex()(table.name)
        .select({ day: table.column('day'), provider: table.column('provider'), calls: table.column('calls'), credits: table.column('credits'), cacheHits: table.column('cacheHits') })
        .whereBetween(table.column('day'), [window[0], window[window.length - 1]])) as Array<{ day: string; provider: string } & Record<(typeof COUNTS)[number], number | string>>;
      const byDay = new Map<string, SpendingDay>(window.map((day) => [day, { day, ...zero(), providers: {} }]));
      const totals = zero();
      for (const row of rows) {
        const entry = byDay.get(row.day);
        if (!entry) continue;
        const counts = zero();
        // A driver may hand a count back as text: Number() either way.
        for (const name of COUNTS) {
          counts[name] = Number(row[name]);
          entry[name] += counts[name];
          totals[name] += counts[name];
        }
        entry.providers[row.provider] = counts;
      }
      return { days: [...byDay.values()], totals };
    },
  };
};

export type SpendLedger = ReturnType<typeof createSpendLedger>;
