import type { Core } from '@strapi/strapi';
import { createGenerationParts } from '../generation/parts';
import { createGenerationPipeline } from '../generation/pipeline';
import type { GenerateOptions, GenerationOutcome } from '../generation/types';

/** Generation as Strapi exposes it: one image at a time, with the process's one provider client. */
export const createGenerationService = ({ strapi }: { strapi: Core.Strapi }) => {
  const parts = createGenerationParts(strapi);
  const generate = createGenerationPipeline(strapi, parts);
  return {
    generateForFile: (fileId: number, options: GenerateOptions = {}): Promise<GenerationOutcome> => generate(fileId, options),
    /** The provider client of the settings in force (undefined without a key), shared with credits and probes. */
    provider: () => parts.get().provider,
    /** The fallback provider's client (config `fallback`); undefined when none is configured or it has no key. */
    fallback: () => parts.get().fallback,
    /** The locales the plugin writes (a short cache that follows i18n's locales). */
    localeSet: () => parts.localeSet(),
    forgetLocaleSet: () => parts.forgetLocaleSet(),
    /** Forgets the provider client and delivery settings (the settings changed). */
    reset: () => parts.reset(),
  };
};
