import * as React from 'react';
import { Combobox, ComboboxOption } from '@strapi/design-system';
import { useIntl } from 'react-intl';
import { PROVIDER_LANGUAGES } from '../../../../shared/languages';
import type { ProviderName } from '../../../../shared/vocabulary';
import { useT } from '../../hooks/useT';

interface LanguageSelectProps {
  value: string;
  provider: ProviderName;
  disabled?: boolean;
  onChange: (code: string) => void;
}

/** "German (de)" in the admin's language: the name from the browser's own data, the code the provider receives. */
const useLanguageLabel = () => {
  const { locale } = useIntl();
  const names = React.useMemo(() => {
    try {
      return new Intl.DisplayNames([locale, 'en'], { type: 'language', fallback: 'none' });
    } catch {
      return undefined;
    }
  }, [locale]);
  return (code: string) => {
    const name = names?.of(code);
    return name ? `${name.charAt(0).toLocaleUpperCase(locale)}${name.slice(1)} (${code})` : code;
  };
};

/**
 * `lang` chosen from the provider's languages (shared/languages.ts), searched by any part of the
 * name or the code; a value set before (or in config/plugins) that the list lacks stays shown.
 */
export const LanguageSelect = ({ value, provider, disabled, onChange }: LanguageSelectProps) => {
  const t = useT();
  const labelOf = useLanguageLabel();
  const offered = PROVIDER_LANGUAGES[provider];
  const codes = offered.some((code) => code === value.toLowerCase()) || value === '' ? offered : [value, ...offered];
  const options = codes.map((code) => ({ code, label: labelOf(code) })).sort((a, b) => a.label.localeCompare(b.label));
  return (
    <Combobox
      value={codes.find((code) => code === value.toLowerCase()) ?? value}
      disabled={disabled}
      autocomplete={{ type: 'list', filter: 'contains' }}
      onChange={(next?: string) => (next ? onChange(next) : undefined)}
      placeholder={t('settings.lang.placeholder', 'Type a language or its code')}
      noOptionsMessage={() => t('settings.lang.noMatch', 'This provider offers no such language')}
    >
      {options.map(({ code, label }) => (
        <ComboboxOption key={code} value={code}>
          {label}
        </ComboboxOption>
      ))}
    </Combobox>
  );
};
