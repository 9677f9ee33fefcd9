import type { Core } from '@strapi/strapi';
import type { QualityFlag } from '../../../shared/contracts/quality';
import { onAltTextChange, type AltTextChange } from '../alt-text/changes';
import { languageOfLocale } from '../config/locales';
import { readConfig } from '../config/read';
import { FILE_UID } from '../utils/plugin-id';
import { createBatchChecker } from './batch';
import { checkText } from './checks';
import { createQualityStore, textHashOf } from './store';

/**
 * Checks one image's text in one locale and stores the result: the offline checks, then one
 * indexed query for DUPLICATE, one for the file's name, one upsert. No provider call, no credit.
 * An empty text (a decorative image) has nothing to check: its row is removed.
 */
export const createQualityChecker = (strapi: Core.Strapi) => {
  const store = createQualityStore(strapi);

  return {
    store,
    async check(input: { fileId: number; locale: string; text: string; lang?: string | null; fileName?: string | null }): Promise<QualityFlag[]> {
      if (input.text.trim() === '') {
        await store.forget(input.fileId, input.locale);
        return [];
      }
      const fileName =
        input.fileName !== undefined ? input.fileName : (((await strapi.db.query(FILE_UID).findOne({ where: { id: input.fileId }, select: ['name'] })) as { name?: string } | null)?.name ?? null);
      const flags = checkText({ text: input.text, lang: input.lang || languageOfLocale(input.locale), fileName, softLimit: readConfig(strapi).qualitySoftLimit });
      const textHash = textHashOf(input.text);
      const original = await store.duplicateOf(input.fileId, input.locale, textHash);
      if (original !== null) flags.push({ code: 'DUPLICATE', reason: `same text as image #${original}` });
      await store.save(input.fileId, input.locale, input.text, textHash, flags);
      return flags;
    },
  };
};

/**
 * At register: every alt-text change the plugin announces is checked once it is stored — at once
 * (a PUT answers with its flags), except a CSV import's rows, which are checked in batches right
 * after (batch.ts).
 */
export const subscribeToQualityChecks = (strapi: Core.Strapi): void => {
  const checker = createQualityChecker(strapi);
  const batch = createBatchChecker(strapi);
  onAltTextChange(strapi, async (change: AltTextChange) => {
    if (change.kind === 'imported') batch.add(change);
    else await checker.check(change);
  });
};
