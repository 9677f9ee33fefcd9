import type { Core } from '@strapi/strapi';
import { PROVENANCE_UID } from '../models';

export interface ProvenanceRow {
  id: number;
  fileId: number;
  text: string;
  provider: string;
  lang: string;
  strategy: string | null;
  jobId: number | null;
  generatedAt: string | Date;
  /** The entry whose context shaped the text; null for pixels only. */
  context: ProvenanceContext | null;
  /** `imported` for a CSV import; generated otherwise (null in older rows). */
  source?: 'generated' | 'imported' | null;
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
  const meta = strapi.db.metadata.get(PROVENANCE_UID);
  const column = (attribute: string): string =>
    (meta.attributes as Record<string, { columnName?: string }>)[attribute]?.columnName ?? attribute;

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
      const row = {
        [column('fileId')]: entry.fileId,
        [column('text')]: entry.text,
        [column('provider')]: entry.provider,
        [column('lang')]: entry.lang,
        [column('strategy')]: entry.strategy,
        [column('jobId')]: entry.jobId,
        [column('generatedAt')]: new Date(),
        [column('context')]: entry.context ? JSON.stringify(entry.context) : null,
        [column('source')]: entry.source ?? 'generated',
      };
      const { [column('fileId')]: _key, ...changes } = row;
      await strapi.db.connection(meta.tableName).insert(row).onConflict(column('fileId')).merge(changes);
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
