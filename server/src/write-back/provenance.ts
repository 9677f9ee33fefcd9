import type { Core } from '@strapi/strapi';
import { PROVENANCE_UID } from '../queue/models';

export interface ProvenanceRow {
  id: number;
  fileId: number;
  text: string;
  provider: string;
  lang: string;
  strategy: string | null;
  jobId: number | null;
  generatedAt: string | Date;
}

export type NewProvenance = Omit<ProvenanceRow, 'id' | 'generatedAt'>;

/**
 * What the plugin wrote, per file, in its own table: the Media Library's columns stay Strapi's.
 * A file's alt text counts as "generated" only while it still equals the text recorded here;
 * once someone edits it, it is human-written and protected like any other.
 */
export const createProvenanceStore = (strapi: Core.Strapi) => {
  const rows = () => strapi.db.query(PROVENANCE_UID);

  return {
    async get(fileId: number): Promise<ProvenanceRow | null> {
      return (await rows().findOne({ where: { fileId } })) as ProvenanceRow | null;
    },

    async forFiles(fileIds: number[]): Promise<Map<number, ProvenanceRow>> {
      if (fileIds.length === 0) return new Map();
      const found = (await rows().findMany({ where: { fileId: { $in: fileIds } } })) as ProvenanceRow[];
      return new Map(found.map((row) => [row.fileId, row]));
    },

    async record(entry: NewProvenance): Promise<void> {
      const data = { ...entry, generatedAt: new Date() };
      const { count } = await rows().updateMany({ where: { fileId: entry.fileId }, data });
      if (count === 0) await rows().create({ data });
    },
  };
};

export const isGeneratedText = (current: string | null | undefined, provenance: ProvenanceRow | null | undefined): boolean =>
  !!provenance && !!current && current === provenance.text;

export type ProvenanceStore = ReturnType<typeof createProvenanceStore>;
