import { Button, Flex, Status, Typography } from '@strapi/design-system';
import { Play } from '@strapi/icons';
import { useIntl } from 'react-intl';
import type { CoverageView, QueueStateView } from '../../../../shared/contracts/queue';
import { Panel } from '../../components/Panel';
import { useNotifyError } from '../../hooks/useNotifyError';
import { usePauseReasonText } from '../../hooks/usePauseReasonText';
import { useQueueAction } from '../../hooks/useStatus';
import { useT } from '../../hooks/useT';
import { FallbackNotice } from './FallbackNotice';

interface QueueCardProps {
  queue: QueueStateView;
  jobs: CoverageView['jobs'];
  canBulk: boolean;
}

/**
 * Running or paused, and why; the Resume button is how an admin restarts after fixing the cause. A
 * pause that ends by itself (the budget's) says when.
 */
export const QueueCard = ({ queue, jobs, canBulk }: QueueCardProps) => {
  const { formatNumber, formatDate } = useIntl();
  const t = useT();
  const onError = useNotifyError();
  const reasonText = usePauseReasonText();
  const action = useQueueAction();
  const run = (name: 'pause' | 'resume') => action.mutate(name, { onError });

  const button = !canBulk ? null : queue.paused ? (
    <Button size="S" startIcon={<Play />} onClick={() => run('resume')} loading={action.isLoading}>
      {t('queue.resume', 'Resume')}
    </Button>
  ) : (
    <Button size="S" variant="tertiary" onClick={() => run('pause')} loading={action.isLoading}>
      {t('queue.pause', 'Pause')}
    </Button>
  );

  return (
    <Panel title={t('queue.title', 'Queue')} action={button} testId="queue-card">
      {queue.paused ? (
        <Status variant="warning" size="S">
          <Flex direction="column" alignItems="flex-start" gap={1}>
            <Typography fontWeight="bold" data-testid="pause-reason">
              {reasonText(queue.reason)}
            </Typography>
            {queue.resumesAt ? (
              <Typography data-testid="pause-resumes-at">
                {t('queue.resumesAt', 'Resumes by itself at {date}', { date: formatDate(queue.resumesAt, { dateStyle: 'medium', timeStyle: 'short' }) })}
              </Typography>
            ) : null}
            {queue.message ? <Typography variant="pi">{queue.message}</Typography> : null}
          </Flex>
        </Status>
      ) : (
        <Status variant="success" size="S">
          <Typography fontWeight="bold">{t('queue.running', 'Running')}</Typography>
        </Status>
      )}
      {queue.fallback ? <FallbackNotice fallback={queue.fallback} /> : null}
      <Typography textColor="neutral600">
        {t('queue.jobs', '{pending} waiting · {running} in progress · {failed} failed', {
          pending: formatNumber(jobs.pending),
          running: formatNumber(jobs.running),
          failed: formatNumber(jobs.failed),
        })}
      </Typography>
    </Panel>
  );
};
