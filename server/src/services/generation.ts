import type { Core } from '@strapi/strapi';
import { isAltTextError, type AltTextErrorCode } from '../providers/errors';
import { createProvider } from '../providers';
import type { AltTextProvider } from '../providers/types';
import { createImageSource, strategyOf, type ImageSource, type StoredFile } from '../image-source';
import type { DeliveryStrategy } from '../image-source/types';
import type { JobReason, WriteMode } from '../queue/models';
import { isAltTextMissing } from '../write-back/missing-alt-text';
import { createProvenanceStore, isGeneratedText, type ProvenanceStore } from '../write-back/provenance';
import { fileLabel, isImageMime } from '../utils/file-label';
import { FILE_UID } from '../utils/plugin-id';
import { readConfig } from '../utils/read-config';
import { redact } from '../utils/redact';

export type GenerationOutcome =
  | { status: 'written'; text: string; strategy: DeliveryStrategy }
  | { status: 'skipped'; reason: string }
  | { status: 'failed'; code: AltTextErrorCode | 'INTERNAL'; reason: string; strategy?: DeliveryStrategy; retryAfterMs?: number };

export interface GenerateOptions {
  /** `overwrite` replaces any alt text; `fill` (default) only missing alt text. */
  mode?: WriteMode;
  /** `replace` (new bytes for the file) may also refresh text the plugin generated earlier. */
  reason?: JobReason;
  /** Overrides the configured language for this image (a run's language). */
  lang?: string | null;
  jobId?: number;
  /**
   * Awaited after every free check passed and before the image URL is minted: the queue uses it for
   * rate limiting and to stop at a pause. Rejecting aborts the call (outcome INTERNAL).
   */
  beforeSend?: () => Promise<void>;
  /** Aborts the provider call (shutdown); the outcome is then CANCELLED. */
  signal?: AbortSignal;
}

interface Parts {
  provider: AltTextProvider | undefined;
  imageSource: ImageSource;
  provenance: ProvenanceStore;
  secrets: string[];
}

/** Whether this run may write over the file's current alt text. */
const mayWrite = async (file: StoredFile, options: GenerateOptions, provenance: ProvenanceStore): Promise<boolean> => {
  if (options.mode === 'overwrite') return true;
  if (isAltTextMissing(file.alternativeText, file.name)) return true;
  // New bytes make the plugin's own earlier text stale; a human's text stays.
  return options.reason === 'replace' && isGeneratedText(file.alternativeText, await provenance.get(file.id));
};

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
      parts = {
        provider: createProvider(config),
        imageSource: createImageSource(strapi, config),
        provenance: createProvenanceStore(strapi),
        secrets: [config.apiKey ?? ''],
      };
    }
    return parts;
  };

  const files = () => strapi.db.query(FILE_UID);

  return {
    /** Forgets the provider client and delivery settings (the settings changed). */
    reset() {
      parts = undefined;
    },

    async generateForFile(fileId: number, options: GenerateOptions = {}): Promise<GenerationOutcome> {
      const { provider, imageSource, provenance, secrets } = getParts();
      const file = (await files().findOne({ where: { id: fileId } })) as StoredFile | null;
      if (!file) return { status: 'skipped', reason: 'the file no longer exists' };
      if (!isImageMime(file.mime)) return { status: 'skipped', reason: `not an image (${file.mime})` };
      if (!(await mayWrite(file, options, provenance))) {
        return { status: 'skipped', reason: 'the file already has alt text' };
      }
      if (!provider) return { status: 'skipped', reason: 'no API key is configured' };

      const config = readConfig(strapi);
      const lang = options.lang || config.lang;
      let strategy: DeliveryStrategy | undefined;
      try {
        // The wait for a rate-limit token or a Retry-After can outlast a short-lived URL, so the
        // URL is minted after it, right before the paid call.
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
          context: { fileName: file.name, site: config.context },
          fileLabel: fileLabel(file),
        });
        // Re-read: a human may have typed alt text while the provider was thinking.
        const current = (await files().findOne({ where: { id: fileId } })) as StoredFile | null;
        if (!current) return { status: 'skipped', reason: 'the file was deleted during generation' };
        if (current.alternativeText !== file.alternativeText && !isAltTextMissing(current.alternativeText, current.name)) {
          return { status: 'skipped', reason: 'alt text was written by someone else during generation' };
        }
        await files().update({ where: { id: fileId }, data: { alternativeText: text } });
        await provenance.record({ fileId, text, provider: provider.name, lang, strategy: strategy ?? null, jobId: options.jobId ?? null });
        return { status: 'written', text, strategy };
      } catch (error) {
        if (isAltTextError(error)) {
          return { status: 'failed', code: error.code, reason: error.message, strategy, retryAfterMs: error.retryAfterMs };
        }
        const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
        return { status: 'failed', code: 'INTERNAL', reason: redact(message, secrets), strategy };
      }
    },
  };
};
