import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import type { TextSource } from '../../../shared/vocabulary';
import { knexNow, LOCALE_TEXT_UID, tableOf } from '../models';
import { isAltTextMissing } from './missing';
import type { ProvenanceContext } from './provenance';

export interface LocaleTextRow {
  id: number;
  fileId: number;
  locale: string;
  text: string | null;
  source: TextSource;
  provider: string | null;
  /** Written by the fallback provider (config `fallback`). */
  fallback?: boolean | null;
  strategy: string | null;
  jobId: number | null;
  context: ProvenanceContext | null;
}

export type NewLocaleText = Omit<LocaleTextRow, 'id' | 'provider' | 'fallback' | 'strategy' | 'jobId' | 'context'> &
  Partial<Pick<LocaleTextRow, 'provider' | 'fallback' | 'strategy' | 'jobId' | 'context'>>;

/**
 * Alt text in the locales other than the default, one row per (file, locale) in the plugin's own
 * table: Strapi's `alternativeText` is a single string. The same rules as the default locale's: a
 * text that is empty, blank or the file's name counts as missing, and only the plugin's own
 * (`generated`) text may be replaced without an overwrite.
 */
export const createLocaleTextStore = (strapi: Core.Strapi) => {
  const rows = () => strapi.db.query(LOCALE_TEXT_UID);
  const table = tableOf(strapi, LOCALE_TEXT_UID);

  /** The rows of these files, by file then locale (only the given locales, when given). */
  const forFiles = async (fileIds: number[], locales?: string[]): Promise<Map<number, Map<string, LocaleTextRow>>> => {
    const byFile = new Map<number, Map<string, LocaleTextRow>>();
    if (fileIds.length === 0) return byFile;
    const where = { fileId: { $in: fileIds }, ...(locales ? { locale: { $in: locales } } : {}) };
    for (const row of (await rows().findMany({ where })) as LocaleTextRow[]) {
      if (!byFile.has(row.fileId)) byFile.set(row.fileId, new Map());
      byFile.get(row.fileId)?.set(row.locale, row);
    }
    return byFile;
  };

  const changesOf = (entry: NewLocaleText, now: Date) => {
    const { fileId: _fileId, locale: _locale, context, ...rest } = entry;
    return table.row({ provider: null, fallback: false, strategy: null, jobId: null, ...rest, context: context ? JSON.stringify(context) : null, updatedAt: now });
  };

  return {
    tableName: table.name,
    column: table.column,
    forFiles,

    async get(fileId: number, locale: string): Promise<LocaleTextRow | null> {
      return (await rows().findOne({ where: { fileId, locale } })) as LocaleTextRow | null;
    },

    /** One row per file and locale, whoever writes first: an upsert on the unique pair (in `trx` when given: raw knex does not join a transaction by itself). */
    async upsert(entry: NewLocaleText, trx?: Knex.Transaction): Promise<void> {
      const changes = changesOf(entry, new Date());
      const query = (trx ?? (await knexNow(strapi)))(table.name).insert({ ...changes, ...table.row({ fileId: entry.fileId, locale: entry.locale, createdAt: changes[table.column('updatedAt')] }) });
      await query.onConflict([table.column('fileId'), table.column('locale')]).merge(changes);
    },

    /** Many upserts in one statement, in `trx` (a CSV import writes its rows a chunk at a time). */
    async upsertMany(entries: NewLocaleText[], trx: Knex.Transaction): Promise<void> {
      if (entries.length === 0) return;
      const now = new Date();
      const values = entries.map((entry) => ({ ...changesOf(entry, now), ...table.row({ fileId: entry.fileId, locale: entry.locale, createdAt: now }) }));
      const merged = Object.keys(changesOf(entries[0], now));
      await trx(table.name).insert(values).onConflict([table.column('fileId'), table.column('locale')]).merge(merged);
    },

    /** The texts to serve in `locale` for these files: present and not missing (else the caller falls back). */
    async textsFor(files: Array<{ id: number; name: string }>, locale: string): Promise<Map<number, string>> {
      const found = await forFiles(files.map((file) => file.id), [locale]);
      const texts = new Map<number, string>();
      for (const file of files) {
        const text = found.get(file.id)?.get(locale)?.text;
        if (text && !isAltTextMissing(text, file.name)) texts.set(file.id, text);
      }
      return texts;
    },
  };
};

export type LocaleTextStore = ReturnType<typeof createLocaleTextStore>;
