import type { PauseReason } from '../../../shared/vocabulary';
import { useT, type Message } from './useT';

const REASONS: Record<PauseReason, Message> = {
  OUT_OF_CREDITS: { id: 'queue.reason.outOfCredits', defaultMessage: 'Out of credits' },
  INVALID_KEY: { id: 'queue.reason.invalidKey', defaultMessage: 'The API key is invalid' },
  MISCONFIGURED: { id: 'queue.reason.misconfigured', defaultMessage: 'The plugin is misconfigured' },
  MANUAL: { id: 'queue.reason.manual', defaultMessage: 'Paused by an admin' },
  BUDGET_REACHED: { id: 'queue.reason.budgetReached', defaultMessage: 'Budget reached' },
};

// A pause with no reason given.
const UNKNOWN: Message = { id: 'queue.reason.unknown', defaultMessage: 'Paused' };

/** Why the queue stopped, in the admin's language. */
export const usePauseReasonText = () => {
  const t = useT();
  return (reason: PauseReason | undefined) => {
    const message = (reason && REASONS[reason]) || UNKNOWN;
    return t(message.id, message.defaultMessage);
  };
};
