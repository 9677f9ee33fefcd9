import { createHash } from 'node:crypto';
import type { PluginConfig } from '../config/schema';
import { DEFAULT_LANGUAGES_TEMPLATE, DEFAULT_PROMPT_TEMPLATE } from '../providers/openai/prompt';
import type { EntryContext } from '../providers/types';

/**
 * Raise when the way the plugin asks changes in a way a cached text would not reflect (the
 * adapters' request bodies, the cleaning of answers). The OpenAI prompt is digested below, so a
 * new default prompt needs no bump.
 */
const CACHE_VERSION = 1;

const digest = (value: unknown): string => createHash('sha256').update(JSON.stringify(value)).digest('hex');

/** The provider and settings a text depends on, whatever the image: the same for every image of one run. */
export interface AskedHow {
  provider: string;
  model: string | null;
  baseUrl: string | null;
  style: string;
  keywords: string[];
  site: string | null;
  maxLength: number;
  prompt: string;
}

export const askedHowOf = (config: PluginConfig, provider: { name: string }, endpoint: { model?: string; baseUrl?: string } = config): AskedHow => ({
  provider: provider.name,
  model: provider.name === 'openai' ? endpoint.model ?? null : null,
  baseUrl: endpoint.baseUrl ?? null,
  style: config.style,
  keywords: config.keywords,
  site: config.context ?? null,
  maxLength: config.maxLength,
  prompt: provider.name === 'openai' ? `${config.promptTemplate ?? DEFAULT_PROMPT_TEMPLATE}\n${DEFAULT_LANGUAGES_TEMPLATE}` : '',
});

/** `settings` of a cached text: the question without the image and its entries. */
export const settingsDigest = (how: AskedHow): string => digest({ v: CACHE_VERSION, ...how });

/**
 * The entries' part of the question: what the provider is told about where the image is used, as a
 * set (a locale's call lists its own entries first; one call for every language lists them as
 * found — the same entries are the same question). The file's own name is left out on purpose: the
 * same bytes under another name are the same picture.
 */
export const contextDigest = (entries: readonly EntryContext[] | undefined): string =>
  digest(entries && entries.length > 0 ? entries.map((entry) => JSON.stringify(entry)).sort() : null);

/** One cached text's key: the bytes, the settings, the language and the context, as one digest. */
export const cacheKeyOf = (parts: { fingerprint: string; settings: string; lang: string; context: string }): string =>
  digest([parts.fingerprint, parts.settings, parts.lang.toLowerCase(), parts.context]);
