import { Box, Flex, Typography } from '@strapi/design-system';
import { useIntl } from 'react-intl';
import type { EstimateView } from '../../../shared/contracts/runs';
import { useT } from '../hooks/useT';

/** What a run would cost before it starts: images, credits, and what it would skip and why. */
export const EstimateSummary = ({ estimate }: { estimate: EstimateView }) => {
  const { formatNumber } = useIntl();
  const t = useT();
  const skipped = Object.entries(estimate.skipped).filter(([, count]) => count > 0);
  return (
    <Box background="primary100" padding={4} hasRadius data-testid="estimate">
      <Flex direction="column" alignItems="flex-start" gap={1}>
        <Typography fontWeight="bold">
          {t('bulk.estimate.summary', '{images} images, about {credits} credits', {
            images: formatNumber(estimate.images),
            credits: formatNumber(estimate.credits),
          })}
        </Typography>
        {estimate.alreadyQueued > 0 ? (
          <Typography textColor="neutral600">
            {t('bulk.estimate.alreadyQueued', '{count} already queued (not counted again)', { count: formatNumber(estimate.alreadyQueued) })}
          </Typography>
        ) : null}
        {skipped.map(([reason, count]) => (
          <Typography key={reason} textColor="neutral600">
            {t('bulk.estimate.skipped', 'Skipped ({reason}): {count}', { reason, count: formatNumber(count) })}
          </Typography>
        ))}
      </Flex>
    </Box>
  );
};
