import type { Core } from '@strapi/strapi';
import type { Page } from '../../../shared/contracts/common';
import type { MediaItemView } from '../../../shared/contracts/media';
import { createMediaFilter, type MediaFilter } from '../alt-text/media-filter';
import { isAltTextMissing } from '../alt-text/missing';
import { createProvenanceStore, isGeneratedText, type ProvenanceRow } from '../alt-text/provenance';
import { createAltTextWriter } from '../alt-text/write';
import { isImageMime } from '../utils/file-label';
import { FILE_UID } from '../utils/plugin-id';
import { getService } from './get-service';

export type { MediaFilter } from '../alt-text/media-filter';

interface FileRecord {
  id: number;
  name: string;
  mime: string;
  width: number | null;
  height: number | null;
  url: string;
  formats: Record<string, { url: string }> | null;
  alternativeText: string | null;
}

interface UploadFileService {
  signFileUrls(file: FileRecord): Promise<FileRecord>;
}

/** The admin's media list: images with their alt text, where it came from, and a thumbnail the browser can load. */
export const createMediaService = ({ strapi }: { strapi: Core.Strapi }) => {
  const filter = createMediaFilter(strapi);
  const provenance = createProvenanceStore(strapi);
  const writer = createAltTextWriter(strapi);
  const files = () => strapi.db.query(FILE_UID);
  const activeOf = (ids: number[]) => getService(strapi, 'queue').jobs().filesWithActiveJobs(ids);

  // The Read and Generate permissions cover images, not every file in the library.
  const findImage = async (fileId: number): Promise<FileRecord | null> => {
    const file = (await files().findOne({ where: { id: fileId } })) as FileRecord | null;
    return file && isImageMime(file.mime) ? file : null;
  };

  /** Signed like Strapi's own Media Library does it, when the storage is private. */
  const thumbnailOf = async (file: FileRecord): Promise<string | null> => {
    try {
      const signed = await (strapi.plugin('upload').service('file') as UploadFileService).signFileUrls(file);
      return signed.formats?.thumbnail?.url ?? signed.url ?? null;
    } catch {
      return null;
    }
  };

  const generatedBy = (record: ProvenanceRow) => ({
    provider: record.provider,
    lang: record.lang,
    at: new Date(record.generatedAt).toISOString(),
    context: record.context ? { typeName: record.context.typeName, title: record.context.title } : null,
  });

  const itemOf = async (file: FileRecord, record: ProvenanceRow | null | undefined, queued: boolean): Promise<MediaItemView> => {
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
      ...(generated && record ? { generatedBy: generatedBy(record) } : {}),
      queued,
    };
  };

  return {
    async list(options: { filter?: MediaFilter; search?: string; page?: number; pageSize?: number }): Promise<Page<MediaItemView>> {
      const { page = 1, pageSize = 20 } = options;
      const { ids, total } = await filter.page(options.filter ?? 'all', options.search, page, pageSize);
      const rows = (await files().findMany({ where: { id: { $in: ids } }, orderBy: { id: 'desc' } })) as FileRecord[];
      const [records, active] = await Promise.all([provenance.forFiles(ids), activeOf(ids)]);
      return { rows: await Promise.all(rows.map((file) => itemOf(file, records.get(file.id), active.has(file.id)))), total, page, pageSize };
    },

    /** The given images (others are left out) as the list shows them, by id. */
    async items(fileIds: number[]): Promise<Map<number, MediaItemView>> {
      if (fileIds.length === 0) return new Map();
      const rows = ((await files().findMany({ where: { id: { $in: fileIds } } })) as FileRecord[]).filter((file) => isImageMime(file.mime));
      const [records, active] = await Promise.all([provenance.forFiles(fileIds), activeOf(fileIds)]);
      const items = await Promise.all(rows.map((file) => itemOf(file, records.get(file.id), active.has(file.id))));
      return new Map(items.map((item) => [item.id, item]));
    },

    /**
     * Queues one image to be described again, replacing whatever alt text it has. A job already
     * waiting for the file absorbs the request; a job running now gets it as its follow-up.
     */
    async regenerate(fileId: number, lang?: string | null): Promise<{ queued: boolean } | null> {
      if (!(await findImage(fileId))) return null;
      await getService(strapi, 'queue').request(fileId, { reason: 'manual', mode: 'overwrite', lang: lang ?? null });
      return { queued: true };
    },

    /** A human edit: from then on the text counts as human-written, and fill runs leave it alone. */
    async updateAltText(fileId: number, alternativeText: string): Promise<MediaItemView | null> {
      const file = await findImage(fileId);
      if (!file) return null;
      await writer.writeHuman(fileId, alternativeText);
      const [record, active] = await Promise.all([provenance.get(fileId), activeOf([fileId])]);
      return itemOf({ ...file, alternativeText }, record, active.has(fileId));
    },
  };
};
