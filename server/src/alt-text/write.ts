import type { Core } from '@strapi/strapi';
import type { JobReason, WriteMode } from '../models';
import { knexNow, tableOf } from '../models';
import { FILE_UID } from '../utils/plugin-id';
import { MARKED_DECORATIVE } from './decorative';
import { decorativeSql } from './decorative-sql';
import { isAltTextMissing } from './missing';
import { asOwnWrite } from './own-writes';
import { createProvenanceStore, isGeneratedText, type NewProvenance } from './provenance';

/** The columns of a file the write rules look at. */
export interface AltTextFile {
  id: number;
  name: string;
  alternativeText?: string | null;
}

/** `suggested`: held for an editor's review (config `review`) instead of written; the credit was spent all the same. */
export type WriteResult = { status: 'written'; suggested?: boolean } | { status: 'skipped'; reason: string };

/**
 * Where alt text is written, and the rules for when it may be: `fill` writes only missing text,
 * `overwrite` any; new bytes (`replace`) may refresh the plugin's own earlier text but never a
 * human's; and a text a human typed while the provider was working always wins.
 */
export const createAltTextWriter = (strapi: Core.Strapi) => {
  const files = () => strapi.db.query(FILE_UID);
  const provenance = createProvenanceStore(strapi);

  /** The file's text and name, and whether it is marked decorative: one statement for both guards. */
  const guard = async (fileId: number): Promise<(AltTextFile & { marked: boolean }) | null> => {
    const table = tableOf(strapi, FILE_UID);
    const knex = await knexNow(strapi);
    const marked = decorativeSql(strapi, `${table.name}.${table.column('id')}`);
    const row = (await knex(table.name)
      .select({ alternativeText: table.column('alternativeText'), name: table.column('name') })
      .select(knex.raw(`CASE WHEN ${marked.sql} THEN 1 ELSE 0 END AS marked`, marked.bindings))
      .where(table.column('id'), fileId)
      .first()) as { alternativeText: string | null; name: string; marked: number | string | boolean } | undefined;
    return row ? { id: fileId, name: row.name, alternativeText: row.alternativeText ?? null, marked: Number(row.marked) === 1 } : null;
  };

  return {
    async mayWrite(file: AltTextFile, job: { mode?: WriteMode; reason?: JobReason }): Promise<boolean> {
      if (job.mode === 'overwrite') return true;
      if (isAltTextMissing(file.alternativeText, file.name)) return true;
      // New bytes, or an entry's context the text was written without: the plugin's own text may be refreshed, a human's never.
      return (job.reason === 'replace' || job.reason === 'context') && isGeneratedText(file.alternativeText, await provenance.get(file.id));
    },

    /** A human's text: it no longer matches what the plugin wrote, so it is protected from now on. */
    async writeHuman(fileId: number, text: string): Promise<void> {
      await asOwnWrite(() => files().update({ where: { id: fileId }, data: { alternativeText: text } }));
    },

    /**
     * Writes generated text over what `before` held, and records it as the plugin's. With
     * `unlessMarked` (a job), an image an editor marked decorative meanwhile is left alone too.
     */
    async writeGenerated(before: AltTextFile, text: string, record: Omit<NewProvenance, 'fileId' | 'text'>, options: { unlessMarked?: boolean } = {}): Promise<WriteResult> {
      // Re-read: a human may have typed alt text (or marked the image) while the provider was thinking.
      const current = await guard(before.id);
      if (!current) return { status: 'skipped', reason: 'the file was deleted during generation' };
      if (options.unlessMarked && current.marked) return { status: 'skipped', reason: MARKED_DECORATIVE };
      if (current.alternativeText !== before.alternativeText && !isAltTextMissing(current.alternativeText, current.name)) {
        return { status: 'skipped', reason: 'alt text was written by someone else during generation' };
      }
      // Strapi's own update, so the file's lifecycles (other plugins, webhooks) see the change.
      await asOwnWrite(() => files().update({ where: { id: before.id }, data: { alternativeText: text } }));
      await provenance.record({ fileId: before.id, text, ...record });
      return { status: 'written' };
    },
  };
};

export type AltTextWriter = ReturnType<typeof createAltTextWriter>;
