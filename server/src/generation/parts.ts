import type { Core } from '@strapi/strapi';
import { createLocaleSetCache, type LocaleSet } from '../config/locales';
import { readConfig } from '../config/read';
import type { PluginConfig } from '../config/schema';
import { createImageSource, type ImageSource } from '../image-source';
import { createProvider, type AltTextProvider } from '../providers';
import { createContextResolver } from '../context';
import type { ContextSource } from './types';

export interface GenerationParts {
  /** The provider client of the configuration in force; undefined without a key. */
  provider: AltTextProvider | undefined;
  /** The fallback provider's client (config `fallback`), with its own key only; undefined when none is configured or it has no key. */
  fallback: AltTextProvider | undefined;
  imageSource: ImageSource;
  /** The entries that use an image; undefined when `entryContext.enabled` is off. */
  context: ContextSource | undefined;
  /** Values to keep out of anything logged (the keys). */
  secrets: string[];
}

export interface GenerationPartsOwner {
  get(): GenerationParts;
  /** The locales the plugin writes, read through a short cache (it follows i18n's locales). */
  localeSet(): Promise<LocaleSet>;
  /** Reads the locale set afresh next time (i18n's locales changed). */
  forgetLocaleSet(): void;
  reset(): void;
}

/**
 * The fallback's client: its provider, base URL, model and key, and never the primary's key (a
 * fallback configured without a key has none). The other settings (timeouts, length, prompt) are the primary's.
 */
const fallbackClient = (config: PluginConfig): AltTextProvider | undefined => {
  const { fallback } = config;
  if (!fallback) return undefined;
  return createProvider({ ...config, provider: fallback.provider, apiKey: fallback.apiKey, baseUrl: fallback.baseUrl, model: fallback.model });
};

/**
 * The one provider client and image source of this process, built on first use (the upload
 * provider only exists once Strapi has bootstrapped) and rebuilt when the settings change.
 * Generation, the credits shown in the admin and the queue's credits probe all use this client.
 */
export const createGenerationParts = (strapi: Core.Strapi): GenerationPartsOwner => {
  let parts: GenerationParts | undefined;
  const locales = createLocaleSetCache(strapi, () => readConfig(strapi));
  return {
    localeSet: () => locales.get(),
    forgetLocaleSet: () => locales.forget(),
    get(): GenerationParts {
      if (!parts) {
        const config = readConfig(strapi);
        parts = {
          provider: createProvider(config),
          fallback: fallbackClient(config),
          imageSource: createImageSource(strapi, config),
          context: config.entryContext.enabled ? createContextResolver(strapi, config.entryContext) : undefined,
          secrets: [config.apiKey ?? '', config.fallback?.apiKey ?? ''],
        };
      }
      return parts;
    },
    reset() {
      parts = undefined;
      locales.forget();
    },
  };
};
