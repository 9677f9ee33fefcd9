import { Button, Flex, Status, Typography } from '@strapi/design-system';
import { Play } from '@strapi/icons';
import { useNotification } from '@strapi/strapi/admin';
import { useIntl } from 'react-intl';
import type { CoverageView, QueueStateView } from '../../../../shared/contracts/queue';
import { Card } from '../../components/Card';
import { usePauseReasonText } from '../../components/usePauseReasonText';
import { useQueueAction } from '../../hooks/useStatus';
import { errorMessageOf } from '../../utils/errors';
import { getTranslation } from '../../utils/getTranslation';

interface QueueCardProps {
  queue: QueueStateView;
  jobs: CoverageView['jobs'];
  canBulk: boolean;
}

/** Running or paused, and why; the Resume button is how an admin restarts after fixing the cause. */
export const QueueCard = ({ queue, jobs, canBulk }: QueueCardProps) => {
  const { formatMessage, formatNumber } = useIntl();
  const { toggleNotification } = useNotification();
  const reasonText = usePauseReasonText();
  const action = useQueueAction();
  const run = (name: 'pause' | 'resume') =>
    action.mutate(name, { onError: (error) => toggleNotification({ type: 'danger', message: errorMessageOf(error) ?? '' }) });

  const button = !canBulk ? null : queue.paused ? (
    <Button size="S" startIcon={<Play />} onClick={() => run('resume')} loading={action.isLoading}>
      {formatMessage({ id: getTranslation('queue.resume'), defaultMessage: 'Resume' })}
    </Button>
  ) : (
    <Button size="S" variant="tertiary" onClick={() => run('pause')} loading={action.isLoading}>
      {formatMessage({ id: getTranslation('queue.pause'), defaultMessage: 'Pause' })}
    </Button>
  );

  return (
    <Card title={formatMessage({ id: getTranslation('queue.title'), defaultMessage: 'Queue' })} action={button} testId="queue-card">
      {queue.paused ? (
        <Status variant="warning" size="S">
          <Flex direction="column" alignItems="flex-start" gap={1}>
            <Typography fontWeight="bold" data-testid="pause-reason">
              {reasonText(queue.reason)}
            </Typography>
            {queue.message ? <Typography variant="pi">{queue.message}</Typography> : null}
          </Flex>
        </Status>
      ) : (
        <Status variant="success" size="S">
          <Typography fontWeight="bold">{formatMessage({ id: getTranslation('queue.running'), defaultMessage: 'Running' })}</Typography>
        </Status>
      )}
      <Typography textColor="neutral600">
        {formatMessage(
          { id: getTranslation('queue.jobs'), defaultMessage: '{pending} waiting · {running} in progress · {failed} failed' },
          { pending: formatNumber(jobs.pending), running: formatNumber(jobs.running), failed: formatNumber(jobs.failed) }
        )}
      </Typography>
    </Card>
  );
};
