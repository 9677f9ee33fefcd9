import type { ApiKeyStatus } from '../../../shared/contracts/settings';
import { useT } from './useT';

/** Where the API key in force comes from, in the admin's language. */
export const useKeyStatusText = (status: ApiKeyStatus) => {
  const t = useT();
  switch (status.source) {
    case 'env':
      return t('settings.apiKey.status.env', 'Set by environment variable');
    case 'config':
      return t('settings.apiKey.status.config', 'Set in config/plugins');
    case 'saved':
      return t('settings.apiKey.status.saved', 'Saved, ends with {hint}', { hint: status.hint ?? '…' });
    default:
      return t('settings.apiKey.status.none', 'Not set');
  }
};
