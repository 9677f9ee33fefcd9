import * as React from 'react';
import { Flex, Table, Tbody, Td, Th, Thead, Tr, Typography } from '@strapi/design-system';
import { useIntl } from 'react-intl';
import type { RunHistoryItem } from '../../../../shared/contracts/runs';
import { Pager } from '../../components/Pager';
import { Panel } from '../../components/Panel';
import { StatusBadge } from '../../components/StatusBadge';
import { useRunHistory } from '../../hooks/useRuns';
import { useT } from '../../hooks/useT';
import { durationText, modeText, scopeText, starterText } from './runHistoryText';
import { RUN_STATUS_LABELS, RUN_STATUS_VARIANT } from './runStatus';

const PAGE_SIZE = 10;

const Lines = ({ first, second }: { first: React.ReactNode; second?: React.ReactNode }) => (
  <Flex direction="column" alignItems="flex-start" gap={1}>
    <Typography>{first}</Typography>
    {second ? <Typography variant="pi" textColor="neutral600">{second}</Typography> : null}
  </Flex>
);

/** Past runs, newest first: when and by whom, what they covered and how, what came of it and what it cost. */
export const RunHistory = () => {
  const { formatDate, formatNumber } = useIntl();
  const t = useT();
  const [page, setPage] = React.useState(1);
  const history = useRunHistory({ page, pageSize: PAGE_SIZE });
  const rows = history.data?.data ?? [];
  const when = (iso: string) => formatDate(iso, { dateStyle: 'medium', timeStyle: 'short' });

  const countsOf = (run: RunHistoryItem) =>
    [
      t('runs.history.described', '{count, plural, one {# described} other {# described}}', { count: run.counts.done }),
      t('runs.history.skipped', '{count, plural, one {# skipped} other {# skipped}}', { count: run.counts.skipped }),
      t('runs.history.failed', '{count, plural, one {# failed} other {# failed}}', { count: run.counts.failed }),
      ...(run.counts.cancelled > 0 ? [t('runs.history.cancelled', '{count, plural, one {# cancelled} other {# cancelled}}', { count: run.counts.cancelled })] : []),
    ].join(' · ');

  return (
    <Panel title={t('runs.history.title', 'Run history')} testId="run-history">
      {rows.length === 0 ? (
        <Typography textColor="neutral600">{t('runs.history.empty', 'No runs yet. A bulk run started above, or from code, is listed here.')}</Typography>
      ) : (
        <Table colCount={6} rowCount={rows.length + 1}>
          <Thead>
            <Tr>
              <Th><Typography variant="sigma">{t('runs.history.run', 'Run')}</Typography></Th>
              <Th><Typography variant="sigma">{t('runs.history.started', 'Started')}</Typography></Th>
              <Th><Typography variant="sigma">{t('runs.history.duration', 'Duration')}</Typography></Th>
              <Th><Typography variant="sigma">{t('runs.history.scope', 'Scope')}</Typography></Th>
              <Th><Typography variant="sigma">{t('runs.history.images', 'Images')}</Typography></Th>
              <Th><Typography variant="sigma">{t('runs.history.credits', 'Credits')}</Typography></Th>
            </Tr>
          </Thead>
          <Tbody>
            {rows.map((run) => {
              const status = RUN_STATUS_LABELS[run.status];
              return (
                <Tr key={run.id} data-testid={`run-history-${run.id}`}>
                  <Td>
                    <Flex direction="column" alignItems="flex-start" gap={1}>
                      <Typography fontWeight="bold">{t('run.title', 'Run #{id}', { id: run.id })}</Typography>
                      <StatusBadge tone={RUN_STATUS_VARIANT[run.status]}>{t(status.id, status.defaultMessage)}</StatusBadge>
                    </Flex>
                  </Td>
                  <Td><Lines first={when(run.createdAt)} second={starterText(run, t)} /></Td>
                  <Td>
                    <Lines
                      first={durationText(run, t) ?? '—'}
                      second={run.finishedAt ? t('runs.history.finishedAt', 'ended {at}', { at: when(run.finishedAt) }) : undefined}
                    />
                  </Td>
                  <Td style={{ whiteSpace: 'normal' }}><Lines first={scopeText(run, t)} second={modeText(run, t)} /></Td>
                  <Td style={{ whiteSpace: 'normal' }}><Typography>{countsOf(run)}</Typography></Td>
                  <Td>
                    <Typography title={run.credits === null ? t('runs.history.creditsUnknown', 'Not counted: the run is older than the per-run count') : undefined}>
                      {run.credits === null ? '—' : formatNumber(run.credits)}
                    </Typography>
                  </Td>
                </Tr>
              );
            })}
          </Tbody>
        </Table>
      )}
      {history.data ? <Pager page={page} pageSize={PAGE_SIZE} total={history.data.meta.pagination.total} onPage={setPage} /> : null}
    </Panel>
  );
};
