import type { PluginConfig, ProviderName } from '../config/schema';
import { createAltTextAiProvider } from './alttextai';
import { createAltTextLabProvider } from './alttextlab';
import { createOpenAiProvider } from './openai';
import type { AltTextProvider, ProviderSettings } from './types';

export type {
  AltTextProvider,
  CreditsReport,
  GenerateLanguagesRequest,
  GenerateRequest,
  ImageDelivery,
  ProviderSettings,
} from './types';
export { AltTextError, isAltTextError, type AltTextErrorCode } from '../errors';

const FACTORIES: Record<ProviderName, (settings: ProviderSettings) => AltTextProvider> = {
  alttextlab: createAltTextLabProvider,
  alttextai: createAltTextAiProvider,
  openai: createOpenAiProvider,
};

export interface CreateProviderOptions {
  /** One line per HTTP call, secrets removed (e.g. `strapi.log.debug`). */
  log?: (line: string) => void;
}

/**
 * Builds the adapter named in the config; undefined when it cannot be used at all (no API key).
 * An OpenAI-compatible `baseUrl` without a key is a self-hosted server (Ollama, LM Studio, vLLM)
 * and is built without credentials. Never throws: settings an adapter cannot work with (a missing
 * `model`, an unsupported `lang`) fail each call with MISCONFIGURED, naming the key to fix.
 */
export const createProvider = (config: PluginConfig, options: CreateProviderOptions = {}): AltTextProvider | undefined => {
  const selfHosted = config.provider === 'openai' && !!config.baseUrl;
  if (!config.apiKey && !selfHosted) return undefined;
  return FACTORIES[config.provider]({
    apiKey: config.apiKey ?? 'none',
    baseUrl: config.baseUrl,
    timeoutMs: config.requestTimeoutMs,
    maxLength: config.maxLength,
    model: config.model,
    promptTemplate: config.promptTemplate,
    log: options.log,
  });
};
