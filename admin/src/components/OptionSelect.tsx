import { SingleSelect, SingleSelectOption } from '@strapi/design-system';
import type { Message, Translate } from '../hooks/useT';

export interface Option<V extends string> {
  value: V;
  label: string;
}

/** Options in the order of `values` (the shared vocabulary's), each labelled by its translation. */
export const translatedOptions = <V extends string>(values: readonly V[], labels: Record<V, Message>, t: Translate): Option<V>[] =>
  values.map((value) => ({ value, label: t(labels[value].id, labels[value].defaultMessage) }));

interface OptionSelectProps<V extends string> {
  value: V;
  options: Option<V>[];
  onChange: (value: V) => void;
  disabled?: boolean;
}

/** A select over a fixed list; the value comes back with the list's type, not the design system's `string | number`. */
export const OptionSelect = <V extends string>({ value, options, onChange, disabled }: OptionSelectProps<V>) => (
  <SingleSelect value={value} disabled={disabled} onChange={(next: string | number) => onChange(next as V)}>
    {options.map((option) => (
      <SingleSelectOption key={option.value} value={option.value}>
        {option.label}
      </SingleSelectOption>
    ))}
  </SingleSelect>
);
