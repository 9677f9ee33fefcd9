import type { Core } from '@strapi/strapi';
import type { PluginConfig } from './schema';

/** The locales alt text is written in, and the one whose text also goes to `alternativeText`. */
export interface LocaleSet {
  default: string;
  /** The default first, then the others in their configured (or i18n's) order, without repeats. */
  all: string[];
}

interface I18nLocales {
  find(): Promise<Array<{ code: string; name?: string }>>;
  getDefaultLocale(): Promise<string | null | undefined>;
}

const i18nOf = (strapi: Core.Strapi): I18nLocales | undefined => {
  try {
    return strapi.plugin('i18n')?.service('locales') as I18nLocales | undefined;
  } catch {
    return undefined;
  }
};

const ordered = (preferred: string, codes: string[]) => [preferred, ...codes.filter((code) => code !== preferred)].filter((code, index, all) => all.indexOf(code) === index);

/**
 * `locales: null` → only `lang` (one locale, as before locales existed). A list → those, the default
 * being i18n's default locale when it is listed, else the first. `'i18n'` → every locale Strapi's
 * i18n plugin has now (read each time, so added locales are followed), its default first.
 */
export const resolveLocaleSet = async (strapi: Core.Strapi, config: Pick<PluginConfig, 'locales' | 'lang'>): Promise<LocaleSet> => {
  if (config.locales === null) return { default: config.lang, all: [config.lang] };
  const i18n = i18nOf(strapi);
  const i18nDefault = (await i18n?.getDefaultLocale().catch(() => undefined)) ?? undefined;
  if (config.locales === 'i18n') {
    const codes = ((await i18n?.find().catch(() => [])) ?? []).map((locale) => locale.code);
    const fallback = i18nDefault ?? codes[0] ?? config.lang;
    return { default: fallback, all: ordered(fallback, codes.length > 0 ? codes : [fallback]) };
  }
  const preferred = i18nDefault && config.locales.includes(i18nDefault) ? i18nDefault : config.locales[0];
  return { default: preferred, all: ordered(preferred, config.locales) };
};

/** A Strapi locale code as the language providers take: lowercase, `-` (`pt-BR` → `pt-br`). */
export const languageOfLocale = (locale: string): string => locale.toLowerCase().replace(/_/g, '-');

/**
 * The locale set, read at most every `ttlMs`: serving reads it on every content-API request, and
 * with `'i18n'` it costs two queries. A locale added in i18n is followed within that time.
 */
export const createLocaleSetCache = (strapi: Core.Strapi, read: () => Pick<PluginConfig, 'locales' | 'lang'>, ttlMs = 5000) => {
  let cached: { at: number; value: Promise<LocaleSet> } | undefined;
  return {
    get(): Promise<LocaleSet> {
      if (!cached || Date.now() - cached.at > ttlMs) cached = { at: Date.now(), value: resolveLocaleSet(strapi, read()) };
      return cached.value;
    },
    forget() {
      cached = undefined;
    },
  };
};
