import { Flex, Typography } from '@strapi/design-system';
import { useIntl } from 'react-intl';
import type { CreditsView } from '../../../shared/contracts/settings';
import { getTranslation } from '../utils/getTranslation';

/** Remaining credits, plan and refill date, or why the provider reports none. */
export const CreditsSummary = ({ credits }: { credits: CreditsView }) => {
  const { formatMessage, formatNumber, formatDate } = useIntl();
  if (!credits.reported) {
    return (
      <Typography textColor="neutral600">
        {credits.reason ??
          formatMessage({ id: getTranslation('credits.notReported'), defaultMessage: 'This provider reports no credits.' })}
      </Typography>
    );
  }
  return (
    <Flex direction="column" alignItems="flex-start" gap={1} data-testid="credits-summary">
      <Typography fontWeight="bold">
        {formatMessage(
          { id: getTranslation('credits.remaining'), defaultMessage: '{count} credits remaining' },
          { count: formatNumber(credits.remaining ?? 0) }
        )}
      </Typography>
      {credits.plan ? (
        <Typography textColor="neutral600">
          {formatMessage({ id: getTranslation('credits.plan'), defaultMessage: 'Plan: {plan}' }, { plan: credits.plan })}
        </Typography>
      ) : null}
      {credits.refillsAt ? (
        <Typography textColor="neutral600">
          {formatMessage(
            { id: getTranslation('credits.refillsAt'), defaultMessage: 'Refills on {date}' },
            { date: formatDate(credits.refillsAt, { dateStyle: 'medium' }) }
          )}
        </Typography>
      ) : null}
    </Flex>
  );
};
