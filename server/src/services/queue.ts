import type { Core } from '@strapi/strapi';
import { createInProcessQueue, type JobQueue, type JobReason } from '../queue/in-process-queue';
import { getService } from '../utils/get-service';
import { PLUGIN_ID } from '../utils/plugin-id';

export const createQueueService = ({ strapi }: { strapi: Core.Strapi }) => {
  let queue: JobQueue | undefined;

  return {
    start() {
      queue ??= createInProcessQueue({
        concurrency: 2,
        async run(job) {
          const generation = getService(strapi, 'generation');
          generation.logOutcome(job.fileId, await generation.generateForFile(job.fileId));
        },
        onUnexpectedError(job, error) {
          strapi.log.error(`[${PLUGIN_ID}] job for file #${job.fileId} crashed: ${error instanceof Error ? error.name : 'unknown error'}`);
        },
      });
    },
    /** Cheap and synchronous: called from the upload lifecycle, which must never wait for a provider. */
    enqueue(fileId: number, reason: JobReason) {
      queue?.enqueue({ fileId, reason });
    },
    idle(): Promise<void> {
      return queue?.idle() ?? Promise.resolve();
    },
    async stop() {
      const dropped = (await queue?.stop()) ?? 0;
      queue = undefined;
      if (dropped > 0) strapi.log.warn(`[${PLUGIN_ID}] ${dropped} image(s) were still waiting for alt text at shutdown`);
    },
  };
};
