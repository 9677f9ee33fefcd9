import type { Core } from '@strapi/strapi';
import { createLocaleStates } from '../../alt-text/locale-state';
import type { LocaleSet } from '../../config/locales';
import { createQualityStore } from '../../quality/store';
import type { FileSummary } from '../file-scan';

/**
 * A `flagged` run's page: per file, the locales whose current text has quality flags. A result
 * checked for an older text (edited in Strapi's Media Library since) does not count, so such a
 * file is out of scope. Two queries per page: the texts' states and the flagged results.
 */
export const flaggedLocalesOf = async (strapi: Core.Strapi, files: FileSummary[], set: LocaleSet): Promise<Map<number, string[]>> => {
  const states = await createLocaleStates(strapi).of(files, set);
  return createQualityStore(strapi).flaggedLocales(
    files.map((file) => file.id),
    (fileId, locale) => states.get(fileId)?.get(locale)?.text
  );
};

/** Files owing the same locales go in one enqueue call: a job carries one list of locales. */
export const groupByLocales = (fileIds: number[], owedBy: Map<number, string[]>): Array<{ fileIds: number[]; locales: string[] }> => {
  const groups = new Map<string, { fileIds: number[]; locales: string[] }>();
  for (const fileId of fileIds) {
    const locales = [...(owedBy.get(fileId) ?? [])].sort();
    const key = locales.join(',');
    if (!groups.has(key)) groups.set(key, { fileIds: [], locales });
    groups.get(key)?.fileIds.push(fileId);
  }
  return [...groups.values()];
};
