import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import type { ReviewMode } from '../../../shared/vocabulary';
import { knexNow, SUGGESTION_UID, tableOf } from '../models';
import type { LocaleState } from './locale-state';
import type { ProvenanceContext } from './provenance';

export interface SuggestionRow {
  id: number;
  fileId: number;
  locale: string;
  text: string;
  provider: string | null;
  /** Suggested by the fallback provider (config `fallback`). */
  fallback?: boolean | null;
  lang: string | null;
  strategy: string | null;
  jobId: number | null;
  context: ProvenanceContext | null;
  createdAt: string | Date;
}

export type NewSuggestion = Omit<SuggestionRow, 'id' | 'createdAt'>;

/** The skip reason of a job whose text is owed but waits for an editor: no call, no credit. */
export const AWAITING_REVIEW = 'awaiting review';

/**
 * Whether a generated text is held for review instead of written: `new` when the locale had no alt
 * text before generation, `all` always, `off` never (the plugin's behaviour before review existed).
 */
export const holdsForReview = (mode: ReviewMode | undefined, before: LocaleState): boolean =>
  mode === 'all' || (mode === 'new' && before.source === 'missing');

/**
 * Suggestions awaiting review, one per file and locale: a newer one replaces the older (an upsert
 * on the unique pair). Storing one is not a change of the alt text: nobody is told.
 */
export const createSuggestionStore = (strapi: Core.Strapi) => {
  const rows = () => strapi.db.query(SUGGESTION_UID);
  const table = tableOf(strapi, SUGGESTION_UID);

  return {
    async upsert(entry: NewSuggestion): Promise<void> {
      const { fileId, locale, context, ...rest } = entry;
      const now = new Date();
      const changes = table.row({ ...rest, context: context ? JSON.stringify(context) : null, createdAt: now, updatedAt: now });
      await (await knexNow(strapi))(table.name).insert({ ...changes, ...table.row({ fileId, locale }) }).onConflict([table.column('fileId'), table.column('locale')]).merge(changes);
    },

    async get(id: number): Promise<SuggestionRow | null> {
      return (await rows().findOne({ where: { id } })) as SuggestionRow | null;
    },

    async getMany(ids: number[]): Promise<SuggestionRow[]> {
      return ids.length === 0 ? [] : ((await rows().findMany({ where: { id: { $in: ids } }, orderBy: { id: 'asc' } })) as SuggestionRow[]);
    },

    async remove(id: number): Promise<void> {
      await rows().delete({ where: { id } });
    },

    /** The locales of this file with a suggestion awaiting review. */
    async pendingLocales(fileId: number): Promise<Set<string>> {
      const found = (await rows().findMany({ where: { fileId }, select: ['locale'] })) as Array<{ locale: string }>;
      return new Set(found.map((row) => row.locale));
    },

    /** One page of the suggestions in `locale`, oldest first (the order they were made). */
    async page(locale: string, page: number, pageSize: number): Promise<{ rows: SuggestionRow[]; total: number }> {
      const [found, total] = await Promise.all([
        rows().findMany({ where: { locale }, orderBy: [{ createdAt: 'asc' }, { id: 'asc' }], offset: (page - 1) * pageSize, limit: pageSize }),
        rows().count({ where: { locale } }),
      ]);
      return { rows: found as SuggestionRow[], total: Number(total) };
    },

    /** How many suggestions await review, per locale. */
    async counts(): Promise<Record<string, number>> {
      const found = (await strapi.db.connection(table.name).select(table.column('locale')).count({ n: '*' }).groupBy(table.column('locale'))) as Array<Record<string, unknown>>;
      return Object.fromEntries(found.map((row) => [String(row[table.column('locale')]), Number(row.n)]));
    },

    /**
     * Someone else decided these texts (a person's edit, an import, an undo, a decorative mark): their
     * suggestions are moot. One statement per locale (in `trx` when given: a CSV import's chunk).
     */
    async dropFor(texts: Array<{ fileId: number; locale: string }>, trx?: Knex.Transaction): Promise<void> {
      const byLocale = new Map<string, number[]>();
      for (const { fileId, locale } of texts) byLocale.set(locale, [...(byLocale.get(locale) ?? []), fileId]);
      for (const [locale, fileIds] of byLocale) {
        await (trx ?? (await knexNow(strapi)))(table.name).where(table.column('locale'), locale).whereIn(table.column('fileId'), fileIds).delete();
      }
    },

    async forgetFile(fileId: number): Promise<void> {
      await rows().deleteMany({ where: { fileId } });
    },
  };
};

export type SuggestionStore = ReturnType<typeof createSuggestionStore>;
