import { Flex } from '@strapi/design-system';
import { Widget } from '@strapi/strapi/admin';
import { useStatus } from '../hooks/useStatus';
import { CoverageSummary } from './CoverageSummary';
import { LocaleCoverage } from './LocaleCoverage';
import { withPluginProviders } from './PluginProviders';

/** Homepage widget: how much of the library has alt text (and, when the plugin writes several locales, in each). */
const CoverageWidget = () => {
  const status = useStatus();
  if (status.isLoading) return <Widget.Loading />;
  if (status.isError || !status.data) return <Widget.Error />;
  if (status.data.coverage.images === 0) return <Widget.NoData />;
  return (
    <Flex direction="column" alignItems="stretch" justifyContent="center" gap={3} height="100%">
      <CoverageSummary coverage={status.data.coverage} />
      <LocaleCoverage coverage={status.data.coverage} compact />
    </Flex>
  );
};

export default withPluginProviders(CoverageWidget);
