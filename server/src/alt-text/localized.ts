import type { Core } from '@strapi/strapi';
import type { LocaleSet } from '../config/locales';
import { createLocaleTextStore } from './locale-texts';

export interface ServedFile {
  id: number;
  name: string;
  alternativeText: string | null;
}

/**
 * The alt text a reader of `locale` gets for each file: the default locale's is the file's own
 * `alternativeText`; another locale's is its own text when it has one that is not missing, else
 * the default's (a page in French with an English alt text beats one with none).
 */
export const createLocalizedAltText = (strapi: Core.Strapi) => {
  const store = createLocaleTextStore(strapi);
  return {
    async forLocale(files: ServedFile[], locale: string, locales: LocaleSet): Promise<Map<number, string | null>> {
      const served = new Map(files.map((file) => [file.id, file.alternativeText]));
      if (locale === locales.default || !locales.all.includes(locale)) return served;
      for (const [id, text] of await store.textsFor(files, locale)) served.set(id, text);
      return served;
    },
  };
};
