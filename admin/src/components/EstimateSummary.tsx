import { Box, Flex, Typography } from '@strapi/design-system';
import { useIntl } from 'react-intl';
import type { LocaleView } from '../../../shared/contracts/locales';
import type { EstimateView } from '../../../shared/contracts/runs';
import { useT } from '../hooks/useT';
import { BudgetEstimate } from './BudgetEstimate';

interface EstimateSummaryProps {
  estimate: EstimateView;
  /** The locales the run would write, when the plugin writes more than one: the cost is then counted per image and locale. */
  locales?: LocaleView[];
}

/** What a run would cost before it starts: images (× locales), credits, the budget, and what it would skip and why. */
export const EstimateSummary = ({ estimate, locales }: EstimateSummaryProps) => {
  const { formatNumber } = useIntl();
  const t = useT();
  const skipped = Object.entries(estimate.skipped).filter(([, count]) => count > 0);
  const perLocale = locales ? locales.filter((locale) => (estimate.perLocale[locale.code] ?? 0) > 0) : [];
  const counts = { images: estimate.images, locales: locales?.length ?? 1, credits: estimate.credits };
  // Texts a locale already has are not owed again, and an OpenAI-compatible model answers every locale in one call.
  const exact = estimate.credits === estimate.images * counts.locales;
  const summary = !locales
    ? t('bulk.estimate.summary', '{images, plural, one {# image} other {# images}}, about {credits, plural, one {# credit} other {# credits}}', { images: estimate.images, credits: estimate.credits })
    : exact
      ? t('bulk.estimate.localesSummary', '{images, plural, one {# image} other {# images}} × {locales, plural, one {# locale} other {# locales}} = {credits, plural, one {# credit} other {# credits}}', counts)
      : t('bulk.estimate.localesOwed', '{images, plural, one {# image} other {# images}} × {locales, plural, one {# locale} other {# locales}}: about {credits, plural, one {# credit} other {# credits}}, for the texts still owed', counts);
  return (
    <Box background="primary100" padding={4} hasRadius data-testid="estimate">
      <Flex direction="column" alignItems="flex-start" gap={1}>
        <Typography fontWeight="bold">{summary}</Typography>
        <BudgetEstimate estimate={estimate} />
        {perLocale.length > 1 ? (
          <Typography textColor="neutral600" data-testid="estimate-per-locale">
            {perLocale
              .map((locale) => t('bulk.estimate.localeCount', '{locale}: {count, plural, one {# text} other {# texts}}', { locale: locale.name, count: estimate.perLocale[locale.code] }))
              .join(' · ')}
          </Typography>
        ) : null}
        {estimate.fromCache > 0 ? (
          <Typography textColor="neutral600" data-testid="estimate-from-cache">
            {t('bulk.estimate.fromCache', '{count, plural, one {# image} other {# images}} from the cache (free): described before with the same bytes and settings', { count: estimate.fromCache })}
          </Typography>
        ) : null}
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
