import { Typography } from '@strapi/design-system';
import type { ApiKeyProblem, ApiKeyStatus } from '../../../../shared/contracts/settings';
import { useT, type Message } from '../../hooks/useT';

const PROBLEMS: Record<ApiKeyProblem, Message> = {
  undecryptable: {
    id: 'settings.apiKey.problem.undecryptable',
    defaultMessage: "The saved key cannot be decrypted (the server's ENCRYPTION_KEY is missing or has changed) and is not used. Type it again.",
  },
  'endpoint-changed': {
    id: 'settings.apiKey.problem.endpointChanged',
    defaultMessage: 'The saved key was saved for another provider or base URL and is not sent to this one. Type it again to use it here.',
  },
  unencrypted: {
    id: 'settings.apiKey.problem.unencrypted',
    defaultMessage: 'The saved key is stored unencrypted because the server has no ENCRYPTION_KEY. Set one and restart to encrypt it.',
  },
};

interface KeyNoticesProps {
  status: ApiKeyStatus;
  /** The form's provider or base URL is not the one in force. */
  endpointChanged: boolean;
  /** A key is typed in the form (it goes with the new values). */
  typed: boolean;
}

/**
 * Why the saved key is not used, and the rule that a key only goes to the endpoint it was saved
 * for — said before Verify or Save refuse a new endpoint without the key.
 */
export const KeyNotices = ({ status, endpointChanged, typed }: KeyNoticesProps) => {
  const t = useT();
  const problem = status.problem ? PROBLEMS[status.problem] : undefined;
  return (
    <>
      {problem ? (
        <Typography variant="pi" textColor="danger600" data-testid="api-key-problem">
          {t(problem.id, problem.defaultMessage)}
        </Typography>
      ) : null}
      {endpointChanged && !typed && status.source === 'saved' ? (
        <Typography variant="pi" textColor="neutral800" data-testid="api-key-binding">
          {t(
            'settings.apiKey.binding',
            'A saved key is only sent to the provider and base URL it was saved for: type it again to verify or save the new ones.'
          )}
        </Typography>
      ) : null}
    </>
  );
};
