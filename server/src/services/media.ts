import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import type { Page } from '../../../shared/contracts/common';
import type { MediaItemView } from '../../../shared/contracts/media';
import { PROVENANCE_UID } from '../queue/models';
import { isAltTextMissing } from '../write-back/missing-alt-text';
import { exactEqualsSql, missingAltTextSql, sqlDialectOf } from '../write-back/missing-alt-text-sql';
import { createProvenanceStore, isGeneratedText } from '../write-back/provenance';
import { getService } from '../utils/get-service';
import { FILE_UID } from '../utils/plugin-id';
import { isImageMime } from '../utils/file-label';

export type MediaFilter = 'all' | 'missing' | 'generated' | 'human';

interface FileRecord {
  id: number;
  name: string;
  mime: string;
  width: number | null;
  height: number | null;
  url: string;
  provider: string | null;
  formats: Record<string, { url: string }> | null;
  alternativeText: string | null;
}

interface UploadFileService {
  signFileUrls(file: FileRecord): Promise<FileRecord>;
}

/**
 * The admin's media list: images with their alt text and where it came from. Filters run in SQL
 * (a join on the provenance table), one page at a time.
 */
export const createMediaService = ({ strapi }: { strapi: Core.Strapi }) => {
  const fileMeta = strapi.db.metadata.get(FILE_UID);
  const provenanceMeta = strapi.db.metadata.get(PROVENANCE_UID);
  const column = (meta: typeof fileMeta, attribute: string) =>
    ((meta.attributes as Record<string, { columnName?: string }>)[attribute]?.columnName ?? attribute) as string;
  const f = {
    table: fileMeta.tableName,
    id: 'id',
    name: column(fileMeta, 'name'),
    alt: column(fileMeta, 'alternativeText'),
    mime: column(fileMeta, 'mime'),
  };
  const p = { table: provenanceMeta.tableName, fileId: column(provenanceMeta, 'fileId'), text: column(provenanceMeta, 'text') };

  const filtered = (filter: MediaFilter, search?: string) => {
    const knex = strapi.db.connection;
    const dialect = sqlDialectOf(knex);
    const missing = missingAltTextSql(dialect, { alt: `${f.table}.${f.alt}`, name: `${f.table}.${f.name}` });
    // "Generated" = still exactly the text the plugin wrote: on MySQL a plain `=` would also match
    // a human's edit that only changed case, accents or trailing spaces.
    const stillGenerated = exactEqualsSql(dialect, `${p.table}.${p.text}`, `${f.table}.${f.alt}`);
    let query = knex(f.table)
      .leftJoin(p.table, function joinProvenance(this: Knex.JoinClause) {
        this.on(`${p.table}.${p.fileId}`, '=', `${f.table}.id`).andOn(knex.raw(stillGenerated.sql, stillGenerated.bindings));
      })
      .where(`${f.table}.${f.mime}`, 'like', 'image/%');
    if (search) query = query.where(`${f.table}.${f.name}`, 'like', `%${search.replace(/[%_]/g, '')}%`);
    // The same precedence as a row's `source`: missing, else generated, else human.
    if (filter === 'missing') query = query.whereRaw(missing.sql, missing.bindings);
    if (filter === 'generated') query = query.whereNotNull(`${p.table}.id`).whereRaw(`NOT ${missing.sql}`, missing.bindings);
    if (filter === 'human') query = query.whereNull(`${p.table}.id`).whereRaw(`NOT ${missing.sql}`, missing.bindings);
    return query;
  };

  const findImage = async (fileId: number): Promise<FileRecord | null> => {
    const file = (await strapi.db.query(FILE_UID).findOne({ where: { id: fileId } })) as FileRecord | null;
    return file && isImageMime(file.mime) ? file : null;
  };

  const thumbnailOf = async (file: FileRecord): Promise<string | null> => {
    try {
      const upload = strapi.plugin('upload').service('file') as UploadFileService;
      const signed = await upload.signFileUrls(file);
      return signed.formats?.thumbnail?.url ?? signed.url ?? null;
    } catch {
      return null;
    }
  };

  return {
    async list(options: { filter?: MediaFilter; search?: string; page?: number; pageSize?: number }): Promise<Page<MediaItemView>> {
      const page = Math.max(1, Math.floor(options.page ?? 1));
      const pageSize = Math.min(100, Math.max(1, Math.floor(options.pageSize ?? 20)));
      const filter = options.filter ?? 'all';
      const [{ total }] = (await filtered(filter, options.search).count({ total: `${f.table}.id` })) as Array<{ total: number | string }>;
      const ids = ((await filtered(filter, options.search)
        .select(`${f.table}.id as id`)
        .orderBy(`${f.table}.id`, 'desc')
        .offset((page - 1) * pageSize)
        .limit(pageSize)) as Array<{ id: number }>).map((row) => Number(row.id));

      const files = (await strapi.db.query(FILE_UID).findMany({ where: { id: { $in: ids } }, orderBy: { id: 'desc' } })) as FileRecord[];
      const provenance = await createProvenanceStore(strapi).forFiles(ids);
      const active = await getService(strapi, 'queue').jobs().filesWithActiveJobs(ids);
      const rows = await Promise.all(
        files.map(async (file): Promise<MediaItemView> => {
          const record = provenance.get(file.id);
          const generated = isGeneratedText(file.alternativeText, record);
          return {
            id: file.id,
            name: file.name,
            mime: file.mime,
            width: file.width,
            height: file.height,
            thumbnailUrl: await thumbnailOf(file),
            alternativeText: file.alternativeText,
            source: isAltTextMissing(file.alternativeText, file.name) ? 'missing' : generated ? 'generated' : 'human',
            ...(generated && record
              ? { generatedBy: { provider: record.provider, lang: record.lang, at: new Date(record.generatedAt).toISOString() } }
              : {}),
            queued: active.has(file.id),
          };
        })
      );
      return { rows, total: Number(total), page, pageSize };
    },

    /**
     * Queues one image to be described again, replacing whatever alt text it has. A job already
     * waiting for the file absorbs the request; a job running now gets it as its follow-up.
     */
    async regenerate(fileId: number, lang?: string | null): Promise<{ queued: boolean } | null> {
      const file = await findImage(fileId);
      if (!file) return null;
      await getService(strapi, 'queue').request(fileId, { reason: 'manual', mode: 'overwrite', lang: lang ?? null });
      return { queued: true };
    },

    /** A human edit: the text no longer matches what the plugin wrote, so it is protected from now on. */
    async updateAltText(fileId: number, alternativeText: string): Promise<MediaItemView | null> {
      // The Generate permission covers images' alt text, not every file in the library.
      const file = await findImage(fileId);
      if (!file) return null;
      await strapi.db.query(FILE_UID).update({ where: { id: fileId }, data: { alternativeText } });
      const updated = { ...file, alternativeText };
      const record = await createProvenanceStore(strapi).get(fileId);
      const generated = isGeneratedText(alternativeText, record);
      return {
        id: file.id,
        name: file.name,
        mime: file.mime,
        width: file.width,
        height: file.height,
        thumbnailUrl: await thumbnailOf(updated),
        alternativeText,
        source: isAltTextMissing(alternativeText, file.name) ? 'missing' : generated ? 'generated' : 'human',
        queued: (await getService(strapi, 'queue').jobs().filesWithActiveJobs([fileId])).has(fileId),
      };
    },
  };
};
