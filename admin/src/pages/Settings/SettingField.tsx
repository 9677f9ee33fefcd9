import * as React from 'react';
import { Field } from '@strapi/design-system';
import { useT } from '../../hooks/useT';

interface SettingFieldProps {
  name: string;
  label: string;
  hint?: React.ReactNode;
  /** Why the value is fixed (config/plugins.ts or an environment variable); shown instead of the hint. */
  locked?: string;
  error?: string;
  children: React.ReactNode;
}

/** Label, input, hint and the server's field error, the way Strapi's own settings forms lay them out. */
export const SettingField = ({ name, label, hint, locked, error, children }: SettingFieldProps) => {
  const t = useT();
  const lockedHint = locked ? t('settings.locked', 'Locked: {reason}', { reason: locked }) : undefined;
  return (
    <Field.Root name={name} id={`auto-alt-text-${name}`} error={error} hint={lockedHint ?? hint}>
      <Field.Label>{label}</Field.Label>
      {children}
      <Field.Hint />
      <Field.Error />
    </Field.Root>
  );
};
