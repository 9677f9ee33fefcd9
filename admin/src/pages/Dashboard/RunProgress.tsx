import * as React from 'react';
import { Box, Button, Flex, Typography } from '@strapi/design-system';
import { Cross, Play } from '@strapi/icons';
import { useIntl } from 'react-intl';
import type { QueueStateView } from '../../../../shared/contracts/queue';
import type { RunView } from '../../../../shared/contracts/runs';
import { Meter } from '../../components/Meter';
import { Panel } from '../../components/Panel';
import { StatusBadge } from '../../components/StatusBadge';
import { useAnnounceEnd, useFollowRun, useRunAnnouncement } from '../../hooks/useFollowRun';
import { usePauseReasonText } from '../../hooks/usePauseReasonText';
import { useNotifyError } from '../../hooks/useNotifyError';
import { useRun, useRunAction, type RunActionName } from '../../hooks/useRuns';
import { useT } from '../../hooks/useT';
import { RUN_STATUS_LABELS, RUN_STATUS_VARIANT } from './runStatus';

interface RunProgressProps {
  runId: number;
  initial?: RunView;
  canBulk: boolean;
  /** The whole queue's state: a running run waits while it is paused, and says why. */
  queue: QueueStateView;
  /** Started in this tab: its end is announced with a toast, and the focus comes to the run (Start is disabled once it runs). */
  startedHere: boolean;
  /** Gives the dashboard's live region what a screen reader should hear of the run (see useRunAnnouncement). */
  onAnnounce: (sentence: string) => void;
}

/** Skips by the worker (the image changed meanwhile, …): the run's skips less those decided at enqueue. */
const jobSkips = (run: RunView) => run.counts.skipped - Object.values(run.skippedReasons).reduce((sum, n) => sum + n, 0);

export const RunProgress = ({ runId, initial, canBulk, queue, startedHere, onAnnounce }: RunProgressProps) => {
  const { formatNumber } = useIntl();
  const t = useT();
  const onError = useNotifyError();
  const pauseReason = usePauseReasonText();
  const { data: run } = useRun(runId, initial);
  const action = useRunAction();
  useFollowRun(run);
  useAnnounceEnd(run, startedHere);
  const sent = run ? run.counts.queued - jobSkips(run) : 0;
  const sentence = useRunAnnouncement(run, sent);
  React.useEffect(() => onAnnounce(sentence), [sentence]); // eslint-disable-line react-hooks/exhaustive-deps
  if (!run) return null;

  const act = (name: RunActionName) => action.mutate({ id: run.id, action: name }, { onError });
  const percent = Math.round(run.progressPercent);
  const statusLabel = RUN_STATUS_LABELS[run.status];
  const active = run.status === 'running' || run.status === 'paused';

  return (
    <Panel
      title={t('run.title', 'Run #{id}', { id: run.id })}
      action={<StatusBadge tone={RUN_STATUS_VARIANT[run.status]} data-testid="run-status">{t(statusLabel.id, statusLabel.defaultMessage)}</StatusBadge>}
      testId="run-progress"
      focusTitle={startedHere}
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
        {t('run.counts', '{done} of {sent} done · {failed} failed · {pending} waiting', {
          done: formatNumber(run.counts.done),
          sent: formatNumber(sent),
          failed: formatNumber(run.counts.failed),
          pending: formatNumber(run.counts.pending + run.counts.running),
        })}
        {run.counts.skipped > 0 ? ` · ${t('run.skipped', '{count, plural, one {# image skipped} other {# images skipped}} (not sent, no credit)', { count: run.counts.skipped })}` : ''}
        {run.counts.cancelled > 0 ? ` · ${t('run.cancelledCount', '{count, plural, one {# image cancelled} other {# images cancelled}}', { count: run.counts.cancelled })}` : ''}
      </Typography>
      {run.status === 'running' && queue.paused ? (
        <Typography textColor="neutral800" data-testid="run-waiting">
          {t('run.waitingOnQueue', 'Waiting: the queue is paused ({reason}). The run goes on once the queue resumes.', { reason: pauseReason(queue.reason) })}
        </Typography>
      ) : null}
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
