import { Flex, Typography } from '@strapi/design-system';
import { useIntl } from 'react-intl';
import type { CoverageView } from '../../../shared/contracts/queue';
import { getTranslation } from '../utils/getTranslation';
import { Meter } from './Meter';

/** "87 %" with a bar and the counts behind it; shared by the dashboard and the homepage widget. */
export const CoverageSummary = ({ coverage }: { coverage: CoverageView }) => {
  const { formatMessage, formatNumber } = useIntl();
  const percent = Math.round(coverage.coveragePercent);
  return (
    <Flex direction="column" alignItems="stretch" gap={3} data-testid="coverage-summary">
      <Flex alignItems="baseline" gap={2}>
        <Typography variant="alpha" tag="p" data-testid="coverage-percent">
          {percent} %
        </Typography>
        <Typography textColor="neutral600">
          {formatMessage({ id: getTranslation('coverage.ofImages'), defaultMessage: 'of images have alt text' })}
        </Typography>
      </Flex>
      <Meter value={percent} color="success500" label={formatMessage({ id: getTranslation('coverage.title'), defaultMessage: 'Coverage' })} />
      <Flex gap={4} wrap="wrap">
        <Typography textColor="success600">
          {formatMessage(
            { id: getTranslation('coverage.with'), defaultMessage: '{count} with alt text' },
            { count: formatNumber(coverage.withAltText) }
          )}
        </Typography>
        <Typography textColor="danger600">
          {formatMessage(
            { id: getTranslation('coverage.without'), defaultMessage: '{count} without' },
            { count: formatNumber(coverage.missingAltText) }
          )}
        </Typography>
        <Typography textColor="neutral600">
          {formatMessage(
            { id: getTranslation('coverage.total'), defaultMessage: '{count} images' },
            { count: formatNumber(coverage.images) }
          )}
        </Typography>
      </Flex>
    </Flex>
  );
};
