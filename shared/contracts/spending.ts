/** What the plugin spent, and the budget it may spend (`GET /auto-alt-text/spending`, estimates). */

/** The budget in force (config `budget`), as of now; null where a route answers it: no budget is set. */
export interface BudgetView {
  /** Credits per UTC day; null = no daily limit. */
  perDay: number | null;
  /** Credits per UTC calendar month; null = no monthly limit. */
  perMonth: number | null;
  /** Credits spent today (UTC) and this month, by every replica, across providers. */
  spentToday: number;
  spentThisMonth: number;
  /** Credits left before a limit is reached (the smaller of the two). */
  remaining: number;
  /** The limit with the fewer credits left: the one a run would reach first. */
  binds: 'day' | 'month';
  /** When that limit starts again: ISO, the next UTC midnight or the first of the next UTC month. */
  resetsAt: string;
}

/** One provider's spending in one UTC day. `credits`: calls that cost credits (given back when the provider charged nothing). */
export interface SpendCounts {
  calls: number;
  credits: number;
  /** Texts written from a cache of earlier answers: no call, no credit. */
  cacheHits: number;
}

export interface SpendingDay extends SpendCounts {
  /** 'YYYY-MM-DD', UTC. */
  day: string;
  /** Per provider name; empty on a day with nothing spent (its counts above are zeros). */
  providers: Record<string, SpendCounts>;
}

export interface SpendingView {
  /** Every day of the window, oldest first, days with nothing included. */
  days: SpendingDay[];
  totals: SpendCounts;
  budget: BudgetView | null;
}

/** GET /auto-alt-text/spending?days= — the last `days` UTC days (1–90, default 30), today included. */
export declare namespace GetSpending {
  interface Request { query: { days?: string } }
  interface Response { data: SpendingView }
}
