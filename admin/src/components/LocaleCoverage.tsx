import { Box, Flex, Typography } from '@strapi/design-system';
import { useIntl } from 'react-intl';
import type { CoverageView } from '../../../shared/contracts/queue';
import { useLocales } from '../hooks/useLocales';
import { useT } from '../hooks/useT';
import { Meter } from './Meter';

/**
 * Coverage in each locale the plugin writes: name, described / total and a percentage; `compact`
 * (the homepage widget) leaves out the bars. Nothing when the plugin writes one locale.
 */
export const LocaleCoverage = ({ coverage, compact = false }: { coverage: CoverageView; compact?: boolean }) => {
  const { formatNumber } = useIntl();
  const t = useT();
  const { locales, nameOf } = useLocales();
  const codes = Object.keys(coverage.locales);
  if (codes.length < 2) return null;
  // The plugin's own order (the default first), then any code it no longer lists.
  const ordered = [...locales.map((locale) => locale.code).filter((code) => codes.includes(code)), ...codes.filter((code) => !locales.some((locale) => locale.code === code))];
  return (
    <Flex direction="column" alignItems="stretch" gap={compact ? 1 : 2} data-testid="locale-coverage">
      {compact ? null : (
        <Typography variant="sigma" textColor="neutral600">
          {t('coverage.perLocale', 'Per locale')}
        </Typography>
      )}
      {ordered.map((code) => {
        const entry = coverage.locales[code];
        const percent = Math.round(entry.coveragePercent);
        const name = nameOf(code);
        const counts = t('coverage.localeCounts', '{described} / {total}', {
          described: formatNumber(entry.withAltText),
          total: formatNumber(entry.withAltText + entry.missingAltText),
        });
        return (
          <Flex key={code} gap={3} alignItems="center" data-testid={`locale-coverage-${code}`}>
            <Box minWidth={compact ? undefined : '9rem'} flex={compact ? '1' : undefined}>
              <Typography variant={compact ? 'pi' : 'omega'} fontWeight="bold" ellipsis>
                {name}
              </Typography>
            </Box>
            {compact ? null : (
              <Box flex="1">
                <Meter value={percent} color="success500" label={t('coverage.localeLabel', 'Coverage in {locale}', { locale: name })} />
              </Box>
            )}
            <Typography variant={compact ? 'pi' : 'omega'} textColor="neutral600">
              {counts}
            </Typography>
            <Box minWidth="3.5rem" textAlign="right">
              <Typography variant={compact ? 'pi' : 'omega'} fontWeight="semiBold" data-testid="locale-percent">
                {percent} %
              </Typography>
            </Box>
          </Flex>
        );
      })}
    </Flex>
  );
};
