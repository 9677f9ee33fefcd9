import { Typography } from '@strapi/design-system';
import { useIntl } from 'react-intl';
import type { EstimateView } from '../../../shared/contracts/runs';
import { useT, type Message } from '../hooks/useT';

const CREDITS_LEFT = '{remaining, plural, =0 {none is} one {# is} other {# are}}';
const NEEDS = 'This run needs {credits, plural, one {# credit} other {# credits}}';
const GOES_ON = 'it will pause when the budget is reached and go on at {resetsAt}.';

/** By the limit that binds (the one a run reaches first). */
const MESSAGES: Record<'day' | 'month', { within: Message; exceeds: Message }> = {
  day: {
    within: { id: 'budget.estimate.withinDay', defaultMessage: 'Within the budget: {remaining, plural, one {# credit} other {# credits}} left today.' },
    exceeds: { id: 'budget.estimate.exceedsDay', defaultMessage: `${NEEDS}; ${CREDITS_LEFT} left of today's budget of {limit, plural, one {# credit} other {# credits}} — ${GOES_ON}` },
  },
  month: {
    within: { id: 'budget.estimate.withinMonth', defaultMessage: 'Within the budget: {remaining, plural, one {# credit} other {# credits}} left this month.' },
    exceeds: { id: 'budget.estimate.exceedsMonth', defaultMessage: `${NEEDS}; ${CREDITS_LEFT} left of this month's budget of {limit, plural, one {# credit} other {# credits}} — ${GOES_ON}` },
  },
};

/**
 * A run against the budget, before it starts: within it, or how far it goes and when it goes on —
 * a run that needs more than is left pauses at the limit and resumes by itself when it resets.
 */
export const BudgetEstimate = ({ estimate }: { estimate: EstimateView }) => {
  const { formatDate } = useIntl();
  const t = useT();
  const { budget } = estimate;
  if (!budget) return null;
  const values = {
    credits: estimate.credits,
    remaining: budget.remaining,
    limit: (budget.binds === 'month' ? budget.perMonth : budget.perDay) ?? 0,
    resetsAt: formatDate(budget.resetsAt, { dateStyle: 'medium', timeStyle: 'short' }),
  };
  const message = MESSAGES[budget.binds][budget.wouldExceed ? 'exceeds' : 'within'];
  return (
    <Typography textColor={budget.wouldExceed ? 'neutral800' : 'neutral600'} fontWeight={budget.wouldExceed ? 'semiBold' : undefined} data-testid="estimate-budget">
      {t(message.id, message.defaultMessage, values)}
    </Typography>
  );
};
