import type { Core } from '@strapi/strapi';
import { askedHowOf, createCachedTexts, createFingerprintStore, settingsDigest } from '../../cache';
import { languageOfLocale, type LocaleSet } from '../../config/locales';
import { readConfig } from '../../config/read';
import { callsFor, type ProviderLanguages } from './locale-plan';

/**
 * For an estimate: per image of a page, the locales the cache likely answers — the file's bytes were
 * fingerprinted before and a text in that language is kept under the settings in force. The entries'
 * context is not resolved here (it would cost a query per image): a changed context makes the run
 * pay for an image the estimate called free, never the other way round. Two queries per page.
 */
export const cachedLocalesOf = async (
  strapi: Core.Strapi,
  owedBy: Map<number, string[]>,
  input: { set: LocaleSet; provider: ProviderLanguages | undefined; force: boolean }
): Promise<Map<number, Set<string>>> => {
  const config = readConfig(strapi);
  const found = new Map<number, Set<string>>();
  if (!config.cache || input.force || !input.provider || owedBy.size === 0) return found;
  const prints = await createFingerprintStore(strapi).forFiles([...owedBy.keys()]);
  const languages = await createCachedTexts(strapi).languagesFor([...prints.values()], settingsDigest(askedHowOf(config, input.provider)));
  const single = input.set.all.length === 1;
  for (const [fileId, owed] of owedBy) {
    const kept = languages.get(prints.get(fileId) ?? '');
    if (!kept) continue;
    const cached = owed.filter((locale) => kept.has((single ? config.lang : languageOfLocale(locale)).toLowerCase()));
    if (cached.length > 0) found.set(fileId, new Set(cached));
  }
  return found;
};

/** Calls an image still needs once its cached locales are answered for free. */
export const uncachedCalls = (owed: string[], cached: Set<string> | undefined, provider: ProviderLanguages | undefined): number =>
  callsFor(owed.filter((locale) => !cached?.has(locale)).length, provider);
