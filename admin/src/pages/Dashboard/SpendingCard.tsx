import * as React from 'react';
import { Flex, Loader, Typography } from '@strapi/design-system';
import { useIntl } from 'react-intl';
import type { SpendingView } from '../../../../shared/contracts/spending';
import { Panel } from '../../components/Panel';
import { SpendingChart } from '../../components/SpendingChart';
import { useSpending } from '../../hooks/useSpending';
import { useT } from '../../hooks/useT';

const DAYS = 30;

/** A UTC day ('YYYY-MM-DD') as the admin's locale writes a short date. */
const useFormatDay = () => {
  const { formatDate } = useIntl();
  return (day: string) => formatDate(`${day}T00:00:00Z`, { day: 'numeric', month: 'short', timeZone: 'UTC' });
};

const BudgetLines = ({ budget }: { budget: NonNullable<SpendingView['budget']> }) => {
  const t = useT();
  return (
    <Flex direction="column" alignItems="flex-start" gap={1} data-testid="spending-budget">
      {budget.perDay !== null ? (
        <Typography>{t('spending.budgetToday', 'Today: {spent} of {limit, plural, one {# credit} other {# credits}}', { spent: budget.spentToday, limit: budget.perDay })}</Typography>
      ) : null}
      {budget.perMonth !== null ? (
        <Typography>{t('spending.budgetMonth', 'This month: {spent} of {limit, plural, one {# credit} other {# credits}}', { spent: budget.spentThisMonth, limit: budget.perMonth })}</Typography>
      ) : null}
    </Flex>
  );
};

/** What the plugin spent in the last 30 days (UTC): credits per day as a small chart, calls, cache hits, and the budget. */
export const SpendingCard = ({ busy }: { busy: boolean }) => {
  const t = useT();
  const formatDay = useFormatDay();
  const spending = useSpending(DAYS, busy);
  const data = spending.data;
  // Work just stopped (done, or paused by the budget): one more read, so the card shows the last calls.
  const wasBusy = React.useRef(busy);
  const { refetch } = spending;
  React.useEffect(() => {
    if (wasBusy.current && !busy) void refetch();
    wasBusy.current = busy;
  }, [busy, refetch]);
  const providers = data ? [...new Set(data.days.flatMap((day) => Object.keys(day.providers)))] : [];
  const creditsOf = (provider: string) => (data?.days ?? []).reduce((sum, day) => sum + (day.providers[provider]?.credits ?? 0), 0);
  return (
    <Panel title={t('spending.title', 'Spending')} testId="spending-card">
      {spending.isLoading ? <Loader small /> : null}
      {spending.isError ? <Typography textColor="danger600">{t('spending.error', 'Spending could not be read.')}</Typography> : null}
      {data ? (
        <Flex direction="column" alignItems="stretch" gap={2}>
          <Typography fontWeight="bold" data-testid="spending-total">
            {t('spending.total', '{credits, plural, one {# credit} other {# credits}} in the last {days} days', { credits: data.totals.credits, days: DAYS })}
          </Typography>
          <Typography textColor="neutral600" data-testid="spending-calls">
            {t('spending.calls', '{calls, plural, one {# provider call} other {# provider calls}} · {cacheHits} free from cache', { calls: data.totals.calls, cacheHits: data.totals.cacheHits })}
          </Typography>
          {providers.length > 1
            ? providers.map((provider) => (
                <Typography key={provider} textColor="neutral600">
                  {t('spending.provider', '{provider}: {credits, plural, one {# credit} other {# credits}}', { provider, credits: creditsOf(provider) })}
                </Typography>
              ))
            : null}
          {data.budget ? <BudgetLines budget={data.budget} /> : null}
          <SpendingChart
            days={data.days}
            perDay={data.budget?.perDay ?? null}
            formatDay={formatDay}
            label={t('spending.chartLabel', 'Credits per day from {from} to {to}: {credits} in total, at most {max} in one day', {
              from: formatDay(data.days[0].day),
              to: formatDay(data.days[data.days.length - 1].day),
              credits: data.totals.credits,
              max: Math.max(0, ...data.days.map((day) => day.credits)),
            })}
            table={{
              caption: t('spending.tableCaption', 'Spending per day (UTC)'),
              day: t('spending.day', 'Day'),
              credits: t('spending.credits', 'Credits'),
              calls: t('spending.callsColumn', 'Calls'),
              cacheHits: t('spending.cacheHits', 'Free from cache'),
            }}
          />
          <Flex justifyContent="space-between">
            <Typography variant="pi" textColor="neutral600">{formatDay(data.days[0].day)}</Typography>
            <Typography variant="pi" textColor="neutral600">{formatDay(data.days[data.days.length - 1].day)}</Typography>
          </Flex>
        </Flex>
      ) : null}
    </Panel>
  );
};
