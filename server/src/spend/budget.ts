import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import type { BudgetView } from '../../../shared/contracts/spending';
import { readConfig } from '../config/read';
import { SPEND_PERIOD_UID, tableOf } from '../models';
import { now } from './clock';
import type { SpendLedger } from './ledger';
import { dayOf, monthOf, nextDayStart, nextMonthStart } from './periods';

/** One credit held for one paid call: given back (`release`) when the call turns out to have cost nothing. */
export interface Reservation {
  provider: string;
  day: string;
  month: string;
}

export type ReserveResult =
  | { ok: true; reservation: Reservation }
  | { ok: false; limit: 'day' | 'month'; credits: number; resumesAt: Date; message: string };

/** The pause message: which limit, how many credits, when it resets. */
const refusal = (limit: 'day' | 'month', credits: number, resumesAt: Date): ReserveResult => ({
  ok: false,
  limit,
  credits,
  resumesAt,
  message: `budget reached: ${credits} credits per ${limit} (UTC) are spent; the queue resumes by itself at ${resumesAt.toISOString()}`,
});

/**
 * The budget (`budget: { perDay, perMonth }`): before each paid call one credit is reserved in the
 * day's and the month's counters, each a conditional `UPDATE … SET credits = credits + 1 WHERE
 * credits < limit` of one row, so replicas racing for the last credit get it once between them
 * (with at most one limit set, both rows in one such statement: `takeBoth`).
 * Without a limit the counters still count, so a budget set mid-month knows what was spent.
 */
export const createBudget = (strapi: Core.Strapi, ledger: SpendLedger) => {
  const knex = (): Knex => strapi.db.connection;
  const known = new Set<string>();

  const ensureRow = async (period: string) => {
    if (known.has(period)) return;
    const table = tableOf(strapi, SPEND_PERIOD_UID);
    await knex()(table.name).insert(table.row({ period, credits: 0 })).onConflict(table.column('period')).ignore();
    known.add(period);
  };

  /** One more credit in `period`, if it stays within `limit` (null: always). */
  const take = async (period: string, limit: number | null): Promise<boolean> => {
    await ensureRow(period);
    const table = tableOf(strapi, SPEND_PERIOD_UID);
    const credits = table.column('credits');
    const query = knex()(table.name).where(table.column('period'), period);
    if (limit !== null) query.andWhere(credits, '<', limit);
    return (await query.update({ [credits]: knex().raw('?? + 1', [credits]) })) === 1;
  };

  /**
   * With at most one limit, both counters in one statement: the unlimited row always matches, the
   * limited one only below its limit, so two rows changed means the credit is taken and one means
   * the limited period refused it (the other period's credit is given back) — the same exact
   * last-credit race as `take`, one statement instead of two.
   */
  const takeBoth = async (periods: { day: string; month: string }, limited: { which: 'day' | 'month'; limit: number } | null): Promise<'day' | 'month' | null> => {
    await ensureRow(periods.day);
    await ensureRow(periods.month);
    const table = tableOf(strapi, SPEND_PERIOD_UID);
    const credits = table.column('credits');
    const period = table.column('period');
    const query = knex()(table.name).whereIn(period, [periods.day, periods.month]);
    if (limited) query.andWhere((one) => one.whereNot(period, periods[limited.which]).orWhere(credits, '<', limited.limit));
    if ((await query.update({ [credits]: knex().raw('?? + 1', [credits]) })) === 2 || !limited) return null;
    await giveBack(periods[limited.which === 'day' ? 'month' : 'day']);
    return limited.which;
  };

  const giveBack = async (period: string) => {
    const table = tableOf(strapi, SPEND_PERIOD_UID);
    const credits = table.column('credits');
    await knex()(table.name).where(table.column('period'), period).andWhere(credits, '>', 0).update({ [credits]: knex().raw('?? - 1', [credits]) });
  };

  const spentIn = async (periods: string[]): Promise<Map<string, number>> => {
    const table = tableOf(strapi, SPEND_PERIOD_UID);
    const rows = (await knex()(table.name).select({ period: table.column('period'), credits: table.column('credits') }).whereIn(table.column('period'), periods)) as Array<{ period: string; credits: number | string }>;
    return new Map(rows.map((row) => [row.period, Number(row.credits)]));
  };

  return {
    /** Reserves one credit for a paid call of `provider` and records the call in the ledger; refused past a limit. */
    async reserve(provider: string): Promise<ReserveResult> {
      const { perDay, perMonth } = readConfig(strapi).budget;
      const at = now();
      const reservation = { provider, day: dayOf(at), month: monthOf(at) };
      if (perDay !== null && perMonth !== null) {
        if (!(await take(reservation.day, perDay))) return refusal('day', perDay, nextDayStart(at));
        if (!(await take(reservation.month, perMonth))) {
          await giveBack(reservation.day);
          return refusal('month', perMonth, nextMonthStart(at));
        }
      } else {
        const refused = await takeBoth(reservation, perDay !== null ? { which: 'day', limit: perDay } : perMonth !== null ? { which: 'month', limit: perMonth } : null);
        if (refused === 'day') return refusal('day', perDay ?? 0, nextDayStart(at));
        if (refused === 'month') return refusal('month', perMonth ?? 0, nextMonthStart(at));
      }
      await ledger.add(reservation.day, provider, { calls: 1, credits: 1 });
      return { ok: true, reservation };
    },

    /** The call cost nothing (refund.ts): its credit comes back, in the periods it was taken from. The call stays counted. */
    async release(reservation: Reservation): Promise<void> {
      await giveBack(reservation.day);
      await giveBack(reservation.month);
      await ledger.add(reservation.day, reservation.provider, { credits: -1 });
    },

    /** The budget as of now, or null when none is set. */
    async view(): Promise<BudgetView | null> {
      const { perDay, perMonth } = readConfig(strapi).budget;
      if (perDay === null && perMonth === null) return null;
      const at = now();
      const spent = await spentIn([dayOf(at), monthOf(at)]);
      const spentToday = spent.get(dayOf(at)) ?? 0;
      const spentThisMonth = spent.get(monthOf(at)) ?? 0;
      const leftToday = perDay === null ? Infinity : Math.max(0, perDay - spentToday);
      const leftThisMonth = perMonth === null ? Infinity : Math.max(0, perMonth - spentThisMonth);
      const monthBinds = perMonth !== null && leftThisMonth <= leftToday;
      return {
        perDay,
        perMonth,
        spentToday,
        spentThisMonth,
        remaining: Math.min(leftToday, leftThisMonth),
        binds: monthBinds ? 'month' : 'day',
        resetsAt: (monthBinds ? nextMonthStart(at) : nextDayStart(at)).toISOString(),
      };
    },
  };
};

export type Budget = ReturnType<typeof createBudget>;
