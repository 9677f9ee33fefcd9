import type { Core } from '@strapi/strapi';
import { jobModel, provenanceModel, runModel } from './queue/models';
import { isImageMime } from './utils/file-label';
import { getService } from './utils/get-service';
import { FILE_UID, PLUGIN_ID } from './utils/plugin-id';
import { readConfig } from './utils/read-config';

interface UploadFileEvent {
  result?: { id?: number | string; mime?: string | null } | null;
  params?: { data?: Record<string, unknown> };
}

/**
 * Every upload path (admin, REST, the upload service) ends in one `db.query(FILE_UID).create`,
 * so a DB lifecycle sees them all. The hook only inserts a job row: it neither waits for a
 * provider nor throws, so an upload never fails or slows because of alt text.
 */
const register = ({ strapi }: { strapi: Core.Strapi }) => {
  const models = strapi.get('models') as { add(model: unknown): void };
  models.add(jobModel);
  models.add(runModel);
  models.add(provenanceModel);

  const enqueue = async (event: UploadFileEvent, reason: 'upload' | 'replace') => {
    try {
      const file = event.result;
      if (!file?.id || !isImageMime(file.mime)) return;
      if (!readConfig(strapi).autoOnUpload) return;
      const queue = getService(strapi, 'queue');
      if (reason === 'upload') await queue.enqueueNewUpload(Number(file.id));
      else await queue.enqueue([Number(file.id)], { reason: 'replace', mode: 'fill' });
    } catch (error) {
      strapi.log.error(`[${PLUGIN_ID}] could not enqueue file #${event.result?.id}: ${error instanceof Error ? error.message : 'unknown error'}`);
    }
  };

  strapi.db.lifecycles.subscribe({
    models: [FILE_UID],
    afterCreate: (event: UploadFileEvent) => enqueue(event, 'upload'),
    // Only a replace writes a new hash (new bytes). Metadata edits, including this plugin's own
    // alt-text write-back, do not, so they never trigger a job.
    afterUpdate: (event: UploadFileEvent) => (event.params?.data && 'hash' in event.params.data ? enqueue(event, 'replace') : undefined),
  });
};

export default register;
