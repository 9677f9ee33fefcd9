import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import type { LocaleSet } from '../config/locales';
import { FILE_UID } from '../utils/plugin-id';
import { altTextChangedMany, SYSTEM_ACTOR, type AltTextActor } from './changes';
import { createLocaleStates, type AltTextFileRow } from './locale-state';
import { createLocaleTextStore } from './locale-texts';
import { createProvenanceStore } from './provenance';
import { createSuggestionStore } from './suggestions';
import { asOwnWrite } from './own-writes';

export interface ImportedText {
  fileId: number;
  locale: string;
  text: string;
}

/**
 * Writes a CSV import's texts inside the caller's transaction, a chunk at a time: the default
 * locale into `alternativeText` with a provenance row saying `imported`, the others into the locale
 * table as `imported` — protected from fill runs like a person's text. A text already exactly so
 * is left alone (it keeps its source: an unedited row of an export does not freeze a generated text).
 */
export const createImportWriter = (strapi: Core.Strapi) => {
  const texts = createLocaleTextStore(strapi);
  const provenance = createProvenanceStore(strapi);
  const states = createLocaleStates(strapi);
  const suggestions = createSuggestionStore(strapi);

  return {
    /** Every query runs in `trx`: Strapi's query layer joins it by itself, raw knex is told. */
    async writeChunk(chunk: ImportedText[], locales: LocaleSet, trx: Knex.Transaction, actor: AltTextActor = SYSTEM_ACTOR): Promise<{ written: number; unchanged: number }> {
      const ids = [...new Set(chunk.map((entry) => entry.fileId))];
      const files = (await strapi.db.query(FILE_UID).findMany({ where: { id: { $in: ids } }, select: ['id', 'name', 'alternativeText'] })) as AltTextFileRow[];
      const current = await states.of(files, locales);
      const changed = chunk.filter((entry) => current.get(entry.fileId)?.get(entry.locale)?.text !== entry.text);
      const defaults = changed.filter((entry) => entry.locale === locales.default);
      await texts.upsertMany(
        changed.filter((entry) => entry.locale !== locales.default).map((entry) => ({ ...entry, source: 'imported' as const })),
        trx
      );
      for (const entry of defaults) {
        await asOwnWrite(() => strapi.db.query(FILE_UID).update({ where: { id: entry.fileId }, data: { alternativeText: entry.text } }));
      }
      await provenance.recordMany(
        defaults.map((entry) => ({ fileId: entry.fileId, text: entry.text, provider: 'csv', lang: entry.locale, strategy: null, jobId: null, context: null, source: 'imported' as const })),
        trx
      );
      // An imported text decides its locale: a suggestion awaiting review for it is dropped (one statement per locale).
      await suggestions.dropFor(changed, trx);
      // Inside the import's transaction: a listener that fails rolls the whole import back.
      const previousOf = (entry: ImportedText) => {
        const state = current.get(entry.fileId)?.get(entry.locale);
        return state && state.source !== 'missing' ? state.text : null;
      };
      await altTextChangedMany(strapi, changed.map((entry) => ({ ...entry, kind: 'imported' as const, actor, previous: previousOf(entry) })), { inTransaction: true });
      return { written: changed.length, unchanged: chunk.length - changed.length };
    },
  };
};
