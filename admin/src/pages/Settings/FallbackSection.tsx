import { Flex, Grid, Typography } from '@strapi/design-system';
import type { FallbackSettingsView } from '../../../../shared/contracts/settings';
import { Panel } from '../../components/Panel';
import { useT } from '../../hooks/useT';
import { PROVIDER_LABELS } from './optionLabels';

const Fact = ({ label, value, testId }: { label: string; value: string; testId?: string }) => (
  <Grid.Item col={6} s={12} direction="column" alignItems="flex-start">
    <Typography variant="pi" fontWeight="bold" textColor="neutral800">
      {label}
    </Typography>
    <Typography textColor="neutral700" data-testid={testId}>
      {value}
    </Typography>
  </Grid.Item>
);

/**
 * The fallback provider, read-only: it is set in config/plugins or the environment only, so that
 * its key stays bound to its own endpoint. Shows where it is and that a key is set, never the key.
 */
export const FallbackSection = ({ fallback }: { fallback: FallbackSettingsView }) => {
  const t = useT();
  return (
    <Panel look="section" title={t('settings.section.fallback', 'Fallback provider')} testId="settings-fallback">
      <Flex direction="column" alignItems="stretch" gap={4}>
        <Typography variant="pi" textColor="neutral600">
          {t(
            'settings.fallback.hint',
            'Jobs go to this provider while the primary is out of credits, refuses its key or has been failing for {seconds} s. Set in the server configuration (config/plugins or ALT_TEXT_FALLBACK_*); its key is only sent to this provider.',
            { seconds: fallback.afterTransientSeconds }
          )}
        </Typography>
        <Grid.Root gap={5}>
          <Fact label={t('settings.provider.label', 'Provider')} value={PROVIDER_LABELS[fallback.provider]} testId="fallback-provider" />
          <Fact label={t('settings.baseUrl.label', 'Base URL')} value={fallback.baseUrl ?? t('settings.fallback.defaultBaseUrl', "The provider's public API")} testId="fallback-base-url" />
          {fallback.model ? <Fact label={t('settings.model.label', 'Model')} value={fallback.model} /> : null}
          <Fact
            label={t('settings.apiKey.label', 'API key')}
            value={fallback.keySet ? t('settings.fallback.keySet', 'Key set in the server configuration') : t('settings.apiKey.status.none', 'Not set')}
            testId="fallback-key"
          />
        </Grid.Root>
      </Flex>
    </Panel>
  );
};
