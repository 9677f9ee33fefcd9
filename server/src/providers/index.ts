import type { PluginConfig } from '../config/schema';
import type { AltTextProvider } from './types';
import { createAltTextLabProvider } from './alttextlab';

/** Builds the adapter named in the config; undefined when no API key is configured. */
export const createProvider = (config: PluginConfig): AltTextProvider | undefined => {
  if (!config.apiKey) return undefined;
  const settings = {
    apiKey: config.apiKey,
    baseUrl: config.baseUrl,
    timeoutMs: config.requestTimeoutMs,
    maxLength: config.maxLength,
    model: config.model,
    promptTemplate: config.promptTemplate,
  };
  switch (config.provider) {
    case 'alttextlab':
      return createAltTextLabProvider(settings);
    case 'alttextai':
    case 'openai':
      // Adapters arrive with the provider layer (issue #3); boot still succeeds and says so.
      throw new Error(`[auto-alt-text] provider "${config.provider}" is not implemented yet`);
  }
};
