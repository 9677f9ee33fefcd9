import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import { knexNow, PROVENANCE_UID, tableOf } from '../models';

export interface ProvenanceRow {
  id: number;
  fileId: number;
  text: string;
  provider: string;
  /** Written by the fallback provider (config `fallback`): tells it from a primary of the same API. */
  fallback?: boolean | null;
  lang: string;
  strategy: string | null;
  jobId: number | null;
  generatedAt: string | Date;
  /** The entry whose context shaped the text; null for pixels only. */
  context: ProvenanceContext | null;
  /** `imported` for a CSV import; `cache` for a text reused for the same bytes (no call); generated otherwise (null in older rows). */
  source?: 'generated' | 'cache' | 'imported' | null;
}

export interface ProvenanceContext {
  uid: string;
  documentId: string;
  typeName: string;
  title: string | null;
}

export type NewProvenance = Omit<ProvenanceRow, 'id' | 'generatedAt'>;

/**
 * What the plugin wrote, per file, in its own table: the Media Library's columns stay Strapi's.
 * A file's alt text counts as "generated" only while it still equals the text recorded here;
 * once someone edits it, it is human-written and protected like any other.
 */
export const createProvenanceStore = (strapi: Core.Strapi) => {
  const rows = () => strapi.db.query(PROVENANCE_UID);
  const table = tableOf(strapi, PROVENANCE_UID);

  const changesOf = (entry: NewProvenance, now: Date) => {
    const { fileId: _fileId, context, source, fallback, ...rest } = entry;
    return table.row({ ...rest, fallback: fallback ?? false, generatedAt: now, context: context ? JSON.stringify(context) : null, source: source ?? 'generated' });
  };

  return {
    async get(fileId: number): Promise<ProvenanceRow | null> {
      return (await rows().findOne({ where: { fileId } })) as ProvenanceRow | null;
    },

    async forFiles(fileIds: number[]): Promise<Map<number, ProvenanceRow>> {
      if (fileIds.length === 0) return new Map();
      const found = (await rows().findMany({ where: { fileId: { $in: fileIds } } })) as ProvenanceRow[];
      return new Map(found.map((row) => [row.fileId, row]));
    },

    /** One row per file, whoever writes first: an upsert on the unique file id, never update-then-insert. */
    async record(entry: NewProvenance): Promise<void> {
      const changes = changesOf(entry, new Date());
      await (await knexNow(strapi))(table.name).insert({ ...changes, ...table.row({ fileId: entry.fileId }) }).onConflict(table.column('fileId')).merge(changes);
    },

    /** Many records in one statement, in `trx` (raw knex joins a transaction only when told). */
    async recordMany(entries: NewProvenance[], trx: Knex.Transaction): Promise<void> {
      if (entries.length === 0) return;
      const now = new Date();
      const values = entries.map((entry) => ({ ...changesOf(entry, now), ...table.row({ fileId: entry.fileId }) }));
      await trx(table.name).insert(values).onConflict(table.column('fileId')).merge(Object.keys(changesOf(entries[0], now)));
    },
  };
};

/** The file's text is still exactly what the plugin generated (an imported text is a person's, protected like one). */
export const isGeneratedText = (current: string | null | undefined, provenance: ProvenanceRow | null | undefined): boolean =>
  !!provenance && !!current && current === provenance.text && provenance.source !== 'imported';

/** The file's text is exactly what a CSV import wrote. */
export const isImportedText = (current: string | null | undefined, provenance: ProvenanceRow | null | undefined): boolean =>
  !!provenance && !!current && current === provenance.text && provenance.source === 'imported';

export type ProvenanceStore = ReturnType<typeof createProvenanceStore>;
