import { useIntl } from 'react-intl';
import type { PauseReason } from '../../../shared/vocabulary';
import { getTranslation } from '../utils/getTranslation';

/** Why the queue stopped, in the admin's language. */
export const usePauseReasonText = () => {
  const { formatMessage } = useIntl();
  return (reason: PauseReason | undefined) => {
    switch (reason) {
      case 'OUT_OF_CREDITS':
        return formatMessage({ id: getTranslation('queue.reason.outOfCredits'), defaultMessage: 'Out of credits' });
      case 'INVALID_KEY':
        return formatMessage({ id: getTranslation('queue.reason.invalidKey'), defaultMessage: 'The API key is invalid' });
      case 'MISCONFIGURED':
        return formatMessage({ id: getTranslation('queue.reason.misconfigured'), defaultMessage: 'The plugin is misconfigured' });
      case 'MANUAL':
        return formatMessage({ id: getTranslation('queue.reason.manual'), defaultMessage: 'Paused by an admin' });
      default:
        return formatMessage({ id: getTranslation('queue.reason.unknown'), defaultMessage: 'Paused' });
    }
  };
};
