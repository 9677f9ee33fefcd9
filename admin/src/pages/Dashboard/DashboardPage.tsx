import * as React from 'react';
import { Flex, Grid, LinkButton } from '@strapi/design-system';
import { Cog } from '@strapi/icons';
import { Layouts, Page } from '@strapi/strapi/admin';
import { Link } from 'react-router-dom';
import { CoverageSummary } from '../../components/CoverageSummary';
import { LiveAnnouncement } from '../../components/LiveAnnouncement';
import { LocaleCoverage } from '../../components/LocaleCoverage';
import { Panel } from '../../components/Panel';
import { usePluginPermissions } from '../../hooks/usePluginPermissions';
import { useStatus } from '../../hooks/useStatus';
import { useT } from '../../hooks/useT';
import { PLUGIN_ID } from '../../pluginId';
import { BulkPanel } from './BulkPanel';
import { CreditsCard } from './CreditsCard';
import { CsvPanel } from './CsvPanel';
import { FailuresList } from './FailuresList';
import { MediaList } from './MediaList';
import { QueueCard } from './QueueCard';
import { RunHistory } from './RunHistory';
import { RunProgress } from './RunProgress';
import { SpendingCard } from './SpendingCard';
import { ReviewNotice } from '../Review';

export const DashboardPage = () => {
  const t = useT();
  const permissions = usePluginPermissions();
  const status = useStatus();
  const [startedRunId, setStartedRunId] = React.useState<number | null>(null);
  const [selectedIds, setSelectedIds] = React.useState<number[]>([]);
  const [announcement, setAnnouncement] = React.useState('');

  if (status.isLoading || permissions.isLoading) return <Page.Loading />;
  if (status.isError || !status.data) return <Page.Error />;
  const { coverage, queue, latestRun } = status.data;
  const runId = startedRunId ?? latestRun?.id ?? null;

  return (
    <Page.Main>
      <Page.Title>{t('plugin.name', 'Auto Alt Text')}</Page.Title>
      <LiveAnnouncement text={announcement} testId="run-announcer" />
      <Layouts.Header
        title={t('plugin.name', 'Auto Alt Text')}
        subtitle={t('dashboard.subtitle', 'Alt text coverage of the Media Library, and the work in progress')}
        secondaryAction={
          permissions.canSettings ? (
            <LinkButton tag={Link} to={`/settings/${PLUGIN_ID}`} variant="tertiary" startIcon={<Cog />}>
              {t('dashboard.settings', 'Settings')}
            </LinkButton>
          ) : undefined
        }
      />
      <Layouts.Content>
        <Flex direction="column" alignItems="stretch" gap={6}>
          <ReviewNotice />
          <Grid.Root gap={4}>
            <Grid.Item col={5} s={12} direction="column" alignItems="stretch">
              <Panel title={t('coverage.title', 'Coverage')} testId="coverage-card">
                <CoverageSummary coverage={coverage} />
                <LocaleCoverage coverage={coverage} />
              </Panel>
            </Grid.Item>
            <Grid.Item col={3} s={12} direction="column" alignItems="stretch">
              <CreditsCard />
            </Grid.Item>
            <Grid.Item col={4} s={12} direction="column" alignItems="stretch">
              <QueueCard queue={queue} jobs={coverage.jobs} canBulk={permissions.canBulk} />
            </Grid.Item>
          </Grid.Root>
          <SpendingCard busy={!queue.paused && coverage.jobs.pending + coverage.jobs.running > 0} />
          {permissions.canBulk ? <BulkPanel selectedIds={selectedIds} onStarted={setStartedRunId} /> : null}
          {runId !== null ? <RunProgress key={runId} runId={runId} initial={latestRun ?? undefined} canBulk={permissions.canBulk} queue={queue} startedHere={runId === startedRunId} onAnnounce={setAnnouncement} /> : null}
          <RunHistory />
          <FailuresList canRetry={permissions.canGenerate} />
          <MediaList
            selectable={permissions.canBulk}
            selectedIds={selectedIds}
            onSelectedChange={setSelectedIds}
            canGenerate={permissions.canGenerate}
            poll={!queue.paused}
          />
          {permissions.canGenerate ? <CsvPanel /> : null}
        </Flex>
      </Layouts.Content>
    </Page.Main>
  );
};
