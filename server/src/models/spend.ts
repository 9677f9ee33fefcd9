import { internalModel, required } from './define';

export const SPEND_UID = 'plugin::auto-alt-text.spend';
export const SPEND_PERIOD_UID = 'plugin::auto-alt-text.spend-period';

const count = () => ({ type: 'integer', default: 0, column: { notNullable: true } }) as const;

/**
 * The spending ledger: one row per UTC day and provider — the provider calls made, the credits
 * they cost, and the texts a cache gave for free. Rows are only ever incremented by single
 * atomic statements, so every replica on the database writes into the same count.
 */
export const spendModel = internalModel(SPEND_UID, 'auto_alt_text_spend', {
  attributes: {
    /** 'YYYY-MM-DD', UTC. */
    day: required('string'),
    provider: required('string'),
    calls: count(),
    credits: count(),
    cacheHits: count(),
  },
  indexes: [{ name: 'auto_alt_text_spend_day_provider_uq', columns: ['day', 'provider'], type: 'unique' }],
  rowTimes: false,
});

/**
 * The budget's counters: credits spent in one UTC day ('YYYY-MM-DD') or month ('YYYY-MM'), across
 * providers. One row per period, so "one more credit if it stays within the limit" is one
 * conditional UPDATE of one row — atomic on SQLite, PostgreSQL and MySQL alike, whatever number
 * of replicas race for the last credit (a sum over the ledger's rows could not be checked that way).
 */
export const spendPeriodModel = internalModel(SPEND_PERIOD_UID, 'auto_alt_text_spend_periods', {
  attributes: {
    period: required('string'),
    credits: count(),
  },
  indexes: [{ name: 'auto_alt_text_spend_periods_period_uq', columns: ['period'], type: 'unique' }],
  rowTimes: false,
});
