import type { Core } from '@strapi/strapi';
import type { AltTextActor } from '../../../shared/contracts/history';
import type { MediaItemView } from '../../../shared/contracts/media';
import { createDecorativeStore } from '../alt-text/decorative';
import { createDecorativeWriter } from '../alt-text/decorative-write';
import { isImageMime } from '../utils/file-label';
import { FILE_UID } from '../utils/plugin-id';
import { getService } from './get-service';

/** Decorative images (README, "Decorative images"): an editor's mark and unmark, detection's suggestions. Free: no provider call. */
export const createDecorativeService = ({ strapi }: { strapi: Core.Strapi }) => {
  const writer = createDecorativeWriter(strapi);
  const store = createDecorativeStore(strapi);

  const isImage = async (fileId: number): Promise<boolean> => {
    const file = (await strapi.db.query(FILE_UID).findOne({ where: { id: fileId }, select: ['id', 'mime'] })) as { mime?: string } | null;
    return !!file && isImageMime(file.mime);
  };

  return {
    /** Marks or unmarks one image; null when it is not an image of the library. */
    async set(fileId: number, decorative: boolean, actor: AltTextActor): Promise<MediaItemView | null> {
      if (!(await isImage(fileId))) return null;
      const locales = await getService(strapi, 'locales').set();
      if (decorative) await writer.mark(fileId, locales, actor);
      else await writer.unmark(fileId, locales, actor);
      return (await getService(strapi, 'media').items([fileId])).get(fileId) ?? null;
    },

    /** Detection's suggestion (an upload's spacer): recorded, nothing written. */
    suggest: (fileId: number, reason: string): Promise<void> => store.suggest(fileId, reason),
  };
};
