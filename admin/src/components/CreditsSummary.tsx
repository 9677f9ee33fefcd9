import { Flex, Typography } from '@strapi/design-system';
import { useIntl } from 'react-intl';
import type { CreditsView } from '../../../shared/contracts/settings';
import { useT } from '../hooks/useT';

/** Remaining credits, plan and refill date, or why the provider reports none. */
export const CreditsSummary = ({ credits }: { credits: CreditsView }) => {
  const { formatNumber, formatDate } = useIntl();
  const t = useT();
  if (!credits.reported) {
    return (
      <Typography textColor="neutral600">
        {credits.reason ?? t('credits.notReported', 'This provider reports no credits.')}
      </Typography>
    );
  }
  return (
    <Flex direction="column" alignItems="flex-start" gap={1} data-testid="credits-summary">
      <Typography fontWeight="bold">
        {t('credits.remaining', '{count, plural, one {# credit remaining} other {# credits remaining}}', { count: credits.remaining ?? 0 })}
      </Typography>
      {credits.plan ? (
        <Typography textColor="neutral600">
          {t('credits.plan', 'Plan: {plan}', { plan: credits.plan })}
        </Typography>
      ) : null}
      {credits.refillsAt ? (
        <Typography textColor="neutral600">
          {t('credits.refillsAt', 'Refills on {date}', { date: formatDate(credits.refillsAt, { dateStyle: 'medium' }) })}
        </Typography>
      ) : null}
    </Flex>
  );
};
