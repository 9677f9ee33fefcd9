import type { AltTextFileRow, LocaleState } from '../alt-text/locale-state';
import type { createLocaleWriter } from '../alt-text/locale-write';
import type { LocaleSet } from '../config/locales';
import { languageOfLocale } from '../config/locales';
import type { ImageSource, StoredFile } from '../image-source';
import type { DeliveryStrategy, ResolvedImage } from '../image-source/types';
import type { AltTextProvider, EntryContext, GenerateRequest } from '../providers/types';
import type { ProvenanceContext } from '../alt-text/provenance';
import { MARKED_DECORATIVE } from '../alt-text/decorative';
import type { JobCache } from '../cache';
import type { GenerateOptions } from './types';

export interface LocaleCallsInput {
  provider: AltTextProvider;
  imageSource: ImageSource;
  writer: ReturnType<typeof createLocaleWriter>;
  file: StoredFile & AltTextFileRow;
  set: LocaleSet;
  /** The locales to write, with what each holds now (all writable). */
  targets: Array<{ locale: string; lang: string; state: LocaleState }>;
  entries: EntryContext[];
  request: Omit<GenerateRequest, 'image' | 'lang'>;
  beforeSend?: GenerateOptions['beforeSend'];
  callsAnswered?: GenerateOptions['callsAnswered'];
  jobId: number | null;
  /** `provider` is the fallback (config `fallback`): recorded with each text, to tell it apart from a primary of the same API. */
  viaFallback?: boolean;
  /** `detectDecorative` and not a person's request: the first single-language call may come back "decorative". */
  judgeDecorative?: boolean;
  /** Texts of the same bytes asked the same way; absent = the cache is off. */
  cache?: JobCache;
  /** Leave the writes after the last provider call in `progress.deferred`, for the caller to run in its transaction. */
  deferFinalWrites?: boolean;
  /** Locales the pipeline read no suggestion for (none to drop when written). */
  noSuggestion?: ReadonlySet<string>;
}

export interface LocaleCallsResult {
  written: Array<{ locale: string; text: string; cached?: boolean }>;
  skipped: Record<string, string>;
  strategy?: DeliveryStrategy;
  /** The model judged the image decorative (`generateJudged`): nothing was written, the rest not asked. */
  decorative?: boolean;
  /** With `deferFinalWrites`: the writes after the last call, not yet run. */
  deferred?: Array<() => Promise<void>>;
}

/** The entries of the locale being written first: a French text is best shaped by the French page. */
const entriesIn = (entries: EntryContext[], locale: string): EntryContext[] => {
  const same = entries.filter((entry) => entry.locale === locale);
  return same.length > 0 ? [...same, ...entries.filter((entry) => entry.locale !== locale)] : entries;
};

const shapingOf = (entries: EntryContext[]): ProvenanceContext | null =>
  entries[0] ? { uid: entries[0].uid, documentId: entries[0].documentId, typeName: entries[0].typeName, title: entries[0].title } : null;

/**
 * Calls the provider for every target locale and writes each answer as it comes: one call per
 * locale, or one call for all of them when the provider answers several languages at once. Each
 * call waits its turn (`beforeSend`: rate limit, pause, the budget's credit) and gets a freshly
 * minted image URL. A language the provider cannot write is skipped before any call. A failure
 * is thrown with what was written so far in `written` (the caller reports the rest as still owed).
 */
export const callForLocales = async (input: LocaleCallsInput, progress: LocaleCallsResult): Promise<LocaleCallsResult> => {
  const { provider, file, targets } = input;
  const callable = targets.filter(({ locale, lang }) => {
    if (!provider.supportsLanguage(lang)) progress.skipped[locale] = `${provider.name} does not write ${lang}`;
    return provider.supportsLanguage(lang);
  });
  const resolve = async (): Promise<ResolvedImage> => {
    await input.beforeSend?.({ provider: provider.name });
    const resolved = await input.imageSource.resolve(file, { accepts: provider.accepts });
    progress.strategy = resolved.strategy;
    return resolved;
  };
  const write = async (locale: string, state: LocaleState, text: string, cachedFrom?: string) => {
    const entries = entriesIn(input.entries, locale);
    // A cached text names the provider that first wrote it; only a call made now can be the fallback's.
    const record = { provider: cachedFrom ?? provider.name, ...(input.viaFallback && !cachedFrom ? { fallback: true } : {}), lang: languageOfLocale(locale), strategy: cachedFrom ? null : progress.strategy ?? null, jobId: input.jobId, context: shapingOf(entries), cached: !!cachedFrom };
    const result = await input.writer.writeGenerated(file, locale, input.set, state, text, record, input.noSuggestion?.has(locale) ?? false);
    if (result.status === 'written') progress.written.push({ locale, text, ...(cachedFrom ? { cached: true } : {}) });
    else progress.skipped[locale] = result.reason;
  };

  const writeLast = async (locale: string, state: LocaleState, text: string) => {
    if (input.deferFinalWrites) (progress.deferred ??= []).push(() => write(locale, state, text));
    else await write(locale, state, text);
  };

  // The same bytes asked the same way before: written from the cache, no call, no credit.
  const uncached: typeof callable = [];
  for (const target of callable) {
    const hit = await input.cache?.lookup(target.lang, input.entries);
    if (hit) await write(target.locale, target.state, hit.text, hit.provider);
    else uncached.push(target);
  }
  if (uncached.length === 0) return progress;
  // An image described before was judged then: it is not asked again for the rest of its locales.
  const judge = input.judgeDecorative && uncached.length === callable.length;

  if (uncached.length > 1 && provider.generateLanguages) {
    const resolved = await resolve();
    const texts = await provider.generateLanguages({ ...input.request, context: { ...input.request.context, entries: input.entries }, image: resolved.image, lang: uncached[0].lang, langs: uncached.map((target) => target.lang) });
    input.callsAnswered?.();
    for (const target of uncached) await input.cache?.keep(target.lang, input.entries, texts[target.lang]);
    for (const target of uncached) await writeLast(target.locale, target.state, texts[target.lang]);
    return progress;
  }
  for (const [index, target] of uncached.entries()) {
    // Marked decorative while an earlier locale's call was out: the rest are not paid for.
    if (index > 0 && progress.skipped[uncached[index - 1].locale] === MARKED_DECORATIVE) {
      progress.skipped[target.locale] = MARKED_DECORATIVE;
      continue;
    }
    const resolved = await resolve();
    const entries = entriesIn(input.entries, target.locale);
    const request = { ...input.request, context: { ...input.request.context, ...(entries.length > 0 ? { entries } : {}) }, image: resolved.image, lang: target.lang };
    // Only the first call is asked for the judgement: one image is decorative in every language or in none.
    const answer = index === 0 && judge && provider.generateJudged ? await provider.generateJudged(request) : { text: await provider.generate(request) };
    if ('decorative' in answer) {
      progress.decorative = true;
      return progress;
    }
    if (index === uncached.length - 1) input.callsAnswered?.();
    await input.cache?.keep(target.lang, input.entries, answer.text);
    if (index === uncached.length - 1) await writeLast(target.locale, target.state, answer.text);
    else await write(target.locale, target.state, answer.text);
  }
  return progress;
};
