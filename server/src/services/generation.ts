import type { Core } from '@strapi/strapi';
import { isAltTextError, type AltTextErrorCode } from '../providers/errors';
import { createProvider } from '../providers';
import type { AltTextProvider } from '../providers/types';
import { createImageSource, type ImageSource, type StoredFile } from '../image-source';
import type { DeliveryStrategy } from '../image-source/types';
import { isAltTextMissing } from '../write-back/missing-alt-text';
import { fileLabel, isImageMime } from '../utils/file-label';
import { FILE_UID, PLUGIN_ID } from '../utils/plugin-id';
import { readConfig } from '../utils/read-config';
import { redact } from '../utils/redact';

export type GenerationOutcome =
  | { status: 'written'; text: string; strategy: DeliveryStrategy }
  | { status: 'skipped'; reason: string }
  | { status: 'failed'; code: AltTextErrorCode | 'INTERNAL'; reason: string; strategy?: DeliveryStrategy };

interface Parts {
  provider: AltTextProvider | undefined;
  imageSource: ImageSource;
  secrets: string[];
}

/**
 * One image in, alt text out: find how the provider can reach the bytes, ask it, write the answer
 * back — unless a human wrote alt text meanwhile. Never throws: every ending is an outcome.
 */
export const createGenerationService = ({ strapi }: { strapi: Core.Strapi }) => {
  let parts: Parts | undefined;
  // Built on first use: the upload provider only exists once Strapi has bootstrapped.
  const getParts = (): Parts => {
    if (!parts) {
      const config = readConfig(strapi);
      parts = { provider: createProvider(config), imageSource: createImageSource(strapi, config), secrets: [config.apiKey ?? ''] };
    }
    return parts;
  };

  const files = () => strapi.db.query(FILE_UID);

  return {
    async generateForFile(fileId: number, options: { overwrite?: boolean } = {}): Promise<GenerationOutcome> {
      const file = (await files().findOne({ where: { id: fileId } })) as StoredFile | null;
      if (!file) return { status: 'skipped', reason: 'the file no longer exists' };
      if (!isImageMime(file.mime)) return { status: 'skipped', reason: `not an image (${file.mime})` };
      if (!options.overwrite && !isAltTextMissing(file.alternativeText, file.name)) {
        return { status: 'skipped', reason: 'the file already has alt text' };
      }

      const { provider, imageSource, secrets } = getParts();
      if (!provider) return { status: 'skipped', reason: 'no API key is configured' };

      const config = readConfig(strapi);
      let strategy: DeliveryStrategy | undefined;
      try {
        const resolved = await imageSource.resolve(file);
        strategy = resolved.strategy;
        const text = await provider.generate({
          image: resolved.image,
          lang: config.lang,
          style: config.style,
          keywords: config.keywords,
          context: { fileName: file.name, site: config.context },
          fileLabel: fileLabel(file),
        });
        // Re-read: a human may have typed alt text while the provider was thinking.
        const current = (await files().findOne({ where: { id: fileId } })) as StoredFile | null;
        if (!current) return { status: 'skipped', reason: 'the file was deleted during generation' };
        if (!options.overwrite && !isAltTextMissing(current.alternativeText, current.name)) {
          return { status: 'skipped', reason: 'alt text was written by someone else during generation' };
        }
        await files().update({ where: { id: fileId }, data: { alternativeText: text } });
        return { status: 'written', text, strategy };
      } catch (error) {
        if (isAltTextError(error)) return { status: 'failed', code: error.code, reason: error.message, strategy };
        const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
        return { status: 'failed', code: 'INTERNAL', reason: redact(message, secrets), strategy };
      }
    },

    /** One log line per outcome, with the file named and nothing secret in it. */
    logOutcome(fileId: number, outcome: GenerationOutcome) {
      const label = `file #${fileId}`;
      if (outcome.status === 'written') {
        strapi.log.info(`[${PLUGIN_ID}] alt text written for ${label} (${outcome.strategy} URL)`);
      } else if (outcome.status === 'skipped') {
        strapi.log.debug(`[${PLUGIN_ID}] ${label} skipped: ${outcome.reason}`);
      } else {
        strapi.log.warn(`[${PLUGIN_ID}] no alt text for ${label}: ${outcome.reason}`);
      }
    },
  };
};
