import type { Core } from '@strapi/strapi';
import type { EntryImageView } from '../../../shared/contracts/entries';
import { readConfig } from '../config/read';
import { createContextResolver } from '../context';
import { invalidRequest } from '../errors/field-errors';
import type { EntryRef } from '../generation/types';
import { JOB_UID } from '../models';
import { getService } from './get-service';

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
  const queue = () => getService(strapi, 'queue');
  const fileIdsOf = async (entry: EntryRef) => (await resolver().forEntry(entry.uid, entry.documentId, entry.locale ?? undefined)).map((image) => image.fileId);
  /**
   * The locale whose texts an entry's panel shows and its requests write: the entry's when the
   * plugin writes it, else the default. With one locale, null: that one text, as before locales.
   */
  const targetOf = async (entry: EntryRef): Promise<string | null> => {
    const set = await getService(strapi, 'locales').set();
    if (set.all.length === 1) return null;
    return entry.locale && set.all.includes(entry.locale) ? entry.locale : set.default;
  };
  /** Each image's text and source in the target locale. */
  const textsOf = (ids: number[], target: string | null) => getService(strapi, 'media').items(ids, target ?? undefined);

  return {
    /** Each image with its text in the entry's locale when the plugin writes that locale, else in the default one (`locale` says which). */
    async images(entry: EntryRef): Promise<EntryImageView[]> {
      const images = await resolver().forEntry(entry.uid, entry.documentId, entry.locale ?? undefined);
      const items = await textsOf(images.map((image) => image.fileId), await targetOf(entry));
      return images.flatMap((image) => {
        const item = items.get(image.fileId);
        return item ? [{ ...item, field: image.context.field }] : [];
      });
    },

    /**
     * `fileIds`: those images, overwritten (like Regenerate); none: every image whose text is
     * missing or the plugin's. With several locales only the entry's locale is written (the
     * default when the plugin does not write it): a French entry's context says nothing new
     * about the German text, and every other locale would cost a credit.
     */
    async generate(entry: EntryRef, fileIds?: number[]): Promise<{ queued: number; kept: number }> {
      const own = [...new Set(await fileIdsOf(entry))];
      const target = await targetOf(entry);
      const locales = target ? [target] : null;
      if (fileIds) {
        const foreign = fileIds.filter((id) => !own.includes(id));
        if (foreign.length > 0) throw invalidRequest([{ path: ['fileIds'], message: `${foreign.map((id) => `#${id}`).join(', ')} not used by this entry` }]);
        for (const fileId of new Set(fileIds)) await queue().request(fileId, { reason: 'manual', mode: 'overwrite', lang: null, contextEntry: entry, locales });
        return { queued: new Set(fileIds).size, kept: 0 };
      }
      const texts = await textsOf(own, target);
      let queued = 0;
      for (const fileId of own) {
        const source = texts.get(fileId)?.source;
        if (!source || source === 'human' || source === 'imported') continue;
        await queue().request(fileId, { reason: 'context', mode: 'fill', lang: null, contextEntry: entry, locales });
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
      const target = await targetOf(entry);
      const texts = await textsOf(own, target);
      const earlier = (await strapi.db.query(JOB_UID).findMany({ select: ['fileId', 'contextEntry'], where: { fileId: { $in: own }, reason: 'context' } })) as Array<{ fileId: number; contextEntry: EntryRef | null }>;
      let queued = 0;
      for (const fileId of own) {
        const text = texts.get(fileId);
        if (text?.source !== 'generated' || text.generatedBy?.context) continue;
        if (earlier.some((job) => job.fileId === fileId && sameEntry(job.contextEntry, entry))) continue;
        await queue().request(fileId, { reason: 'context', mode: 'fill', lang: null, contextEntry: entry, locales: target ? [target] : null });
        queued += 1;
      }
      return queued;
    },
  };
};
