import * as React from 'react';
import { Field } from '@strapi/design-system';

interface FormFieldProps {
  name: string;
  label: string;
  hint?: React.ReactNode;
  error?: string;
  /** The input's DOM id; the design system makes one up when absent. */
  id?: string;
  children: React.ReactNode;
}

/** Label, input, hint and error, the way Strapi's own forms lay them out (hint and error only when set). */
export const FormField = ({ name, label, hint, error, id, children }: FormFieldProps) => (
  <Field.Root name={name} id={id} error={error} hint={hint}>
    <Field.Label>{label}</Field.Label>
    {children}
    <Field.Hint />
    <Field.Error />
  </Field.Root>
);
