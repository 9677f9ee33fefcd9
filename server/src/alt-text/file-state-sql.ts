import type { Core } from '@strapi/strapi';
import { DECORATIVE_UID, knexNow, PROVENANCE_UID, SUGGESTION_UID, tableOf, type DecorativeStatus } from '../models';
import { FILE_UID } from '../utils/plugin-id';
import type { DecorativeRow } from './decorative';
import type { ProvenanceRow } from './provenance';

export interface FileState {
  /** What the plugin last wrote (text and source: enough to tell generated, imported and human apart). */
  provenance: ProvenanceRow | null;
  mark: DecorativeRow | null;
  /** Locales with a suggestion awaiting review. */
  pending: Set<string>;
}

/**
 * What a job reads about one image before its call, in one statement: its provenance, its
 * decorative row and its pending suggestions, LEFT JOINed to the file row on their file ids (the
 * first two unique, the last one row per locale). Three lookups cost a round trip each otherwise.
 */
export const readFileState = async (strapi: Core.Strapi, fileId: number): Promise<FileState> => {
  const files = tableOf(strapi, FILE_UID);
  const provenance = tableOf(strapi, PROVENANCE_UID);
  const decorative = tableOf(strapi, DECORATIVE_UID);
  const suggestions = tableOf(strapi, SUGGESTION_UID);
  const knex = await knexNow(strapi);
  const rows = (await knex(`${files.name} as f`)
    .select({
      provenanceText: `p.${provenance.column('text')}`,
      provenanceSource: `p.${provenance.column('source')}`,
      provenanceProvider: `p.${provenance.column('provider')}`,
      decorativeId: `d.${decorative.column('id')}`,
      decorativeStatus: `d.${decorative.column('status')}`,
      decorativeReason: `d.${decorative.column('reason')}`,
      suggestionLocale: `s.${suggestions.column('locale')}`,
    })
    .leftJoin(`${provenance.name} as p`, `p.${provenance.column('fileId')}`, `f.${files.column('id')}`)
    .leftJoin(`${decorative.name} as d`, `d.${decorative.column('fileId')}`, `f.${files.column('id')}`)
    .leftJoin(`${suggestions.name} as s`, `s.${suggestions.column('fileId')}`, `f.${files.column('id')}`)
    .where(`f.${files.column('id')}`, fileId)) as Array<{
    provenanceText: string | null;
    provenanceSource: ProvenanceRow['source'];
    provenanceProvider: string | null;
    decorativeId: number | null;
    decorativeStatus: DecorativeStatus | null;
    decorativeReason: string | null;
    suggestionLocale: string | null;
  }>;
  const [first] = rows;
  return {
    provenance:
      first && first.provenanceText !== null && first.provenanceProvider !== null
        ? ({ fileId, text: first.provenanceText, source: first.provenanceSource ?? null, provider: first.provenanceProvider } as ProvenanceRow)
        : null,
    mark: first?.decorativeId != null && first.decorativeStatus ? { id: Number(first.decorativeId), fileId, status: first.decorativeStatus, reason: first.decorativeReason, actor: null } : null,
    pending: new Set(rows.map((row) => row.suggestionLocale).filter((locale): locale is string => !!locale)),
  };
};
