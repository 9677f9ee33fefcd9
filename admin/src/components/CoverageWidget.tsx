import { Flex, LinkButton, Typography } from '@strapi/design-system';
import { Widget } from '@strapi/strapi/admin';
import { Link } from 'react-router-dom';
import { useT } from '../hooks/useT';
import { useStatus } from '../hooks/useStatus';
import { CoverageSummary } from './CoverageSummary';
import { LocaleCoverage } from './LocaleCoverage';
import { withPluginProviders } from './PluginProviders';

/** Homepage widget: how much of the library has alt text (and, when the plugin writes several locales, in each). */
const CoverageWidget = () => {
  const t = useT();
  const status = useStatus();
  if (status.isLoading) return <Widget.Loading />;
  if (status.isError || !status.data) return <Widget.Error />;
  if (status.data.coverage.images === 0) {
    // Strapi's NoData takes a sentence only: the way forward (a link to the Media Library) needs our own.
    return (
      <Flex direction="column" justifyContent="center" alignItems="center" gap={4} height="100%" data-testid="coverage-widget-empty">
        <Typography textAlign="center" textColor="neutral600">
          {t('widget.empty', 'No images yet. Upload one in the Media Library: its alt text is written for you.')}
        </Typography>
        <LinkButton tag={Link} to="/plugins/upload" variant="secondary" size="S">
          {t('widget.openLibrary', 'Open the Media Library')}
        </LinkButton>
      </Flex>
    );
  }
  return (
    <Flex direction="column" alignItems="stretch" justifyContent="center" gap={3} height="100%">
      <CoverageSummary coverage={status.data.coverage} />
      <LocaleCoverage coverage={status.data.coverage} compact />
    </Flex>
  );
};

export default withPluginProviders(CoverageWidget);
