import type { Core } from '@strapi/strapi';
import type { SpendingView } from '../../../shared/contracts/spending';
import { createBudget, createSpendLedger, setClock, type Reservation } from '../spend';

/**
 * What the plugin spends and may spend: the ledger (calls, credits and cache hits per UTC day and
 * provider) and the budget (`budget: { perDay, perMonth }`), both counted in the database so
 * every replica shares them. The queue reserves a credit here before each paid call.
 */
export const createBudgetService = ({ strapi }: { strapi: Core.Strapi }) => {
  const ledger = createSpendLedger(strapi);
  const budget = createBudget(strapi, ledger);
  return {
    reserve: (provider: string) => budget.reserve(provider),
    release: (reservation: Reservation) => budget.release(reservation),
    /** The budget as of now (spent today and this month, credits left, when it resets); null without one. */
    view: () => budget.view(),
    /** A text written from a cache instead of a provider call: counted as free, for today (UTC). */
    recordCacheHit: (provider: string, count = 1) => ledger.recordCacheHit(provider, count),

    /** GET /spending: the last `days` UTC days (each present, zeros included), their totals, the budget. */
    async spending(days = 30): Promise<SpendingView> {
      const [report, view] = await Promise.all([ledger.report(days), budget.view()]);
      return { ...report, budget: view };
    },

    /**
     * Tests only: the clock the budget reads (its days and months, the end of a BUDGET_REACHED pause),
     * process-wide; null restores the real one.
     */
    setClockForTests: (clock: (() => Date) | null) => setClock(clock),
  };
};
