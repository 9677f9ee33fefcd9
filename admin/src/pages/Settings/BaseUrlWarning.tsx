import * as React from 'react';
import { Alert } from '@strapi/design-system';
import { useT } from '../../hooks/useT';

/** The host of what was typed, or the text itself while it is not a URL yet. */
const hostOf = (text: string) => {
  try {
    return new URL(text).host || text;
  } catch {
    return text;
  }
};

/**
 * Shown while the base URL field differs from the address in force: whoever runs that host gets
 * every image and the key, and anyone with the Settings permission can point it anywhere.
 */
export const BaseUrlWarning = ({ typed }: { typed: string }) => {
  const t = useT();
  const [dismissedFor, setDismissedFor] = React.useState<string>();
  if (typed === '' || dismissedFor === typed) return null;
  return (
    <Alert
      variant="warning"
      data-testid="base-url-warning"
      closeLabel={t('settings.baseUrl.warning.close', 'Hide this warning')}
      onClose={() => setDismissedFor(typed)}
      title={t('settings.baseUrl.warning.title', 'Images and the API key will be sent to {host}', { host: hostOf(typed) })}
    >
      {t(
        'settings.baseUrl.warning.body',
        'Once saved, the server at this address receives every image (as a short-lived URL or as its bytes) and the API key. Anyone with the Settings permission of this plugin can change this address: in production, lock provider and baseUrl in config/plugins.'
      )}
    </Alert>
  );
};
