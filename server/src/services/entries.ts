import type { Core } from '@strapi/strapi';
import type { EntryImageView } from '../../../shared/contracts/entries';
import { isAltTextMissing } from '../alt-text/missing';
import { createProvenanceStore, isGeneratedText } from '../alt-text/provenance';
import { readConfig } from '../config/read';
import { createContextResolver } from '../context';
import { invalidRequest } from '../errors/field-errors';
import type { EntryRef } from '../generation/types';
import { JOB_UID } from '../models';
import { FILE_UID } from '../utils/plugin-id';
import { getService } from './get-service';

interface FileAlt {
  id: number;
  name: string;
  alternativeText: string | null;
}

const sameEntry = (a: EntryRef | null | undefined, b: EntryRef) =>
  !!a && a.uid === b.uid && a.documentId === b.documentId && (a.locale ?? null) === (b.locale ?? null);

/**
 * The images of one entry, as the entry editor's panel and the entry list's bulk action see them,
 * and the requests to describe them with that entry's context. A human's alt text is never
 * replaced except by an explicit per-image request.
 */
export const createEntriesService = ({ strapi }: { strapi: Core.Strapi }) => {
  // A stateless reader of entries: built per call from the settings in force.
  const resolver = () => createContextResolver(strapi, readConfig(strapi).entryContext);
  const provenance = createProvenanceStore(strapi);
  const queue = () => getService(strapi, 'queue');
  const fileIdsOf = async (entry: EntryRef) => (await resolver().forEntry(entry.uid, entry.documentId, entry.locale ?? undefined)).map((image) => image.fileId);
  const altTexts = async (ids: number[]) =>
    new Map(((await strapi.db.query(FILE_UID).findMany({ select: ['id', 'name', 'alternativeText'], where: { id: { $in: ids } } })) as FileAlt[]).map((file) => [file.id, file]));

  return {
    /** Each image with its text in the entry's locale when the plugin writes that locale, else in the default one (`locale` says which). */
    async images(entry: EntryRef): Promise<EntryImageView[]> {
      const images = await resolver().forEntry(entry.uid, entry.documentId, entry.locale ?? undefined);
      const written = entry.locale && (await getService(strapi, 'locales').set()).all.includes(entry.locale) ? entry.locale : undefined;
      const items = await getService(strapi, 'media').items(images.map((image) => image.fileId), written);
      return images.flatMap((image) => {
        const item = items.get(image.fileId);
        return item ? [{ ...item, field: image.context.field }] : [];
      });
    },

    /** `fileIds`: those images, overwritten (like Regenerate); none: every image whose text is missing or the plugin's. */
    async generate(entry: EntryRef, fileIds?: number[]): Promise<{ queued: number; kept: number }> {
      const own = [...new Set(await fileIdsOf(entry))];
      if (fileIds) {
        const foreign = fileIds.filter((id) => !own.includes(id));
        if (foreign.length > 0) throw invalidRequest([{ path: ['fileIds'], message: `${foreign.map((id) => `#${id}`).join(', ')} not used by this entry` }]);
        for (const fileId of new Set(fileIds)) await queue().request(fileId, { reason: 'manual', mode: 'overwrite', lang: null, contextEntry: entry });
        return { queued: new Set(fileIds).size, kept: 0 };
      }
      const [files, records] = await Promise.all([altTexts(own), provenance.forFiles(own)]);
      let queued = 0;
      for (const fileId of own) {
        const file = files.get(fileId);
        const human = !!file && !isAltTextMissing(file.alternativeText, file.name) && !isGeneratedText(file.alternativeText, records.get(fileId));
        if (!file || human) continue;
        await queue().request(fileId, { reason: 'context', mode: 'fill', lang: null, contextEntry: entry });
        queued += 1;
      }
      return { queued, kept: own.length - queued };
    },

    /**
     * `entryContext.upgrade`: an entry was saved; each of its images whose text the plugin wrote
     * without any entry's context is described once more with this one — once per image and entry.
     */
    async upgrade(entry: EntryRef): Promise<number> {
      const own = [...new Set(await fileIdsOf(entry))];
      if (own.length === 0) return 0;
      const [files, records] = await Promise.all([altTexts(own), provenance.forFiles(own)]);
      const earlier = (await strapi.db.query(JOB_UID).findMany({ select: ['fileId', 'contextEntry'], where: { fileId: { $in: own }, reason: 'context' } })) as Array<{ fileId: number; contextEntry: EntryRef | null }>;
      let queued = 0;
      for (const fileId of own) {
        const record = records.get(fileId);
        if (!record || record.context || !isGeneratedText(files.get(fileId)?.alternativeText, record)) continue;
        if (earlier.some((job) => job.fileId === fileId && sameEntry(job.contextEntry, entry))) continue;
        await queue().request(fileId, { reason: 'context', mode: 'fill', lang: null, contextEntry: entry });
        queued += 1;
      }
      return queued;
    },
  };
};
