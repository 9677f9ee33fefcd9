import * as React from 'react';
import { FormField } from '../../components/FormField';
import { useT } from '../../hooks/useT';
import { PLUGIN_ID } from '../../pluginId';

interface SettingFieldProps {
  name: string;
  label: string;
  hint?: React.ReactNode;
  /** Why the value is fixed (config/plugins.ts or an environment variable); shown instead of the hint. */
  locked?: string;
  error?: string;
  children: React.ReactNode;
}

/** A settings field: the server's field error under it, and the reason in place of the hint when it is locked. */
export const SettingField = ({ name, label, hint, locked, error, children }: SettingFieldProps) => {
  const t = useT();
  const lockedHint = locked ? t('settings.locked', 'Locked: {reason}', { reason: locked }) : undefined;
  return (
    <FormField name={name} id={`${PLUGIN_ID}-${name}`} label={label} hint={lockedHint ?? hint} error={error}>
      {children}
    </FormField>
  );
};
