import type { Core } from '@strapi/strapi';
import { isImageMime } from './utils/file-label';
import { getService } from './utils/get-service';
import { FILE_UID, PLUGIN_ID } from './utils/plugin-id';
import { readConfig } from './utils/read-config';

interface UploadFileEvent {
  result?: { id?: number | string; mime?: string | null } | null;
}

/**
 * Every upload path (admin, REST, the upload service) ends in one `db.query(FILE_UID).create`,
 * so a DB lifecycle sees them all. The handler only enqueues: no await, no throw, so the upload
 * request neither waits for nor fails because of a provider.
 */
const register = ({ strapi }: { strapi: Core.Strapi }) => {
  strapi.db.lifecycles.subscribe({
    models: [FILE_UID],
    afterCreate(event: UploadFileEvent) {
      try {
        const file = event.result;
        if (!file?.id || !isImageMime(file.mime)) return;
        if (!readConfig(strapi).autoOnUpload) return;
        getService(strapi, 'queue').enqueue(Number(file.id), 'upload');
      } catch (error) {
        strapi.log.error(`[${PLUGIN_ID}] could not enqueue an upload: ${error instanceof Error ? error.name : 'unknown error'}`);
      }
    },
  });
};

export default register;
