import { Button, Checkbox, Flex, TextInput, Typography } from '@strapi/design-system';
import { useIntl } from 'react-intl';
import type { ApiKeyStatus } from '../../../../shared/contracts/settings';
import { getTranslation } from '../../utils/getTranslation';
import type { KeyDraft } from './draft';
import { KeyNotices } from './KeyNotices';
import { SettingField } from './SettingField';

interface ApiKeyFieldProps {
  status: ApiKeyStatus;
  locked?: string;
  error?: string;
  draft: KeyDraft;
  onChange: (draft: KeyDraft) => void;
  /** The form's provider or base URL differs from the one in force. */
  endpointChanged: boolean;
}

const useKeyStatusText = (status: ApiKeyStatus) => {
  const { formatMessage } = useIntl();
  switch (status.source) {
    case 'env':
      return formatMessage({ id: getTranslation('settings.apiKey.status.env'), defaultMessage: 'Set by environment variable' });
    case 'config':
      return formatMessage({ id: getTranslation('settings.apiKey.status.config'), defaultMessage: 'Set in config/plugins' });
    case 'saved':
      return formatMessage(
        { id: getTranslation('settings.apiKey.status.saved'), defaultMessage: 'Saved, ends with {hint}' },
        { hint: status.hint ?? '…' }
      );
    default:
      return formatMessage({ id: getTranslation('settings.apiKey.status.none'), defaultMessage: 'Not set' });
  }
};

/** Write-only: the saved key never comes back from the server, only where it comes from and its last characters. */
export const ApiKeyField = ({ status, locked, error, draft, onChange, endpointChanged }: ApiKeyFieldProps) => {
  const { formatMessage } = useIntl();
  const statusText = useKeyStatusText(status);
  return (
    <Flex direction="column" alignItems="stretch" gap={2}>
      <SettingField
        name="apiKey"
        label={formatMessage({ id: getTranslation('settings.apiKey.label'), defaultMessage: 'API key' })}
        hint={formatMessage({
          id: getTranslation('settings.apiKey.hint'),
          defaultMessage: 'Write-only: type a new key to replace the current one.',
        })}
        locked={locked}
        error={error}
      >
        <TextInput
          type="password"
          autoComplete="new-password"
          disabled={!!locked || draft.clear}
          value={draft.value}
          placeholder={formatMessage({ id: getTranslation('settings.apiKey.placeholder'), defaultMessage: 'Paste a new key' })}
          onChange={(event: React.ChangeEvent<HTMLInputElement>) => onChange({ value: event.target.value, clear: false })}
        />
      </SettingField>
      <Typography variant="pi" textColor="neutral600" data-testid="api-key-status">
        {formatMessage({ id: getTranslation('settings.apiKey.current'), defaultMessage: 'Current key:' })} {statusText}
      </Typography>
      <KeyNotices status={status} endpointChanged={endpointChanged} typed={draft.value.trim() !== ''} />
      {status.source === 'saved' && !locked ? (
        <Checkbox checked={draft.clear} onCheckedChange={(checked: boolean | 'indeterminate') => onChange({ value: '', clear: checked === true })}>
          {formatMessage({ id: getTranslation('settings.apiKey.clear'), defaultMessage: 'Remove the saved key on save' })}
        </Checkbox>
      ) : null}
    </Flex>
  );
};

export const VerifyButton = ({ onClick, loading }: { onClick: () => void; loading: boolean }) => {
  const { formatMessage } = useIntl();
  return (
    <Button variant="secondary" onClick={onClick} loading={loading}>
      {formatMessage({ id: getTranslation('settings.verify.button'), defaultMessage: 'Verify' })}
    </Button>
  );
};
