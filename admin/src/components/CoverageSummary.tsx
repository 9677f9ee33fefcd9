import { Flex, Typography } from '@strapi/design-system';
import { useIntl } from 'react-intl';
import type { CoverageView } from '../../../shared/contracts/queue';
import { useT } from '../hooks/useT';
import { Meter } from './Meter';

/** A large library's counts are snapshots (the server recounts them in the background): their time is shown once they are this old. */
const STALE_AFTER_MS = 5_000;
const countedBefore = (countedAt: string, ms: number) => Date.now() - Date.parse(countedAt) > ms;

/** "87 %" with a bar and the counts behind it; shared by the dashboard and the homepage widget. */
export const CoverageSummary = ({ coverage }: { coverage: CoverageView }) => {
  const { formatNumber, formatTime } = useIntl();
  const t = useT();
  const percent = Math.round(coverage.coveragePercent);
  return (
    <Flex direction="column" alignItems="stretch" gap={3} data-testid="coverage-summary">
      <Flex alignItems="baseline" gap={2}>
        <Typography variant="alpha" tag="p" data-testid="coverage-percent">
          {percent} %
        </Typography>
        <Typography textColor="neutral600">
          {t('coverage.ofImages', 'of images have alt text')}
        </Typography>
      </Flex>
      <Meter value={percent} color="success500" label={t('coverage.title', 'Coverage')} />
      <Flex gap={4} wrap="wrap">
        <Typography textColor="success600">
          {t('coverage.with', '{count} with alt text', { count: formatNumber(coverage.withAltText) })}
        </Typography>
        <Typography textColor="danger600">
          {t('coverage.without', '{count} without', { count: formatNumber(coverage.missingAltText) })}
        </Typography>
        <Typography textColor="neutral600">
          {t('coverage.total', '{count, plural, one {# image} other {# images}}', { count: coverage.images })}
        </Typography>
        {countedBefore(coverage.countedAt, STALE_AFTER_MS) ? (
          <Typography variant="pi" textColor="neutral600" data-testid="coverage-counted-at">
            {t('coverage.countedAt', 'Counted at {time}', { time: formatTime(coverage.countedAt, { timeStyle: 'medium' }) })}
          </Typography>
        ) : null}
      </Flex>
    </Flex>
  );
};
