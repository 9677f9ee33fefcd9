import type { Core } from '@strapi/strapi';
import { getService } from '../services/get-service';
import { FILE_UID, PLUGIN_ID } from '../utils/plugin-id';

interface DeletedFileEvent {
  result?: { id?: number | string } | null;
}

/**
 * A file deleted from the Media Library (one by one, or with its folder: the upload plugin removes
 * each file with one `delete`) takes its alt text in the other locales and its provenance with it,
 * so nothing the plugin stored outlives the file: no orphan rows in exports, no history of a file
 * that no longer exists. A failure here is logged and never fails the delete.
 */
export const subscribeToFileDeletes = (strapi: Core.Strapi) => {
  strapi.db.lifecycles.subscribe({
    models: [FILE_UID],
    async afterDelete(event: DeletedFileEvent) {
      const fileId = Number(event.result?.id);
      if (!Number.isInteger(fileId)) return;
      try {
        await getService(strapi, 'media').forgetFile(fileId);
      } catch (error) {
        strapi.log.warn(`[${PLUGIN_ID}] file #${fileId} was deleted; its alt texts in other locales could not be (${error instanceof Error ? error.message : 'unknown error'})`);
      }
    },
  });
};
