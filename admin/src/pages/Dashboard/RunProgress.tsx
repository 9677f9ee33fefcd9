import * as React from 'react';
import { Badge, Box, Button, Flex, Typography } from '@strapi/design-system';
import { Cross, Play } from '@strapi/icons';
import { useNotification } from '@strapi/strapi/admin';
import { useIntl } from 'react-intl';
import { useQueryClient } from 'react-query';
import type { RunView } from '../../../../shared/contracts/runs';
import type { RunStatus } from '../../../../shared/vocabulary';
import { Card } from '../../components/Card';
import { Meter } from '../../components/Meter';
import { useRun, useRunAction, type RunActionName } from '../../hooks/useRuns';
import { errorMessageOf } from '../../utils/errors';
import { queryKeys } from '../../utils/queryKeys';
import { getTranslation } from '../../utils/getTranslation';

const STATUS_VARIANT: Record<RunStatus, 'primary' | 'warning' | 'neutral' | 'success'> = {
  running: 'primary',
  paused: 'warning',
  cancelled: 'neutral',
  done: 'success',
};

/** Keeps coverage, credits, failures and the media list in step with a run as it advances. */
const useFollowRun = (run: RunView | undefined) => {
  const client = useQueryClient();
  const progress = run ? `${run.status}:${run.counts.done}:${run.counts.failed}:${run.counts.skipped}` : '';
  const first = React.useRef(true);
  React.useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    void client.invalidateQueries(queryKeys.mediaRoot);
    void client.invalidateQueries(queryKeys.status);
    void client.invalidateQueries(queryKeys.failuresRoot);
    if (run && run.status !== 'running') void client.invalidateQueries(queryKeys.credits);
  }, [progress]); // eslint-disable-line react-hooks/exhaustive-deps
};

export const RunProgress = ({ runId, initial, canBulk }: { runId: number; initial?: RunView; canBulk: boolean }) => {
  const { formatMessage, formatNumber } = useIntl();
  const { toggleNotification } = useNotification();
  const t = (id: string, defaultMessage: string, values?: Record<string, string | number>) =>
    formatMessage({ id: getTranslation(id), defaultMessage }, values);
  const { data: run } = useRun(runId, initial);
  const action = useRunAction();
  useFollowRun(run);
  if (!run) return null;

  const act = (name: RunActionName) =>
    action.mutate({ id: run.id, action: name }, { onError: (error) => toggleNotification({ type: 'danger', message: errorMessageOf(error) ?? '' }) });
  const percent = Math.round(run.progressPercent);
  const statusText = {
    running: t('run.status.running', 'Running'),
    paused: t('run.status.paused', 'Paused'),
    cancelled: t('run.status.cancelled', 'Cancelled'),
    done: t('run.status.done', 'Done'),
  }[run.status];
  const active = run.status === 'running' || run.status === 'paused';

  return (
    <Card
      title={t('run.title', 'Run #{id}', { id: run.id })}
      action={<Badge variant={STATUS_VARIANT[run.status]} data-testid="run-status">{statusText}</Badge>}
      testId="run-progress"
    >
      <Flex gap={4} alignItems="center">
        <Box flex="1">
          <Meter value={percent} label={t('run.progressLabel', 'Run progress')} />
        </Box>
        <Typography fontWeight="bold" data-testid="run-percent">
          {percent} %
        </Typography>
      </Flex>
      <Typography textColor="neutral600" data-testid="run-counts">
        {t('run.counts', '{done} of {total} done · {skipped} skipped · {failed} failed · {pending} waiting', {
          done: formatNumber(run.counts.done),
          total: formatNumber(run.counts.total),
          skipped: formatNumber(run.counts.skipped),
          failed: formatNumber(run.counts.failed),
          pending: formatNumber(run.counts.pending + run.counts.running),
        })}
      </Typography>
      {canBulk && active ? (
        <Flex gap={2}>
          {run.status === 'running' ? (
            <Button variant="secondary" onClick={() => act('pause')} disabled={action.isLoading}>
              {t('run.pause', 'Pause')}
            </Button>
          ) : (
            <Button variant="secondary" startIcon={<Play />} onClick={() => act('resume')} disabled={action.isLoading}>
              {t('run.resume', 'Resume')}
            </Button>
          )}
          <Button variant="danger-light" startIcon={<Cross />} onClick={() => act('cancel')} disabled={action.isLoading}>
            {t('run.cancel', 'Cancel')}
          </Button>
        </Flex>
      ) : null}
      {canBulk && !active && run.counts.failed > 0 ? (
        <Flex>
          <Button variant="secondary" onClick={() => act('retry-failed')} disabled={action.isLoading}>
            {t('run.retryFailed', 'Retry the failed images')}
          </Button>
        </Flex>
      ) : null}
    </Card>
  );
};
