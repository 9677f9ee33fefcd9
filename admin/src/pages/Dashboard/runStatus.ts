import type { RunStatus } from '../../../../shared/vocabulary';
import type { Message } from '../../hooks/useT';

/** A run's status as a badge, the same in the current run's card and in the history. */
export const RUN_STATUS_VARIANT: Record<RunStatus, 'primary' | 'warning' | 'neutral' | 'success'> = {
  running: 'primary',
  paused: 'warning',
  cancelled: 'neutral',
  done: 'success',
};

export const RUN_STATUS_LABELS: Record<RunStatus, Message> = {
  running: { id: 'run.status.running', defaultMessage: 'Running' },
  paused: { id: 'run.status.paused', defaultMessage: 'Paused' },
  cancelled: { id: 'run.status.cancelled', defaultMessage: 'Cancelled' },
  done: { id: 'run.status.done', defaultMessage: 'Done' },
};
