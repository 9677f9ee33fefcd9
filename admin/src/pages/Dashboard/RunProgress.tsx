import { Badge, Box, Button, Flex, Typography } from '@strapi/design-system';
import { Cross, Play } from '@strapi/icons';
import { useIntl } from 'react-intl';
import type { RunView } from '../../../../shared/contracts/runs';
import type { RunStatus } from '../../../../shared/vocabulary';
import { Meter } from '../../components/Meter';
import { Panel } from '../../components/Panel';
import { useFollowRun } from '../../hooks/useFollowRun';
import { useNotifyError } from '../../hooks/useNotifyError';
import { useRun, useRunAction, type RunActionName } from '../../hooks/useRuns';
import { useT, type Message } from '../../hooks/useT';

const STATUS_VARIANT: Record<RunStatus, 'primary' | 'warning' | 'neutral' | 'success'> = {
  running: 'primary',
  paused: 'warning',
  cancelled: 'neutral',
  done: 'success',
};

const STATUS_LABELS: Record<RunStatus, Message> = {
  running: { id: 'run.status.running', defaultMessage: 'Running' },
  paused: { id: 'run.status.paused', defaultMessage: 'Paused' },
  cancelled: { id: 'run.status.cancelled', defaultMessage: 'Cancelled' },
  done: { id: 'run.status.done', defaultMessage: 'Done' },
};

export const RunProgress = ({ runId, initial, canBulk }: { runId: number; initial?: RunView; canBulk: boolean }) => {
  const { formatNumber } = useIntl();
  const t = useT();
  const onError = useNotifyError();
  const { data: run } = useRun(runId, initial);
  const action = useRunAction();
  useFollowRun(run);
  if (!run) return null;

  const act = (name: RunActionName) => action.mutate({ id: run.id, action: name }, { onError });
  const percent = Math.round(run.progressPercent);
  const statusLabel = STATUS_LABELS[run.status];
  const active = run.status === 'running' || run.status === 'paused';

  return (
    <Panel
      title={t('run.title', 'Run #{id}', { id: run.id })}
      action={<Badge variant={STATUS_VARIANT[run.status]} data-testid="run-status">{t(statusLabel.id, statusLabel.defaultMessage)}</Badge>}
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
    </Panel>
  );
};
