import de from '../translations/de.json';
import en from '../translations/en.json';
import fr from '../translations/fr.json';
import { prefixKeys } from './prefixKeys';

export const TRANSLATIONS: Record<string, Record<string, string>> = { en, fr, de };

/** The plugin's messages for a locale, English filling any gap ("fr-CA" falls back to "fr"). */
export const messagesFor = (locale: string) => {
  const base = TRANSLATIONS[locale] ?? TRANSLATIONS[locale.split('-')[0]] ?? {};
  return prefixKeys({ ...TRANSLATIONS.en, ...base });
};
