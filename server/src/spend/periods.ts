/**
 * The budget's periods: UTC days ('YYYY-MM-DD') and UTC calendar months ('YYYY-MM'). Keys sort
 * as text in time order, so a range of days is a plain string comparison in SQL.
 */

export const dayOf = (at: Date): string => at.toISOString().slice(0, 10);

export const monthOf = (at: Date): string => at.toISOString().slice(0, 7);

/** The next UTC midnight after `at` (at midnight itself: the one a day later). */
export const nextDayStart = (at: Date): Date => new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), at.getUTCDate() + 1));

/** The first instant of the next UTC calendar month. */
export const nextMonthStart = (at: Date): Date => new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth() + 1, 1));

/** The last `count` UTC days up to and including the day of `at`, oldest first. */
export const lastDays = (at: Date, count: number): string[] => {
  const days: string[] = [];
  for (let back = count - 1; back >= 0; back--) {
    days.push(dayOf(new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), at.getUTCDate() - back))));
  }
  return days;
};
