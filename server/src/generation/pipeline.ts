import type { Core } from '@strapi/strapi';
import { createAltTextWriter } from '../alt-text/write';
import { readConfig } from '../config/read';
import { isAltTextError } from '../errors';
import { strategyOf, type StoredFile } from '../image-source';
import type { DeliveryStrategy } from '../image-source/types';
import { fileLabel, isImageMime } from '../utils/file-label';
import { FILE_UID, PLUGIN_ID } from '../utils/plugin-id';
import { entriesFor, languageFor } from './entry-context';
import { redact } from '../utils/redact';
import type { GenerationPartsOwner } from './parts';
import type { GenerateOptions, GenerationOutcome } from './types';

/**
 * One image in, alt text out: the free checks first, then the queue's turn (rate limit, pause),
 * then the image URL — minted after the wait, so it is fresh when sent — the paid call, and the
 * write. Never throws: every ending is an outcome.
 */
export const createGenerationPipeline = (strapi: Core.Strapi, parts: GenerationPartsOwner) => {
  const writer = createAltTextWriter(strapi);

  return async (fileId: number, options: GenerateOptions = {}): Promise<GenerationOutcome> => {
    const { provider, imageSource, context, secrets } = parts.get();
    const file = (await strapi.db.query(FILE_UID).findOne({ where: { id: fileId } })) as StoredFile | null;
    if (!file) return { status: 'skipped', reason: 'the file no longer exists' };
    if (!isImageMime(file.mime)) return { status: 'skipped', reason: `not an image (${file.mime})` };
    if (!(await writer.mayWrite(file, options))) return { status: 'skipped', reason: 'the file already has alt text' };
    if (!provider) return { status: 'skipped', reason: 'no API key is configured' };

    const config = readConfig(strapi);
    const entries = await entriesFor(context, fileId, options, (error) =>
      strapi.log.warn(`[${PLUGIN_ID}] file #${fileId}: its entries could not be read, described without their context (${error instanceof Error ? error.name : 'unknown error'})`)
    );
    const lang = languageFor(options.lang, entries, config.lang);
    let strategy: DeliveryStrategy | undefined;
    try {
      await options.beforeSend?.();
      const resolved = await imageSource.resolve(file, { accepts: provider.accepts }).catch((error: unknown) => {
        strategy = strategyOf(error);
        throw error;
      });
      strategy = resolved.strategy;
      const text = await provider.generate({
        signal: options.signal,
        image: resolved.image,
        lang,
        style: config.style,
        keywords: config.keywords,
        context: { fileName: file.name, site: config.context, ...(entries.length > 0 ? { entries } : {}) },
        fileLabel: fileLabel(file),
      });
      const shaping = entries[0] ? { uid: entries[0].uid, documentId: entries[0].documentId, typeName: entries[0].typeName, title: entries[0].title } : null;
      const written = await writer.writeGenerated(file, text, { provider: provider.name, lang, strategy, jobId: options.jobId ?? null, context: shaping });
      return written.status === 'written' ? { status: 'written', text, strategy } : written;
    } catch (error) {
      if (isAltTextError(error)) {
        return { status: 'failed', code: error.code, reason: error.message, strategy, retryAfterMs: error.retryAfterMs };
      }
      const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
      return { status: 'failed', code: 'INTERNAL', reason: redact(message, secrets), strategy };
    }
  };
};
