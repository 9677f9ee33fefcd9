import * as React from 'react';
import type { LockReason } from '../../../../shared/contracts/settings';
import { FormField } from '../../components/FormField';
import { useFieldErrorText } from '../../hooks/useFieldErrorText';
import { useT, type Message } from '../../hooks/useT';
import type { FieldIssue } from '../../utils/errors';
import { PLUGIN_ID } from '../../pluginId';

const LOCK_REASONS: Record<LockReason['code'], Message> = {
  config: { id: 'settings.lock.config', defaultMessage: 'Set in config/plugins' },
  env: { id: 'settings.lock.env', defaultMessage: 'Set by the {variable} environment variable' },
  boundToKey: {
    id: 'settings.lock.boundToKey',
    defaultMessage: 'Bound to the API key {variable, select, none {set in config/plugins} other {set by {variable}}}',
  },
  boundToBaseUrl: {
    id: 'settings.lock.boundToBaseUrl',
    defaultMessage: 'Bound to the base URL {variable, select, none {set in config/plugins} other {set by {variable}}}',
  },
};

interface SettingFieldProps {
  name: string;
  label: string;
  hint?: React.ReactNode;
  /** Why the value is fixed (config/plugins.ts or an environment variable); shown instead of the hint. */
  locked?: LockReason;
  error?: FieldIssue;
  children: React.ReactNode;
}

/** A settings field: the server's field error under it, and the reason in place of the hint when it is locked, both in the admin's language. */
export const SettingField = ({ name, label, hint, locked, error, children }: SettingFieldProps) => {
  const t = useT();
  const errorText = useFieldErrorText();
  const reason = locked ? LOCK_REASONS[locked.code] : undefined;
  const lockedHint = locked && reason ? t('settings.locked', 'Locked: {reason}', { reason: t(reason.id, reason.defaultMessage, { variable: locked.params?.variable ?? 'none' }) }) : undefined;
  return (
    <FormField name={name} id={`${PLUGIN_ID}-${name}`} label={label} hint={lockedHint ?? hint} error={errorText(error)}>
      {children}
    </FormField>
  );
};
