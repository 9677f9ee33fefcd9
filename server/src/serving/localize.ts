import type { Core } from '@strapi/strapi';
import { createLocalizedAltText, type ServedFile } from '../alt-text/localized';
import type { LocaleSet } from '../config/locales';
import { collectMediaObjects, type MediaObject, type ModelOf } from './media-objects';

/** The locales the plugin writes, as the locales service caches them (settings changes clear it). */
export type ReadLocaleSet = () => Promise<LocaleSet>;

/** The locale a request names: one code; absent, several (`?locale=a&locale=b`) or every one (`*`) name none. */
export const requestedLocale = (value: unknown): string | undefined => (typeof value === 'string' && value !== '' && value !== '*' ? value : undefined);

/** The files of a batch, each once, as the locale texts are looked up for them. */
const servedFiles = (objects: MediaObject[]): ServedFile[] => {
  const files = new Map<number, ServedFile>();
  for (const object of objects) {
    if (!files.has(object.id)) files.set(object.id, { id: object.id, name: typeof object.name === 'string' ? object.name : '', alternativeText: object.alternativeText });
  }
  return [...files.values()];
};

/**
 * Rewrites the alt text of every file in a read result to the one a reader of `locale` gets (that
 * locale's text, else the default's, which is already there). Nothing happens — no walk, no
 * query — unless `locale` is a locale the plugin writes other than the default; then one query
 * for every file of the result.
 */
export const createResponseLocalizer = (strapi: Core.Strapi, localeSet: ReadLocaleSet) => {
  // Built on first use: at register, where serving is set up, the database has no metadata yet.
  let localized: ReturnType<typeof createLocalizedAltText> | undefined;
  const texts = () => (localized ??= createLocalizedAltText(strapi));
  const modelOf: ModelOf = (uid) => {
    try {
      return strapi.getModel(uid as Parameters<Core.Strapi['getModel']>[0]) as ReturnType<ModelOf>;
    } catch {
      return undefined;
    }
  };

  /** The locale set when `locale` asks for another text than the stored one, else null (nothing to do). */
  const setFor = async (locale: string | undefined): Promise<LocaleSet | null> => {
    if (!locale) return null;
    const locales = await localeSet();
    return locale !== locales.default && locales.all.includes(locale) ? locales : null;
  };

  /** The texts to serve in `locale` for these files, by file id (empty when `locale` changes nothing). */
  const serve = async (files: ServedFile[], locale: string): Promise<Map<number, string | null>> => {
    const locales = await setFor(locale);
    return locales ? texts().forLocale(files, locale, locales) : new Map();
  };

  /** Localizes `value` (a read result of `uid`) in place; the number of file objects it holds. */
  const localize = async (value: unknown, uid: string, locale: string | undefined): Promise<number> => {
    if (!locale || !(await setFor(locale))) return 0;
    const objects = collectMediaObjects(value, uid, modelOf);
    if (objects.length === 0) return 0;
    const served = await serve(servedFiles(objects), locale);
    for (const object of objects) {
      const text = served.get(object.id);
      if (text !== undefined) object.alternativeText = text;
    }
    return objects.length;
  };

  return { setFor, serve, localize };
};

export type ResponseLocalizer = ReturnType<typeof createResponseLocalizer>;
