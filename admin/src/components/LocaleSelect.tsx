import type { LocaleView } from '../../../shared/contracts/locales';
import { ALL_LOCALES } from '../hooks/useLocales';
import { useT } from '../hooks/useT';
import { FormField } from './FormField';
import { OptionSelect, type Option } from './OptionSelect';

interface LocaleSelectProps {
  name: string;
  label: string;
  locales: LocaleView[];
  value: string;
  onChange: (code: string) => void;
  /** Offers "All locales" first (value `ALL_LOCALES`). */
  withAll?: boolean;
}

/** A labelled choice among the locales the plugin writes, by name, the default one marked. */
export const LocaleSelect = ({ name, label, locales, value, onChange, withAll = false }: LocaleSelectProps) => {
  const t = useT();
  const options: Option<string>[] = [
    ...(withAll ? [{ value: ALL_LOCALES, label: t('locales.all', 'All locales ({count})', { count: locales.length }) }] : []),
    ...locales.map((locale) => ({
      value: locale.code,
      label: locale.isDefault ? t('locales.default', '{name} (default)', { name: locale.name }) : locale.name,
    })),
  ];
  return (
    <FormField name={name} label={label}>
      <OptionSelect value={value} options={options} onChange={onChange} />
    </FormField>
  );
};
