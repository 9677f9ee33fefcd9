import type { Core } from '@strapi/strapi';
import type { LocaleView } from '../../../shared/contracts/locales';
import type { LocaleSet } from '../config/locales';
import { invalidRequest } from '../errors/field-errors';
import { getService } from './get-service';

/** The locales the plugin writes (config `locales`), read through a short cache: serving reads them on every request. */
export const createLocalesService = ({ strapi }: { strapi: Core.Strapi }) => {
  // One cache per process, owned by generation (which reads it per job).
  const cache = { get: () => getService(strapi, 'generation').localeSet() };
  const service = {
    set: (): Promise<LocaleSet> => cache.get(),

    /** `locale` when the plugin writes it, the default when none is asked; a 400 for any other. */
    async pick(locale: string | null | undefined, field = 'locale'): Promise<{ locale: string; locales: LocaleSet }> {
      const locales = await cache.get();
      if (!locale) return { locale: locales.default, locales };
      if (!locales.all.includes(locale)) throw invalidRequest([{ path: [field], message: `is not a locale the plugin writes (${locales.all.join(', ')})` }]);
      return { locale, locales };
    },

    async view(): Promise<LocaleView[]> {
      const locales = await cache.get();
      let names = new Map<string, string>();
      try {
        const i18n = strapi.plugin('i18n')?.service('locales') as { find(): Promise<Array<{ code: string; name?: string }>> } | undefined;
        names = new Map(((await i18n?.find()) ?? []).map((locale) => [locale.code, locale.name ?? locale.code]));
      } catch {
        // No i18n plugin: the codes are their own names.
      }
      return locales.all.map((code) => ({ code, name: names.get(code) ?? code, isDefault: code === locales.default }));
    },
  };
  return service;
};
