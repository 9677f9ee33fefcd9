import { Button, Checkbox, Flex, TextInput, Typography } from '@strapi/design-system';
import type { ApiKeyStatus, LockReason } from '../../../../shared/contracts/settings';
import type { FieldIssue } from '../../utils/errors';
import { useKeepFocus } from '../../hooks/useKeepFocus';
import { useKeyStatusText } from '../../hooks/useKeyStatusText';
import { useT } from '../../hooks/useT';
import type { KeyDraft } from './draft';
import { KeyNotices } from './KeyNotices';
import { SettingField } from './SettingField';

interface ApiKeyFieldProps {
  status: ApiKeyStatus;
  locked?: LockReason;
  error?: FieldIssue;
  draft: KeyDraft;
  onChange: (draft: KeyDraft) => void;
  /** The form's provider or base URL differs from the one in force. */
  endpointChanged: boolean;
}

/** Write-only: the saved key never comes back from the server, only where it comes from and its last characters. */
export const ApiKeyField = ({ status, locked, error, draft, onChange, endpointChanged }: ApiKeyFieldProps) => {
  const t = useT();
  const statusText = useKeyStatusText(status);
  return (
    <Flex direction="column" alignItems="stretch" gap={2}>
      <SettingField
        name="apiKey"
        label={t('settings.apiKey.label', 'API key')}
        hint={t('settings.apiKey.hint', 'Write-only: type a new key to replace the current one.')}
        locked={locked}
        error={error}
      >
        <TextInput
          type="password"
          autoComplete="new-password"
          disabled={!!locked || draft.clear}
          value={draft.value}
          placeholder={t('settings.apiKey.placeholder', 'Paste a new key')}
          onChange={(event: React.ChangeEvent<HTMLInputElement>) => onChange({ value: event.target.value, clear: false })}
        />
      </SettingField>
      <Typography variant="pi" textColor="neutral600" data-testid="api-key-status">
        {t('settings.apiKey.current', 'Current key:')} {statusText}
      </Typography>
      <KeyNotices status={status} endpointChanged={endpointChanged} typed={draft.value.trim() !== ''} />
      {status.source === 'saved' && !locked ? (
        <Checkbox checked={draft.clear} onCheckedChange={(checked: boolean | 'indeterminate') => onChange({ value: '', clear: checked === true })}>
          {t('settings.apiKey.clear', 'Remove the saved key on save')}
        </Checkbox>
      ) : null}
    </Flex>
  );
};

export const VerifyButton = ({ onClick, loading }: { onClick: () => void; loading: boolean }) => {
  const t = useT();
  const focus = useKeepFocus(loading);
  return (
    <Button
      ref={focus.ref}
      variant="secondary"
      onClick={() => {
        focus.remember();
        onClick();
      }}
      loading={loading}
    >
      {t('settings.verify.button', 'Verify')}
    </Button>
  );
};
