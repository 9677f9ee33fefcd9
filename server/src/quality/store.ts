import { createHash } from 'node:crypto';
import type { Core } from '@strapi/strapi';
import type { QualityFlag } from '../../../shared/contracts/quality';
import { knexNow, QUALITY_UID, tableOf } from '../models';

export interface QualityRow {
  id: number;
  fileId: number;
  locale: string;
  text: string | null;
  textHash: string;
  flags: QualityFlag[] | null;
  flagCount: number;
  checkedAt: string | Date | null;
}

/** What "identical" means for DUPLICATE: case and runs of spaces do not make two texts different. */
export const textHashOf = (text: string): string => createHash('sha1').update(text.trim().replace(/\s+/g, ' ').toLowerCase()).digest('hex');

/**
 * The checks' results, one row per (file, locale). Every statement joins the transaction it runs
 * in (a CSV import's chunk, a job's write-back): the query layer by itself, the upsert through `knexNow`.
 */
export const createQualityStore = (strapi: Core.Strapi) => {
  const rows = () => strapi.db.query(QUALITY_UID);

  return {
    /**
     * Another image whose checked text in this locale is identical: one query on the
     * (locale, text_hash) index. The first image with a text is the original; only later ones are flagged.
     */
    async duplicateOf(fileId: number, locale: string, textHash: string): Promise<number | null> {
      const other = (await rows().findOne({ where: { locale, textHash, fileId: { $ne: fileId } }, select: ['fileId'], orderBy: { fileId: 'asc' } })) as { fileId: number } | null;
      return other ? Number(other.fileId) : null;
    },

    /**
     * Saves a result, replacing the previous one: one upsert on the unique (file, locale), so a
     * racing writer cannot make it fail, and inside a job's transaction nothing fails (on
     * PostgreSQL a failed statement would abort the whole transaction).
     */
    async save(fileId: number, locale: string, text: string, textHash: string, flags: QualityFlag[]): Promise<void> {
      const table = tableOf(strapi, QUALITY_UID);
      const now = new Date();
      const changes = table.row({ text, textHash, flags: JSON.stringify(flags), flagCount: flags.length, checkedAt: now, updatedAt: now });
      await (await knexNow(strapi))(table.name)
        .insert({ ...changes, ...table.row({ fileId, locale, createdAt: now }) })
        .onConflict([table.column('fileId'), table.column('locale')])
        .merge(changes);
    },

    async forget(fileId: number, locale?: string): Promise<void> {
      await rows().deleteMany({ where: { fileId, ...(locale ? { locale } : {}) } });
    },

    /**
     * The flags of these images in one locale, for the text each has now: a row checked for another
     * text (edited in Strapi's Media Library since) is stale and left out.
     */
    async current(texts: Map<number, string | null>, locale: string): Promise<Map<number, QualityFlag[]>> {
      const found = new Map<number, QualityFlag[]>();
      if (texts.size === 0) return found;
      const checked = (await rows().findMany({ where: { fileId: { $in: [...texts.keys()] }, locale } })) as QualityRow[];
      for (const row of checked) {
        if (row.text !== null && row.text === texts.get(Number(row.fileId))) found.set(Number(row.fileId), row.flags ?? []);
      }
      return found;
    },

    /** Per image, the locales whose current text is flagged; `currentText` gives each image's text in a locale. */
    async flaggedLocales(fileIds: number[], currentText: (fileId: number, locale: string) => string | null | undefined): Promise<Map<number, string[]>> {
      const found = new Map<number, string[]>();
      if (fileIds.length === 0) return found;
      const flagged = (await rows().findMany({ where: { fileId: { $in: fileIds }, flagCount: { $gt: 0 } }, select: ['fileId', 'locale', 'text'] })) as QualityRow[];
      for (const row of flagged) {
        const fileId = Number(row.fileId);
        if (row.text === null || row.text !== currentText(fileId, row.locale)) continue;
        found.set(fileId, [...(found.get(fileId) ?? []), row.locale]);
      }
      return found;
    },
  };
};

export type QualityStore = ReturnType<typeof createQualityStore>;
