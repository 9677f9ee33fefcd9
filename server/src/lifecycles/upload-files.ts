import type { Core } from '@strapi/strapi';
import { skipReason, spacerHint, type FileSummary } from '../queue/file-scan';
import { isImageMime } from '../utils/file-label';
import { getService } from '../services/get-service';
import { FILE_UID, PLUGIN_ID } from '../utils/plugin-id';
import { readConfig } from '../config/read';
import { afterResponse, currentUploadSource, describesUploadsFrom } from './upload-source';

interface UploadFileEvent {
  result?: (Partial<FileSummary> & { id?: number | string }) | null;
  params?: { data?: Record<string, unknown> };
}

const summaryOf = (file: NonNullable<UploadFileEvent['result']>): FileSummary => ({
  id: Number(file.id),
  name: file.name ?? '',
  alternativeText: file.alternativeText ?? null,
  mime: file.mime ?? null,
  width: file.width ?? null,
  height: file.height ?? null,
  size: file.size === undefined || file.size === null ? null : Number(file.size),
});

/**
 * Every upload path (admin, REST, the upload service) ends in one `db.query(FILE_UID).create`,
 * so a DB lifecycle sees them all. The hook only inserts one row: it neither waits for a provider
 * nor throws, so an upload never fails or slows because of alt text. Uploads follow the same skip
 * rules as bulk runs (recorded as skipped, no credit), and only the sources `uploadSources` names.
 */
export const subscribeToUploads = (strapi: Core.Strapi) => {
  const onFile = async (event: UploadFileEvent, reason: 'upload' | 'replace') => {
    try {
      const file = event.result;
      if (!file?.id || !isImageMime(file.mime)) return;
      // Strapi keeps the stored name on a replace: the old fingerprint must not outlive the old bytes.
      if (reason === 'replace') await getService(strapi, 'media').bytesReplaced(Number(file.id));
      const config = readConfig(strapi);
      if (!config.autoOnUpload || !describesUploadsFrom(config, currentUploadSource(strapi))) return;
      const queue = getService(strapi, 'queue');
      const summary = summaryOf(file);
      if (reason === 'upload') {
        // With entryContext.waitSeconds, the entry being written around the image may be saved first: one call, with its context.
        const waitMs = config.entryContext.enabled ? config.entryContext.waitSeconds * 1000 : 0;
        // With detectDecorative, a spacer is suggested decorative from its stored size (free) and never sent.
        const spacer = config.detectDecorative ? spacerHint(summary) : undefined;
        if (spacer) await getService(strapi, 'decorative').suggest(summary.id, spacer);
        await queue.enqueueNewUpload(summary.id, spacer ? `looks decorative (${spacer}): suggested, not described` : skipReason(summary, { mode: 'fill', maxImageMegabytes: config.maxImageMegabytes }), {
          waitMs,
          // Described after the upload's response is sent: the job's CPU would otherwise delay its 201.
          wakeWhen: (wake) => afterResponse(strapi, wake),
        });
        return;
      }
      // New bytes: the plugin's own earlier text may be refreshed, so the alt-text rule does not apply here.
      if (skipReason(summary, { mode: 'overwrite', maxImageMegabytes: config.maxImageMegabytes })) return;
      await queue.request(summary.id, { reason: 'replace', mode: 'fill', lang: null });
    } catch (error) {
      strapi.log.error(`[${PLUGIN_ID}] could not enqueue file #${event.result?.id}: ${error instanceof Error ? error.message : 'unknown error'}`);
    }
  };

  /** An update that would empty the plugin's generated text keeps it (alt-text/emptied-text.ts: a stale Media Library dialog). */
  const keepGeneratedText = async (event: UploadFileEvent & { params?: { where?: { id?: unknown } } }) => {
    const data = event.params?.data;
    const fileId = Number(event.params?.where?.id);
    if (!data || !('alternativeText' in data) || !Number.isInteger(fileId)) return;
    try {
      const kept = await getService(strapi, 'media').generatedTextToKeep(fileId, data.alternativeText, data.name);
      if (kept === null) return;
      data.alternativeText = kept;
      strapi.log.info(
        `[${PLUGIN_ID}] kept the generated alt text of file #${fileId}: an update tried to empty it (a Media Library dialog opened before the text arrived?). To leave an image without alt text, mark it decorative.`
      );
    } catch (error) {
      // The guard must never break an editor's save: the update goes through as sent.
      strapi.log.warn(`[${PLUGIN_ID}] could not check file #${fileId}'s alt text before an update: ${error instanceof Error ? error.message : 'unknown error'}`);
    }
  };

  strapi.db.lifecycles.subscribe({
    models: [FILE_UID],
    afterCreate: (event: UploadFileEvent) => onFile(event, 'upload'),
    beforeUpdate: keepGeneratedText,
    // Only a replace writes a new hash (new bytes). Metadata edits, including this plugin's own
    // alt-text write-back, do not, so they never trigger a job.
    afterUpdate: (event: UploadFileEvent) => (event.params?.data && 'hash' in event.params.data ? onFile(event, 'replace') : undefined),
  });
};
