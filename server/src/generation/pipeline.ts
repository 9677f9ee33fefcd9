import type { Core } from '@strapi/strapi';
import { createLocaleStates, mayWriteLocale, type AltTextFileRow } from '../alt-text/locale-state';
import { createLocaleWriter } from '../alt-text/locale-write';
import { AWAITING_REVIEW } from '../alt-text/suggestions';
import { languageOfLocale } from '../config/locales';
import { readConfig } from '../config/read';
import { isAltTextError } from '../errors';
import { strategyOf, type StoredFile } from '../image-source';
import { fileLabel, isImageMime } from '../utils/file-label';
import { FILE_UID, PLUGIN_ID } from '../utils/plugin-id';
import { redact } from '../utils/redact';
import { decorativeSkip, suggestJudgedDecorative } from './decorative-check';
import { entriesFor, languageFor } from './entry-context';
import { callForLocales, type LocaleCallsResult } from './locale-calls';
import type { GenerationPartsOwner } from './parts';
import { createSpendLedger } from '../spend';
import { askedHowOf, createCachedTexts, createFingerprintStore, createJobCache, settingsDigest } from '../cache';
import type { GenerateOptions, GenerationOutcome } from './types';

/**
 * One image in, alt text out in every locale it owes: the free checks first (the file, which
 * locales may be written, the entries' context), then per call the queue's turn (rate limit,
 * pause) and an image URL minted after that wait, the paid call, and the write. Never throws:
 * every ending is an outcome; a failure says which locales are still owed.
 */
export const createGenerationPipeline = (strapi: Core.Strapi, parts: GenerationPartsOwner) => {
  const states = createLocaleStates(strapi);
  const writer = createLocaleWriter(strapi);
  const fingerprints = createFingerprintStore(strapi);
  const cachedTexts = createCachedTexts(strapi);
  const ledger = createSpendLedger(strapi);

  return async (fileId: number, options: GenerateOptions = {}): Promise<GenerationOutcome> => {
    const { provider: primary, fallback, imageSource, context, secrets } = parts.get();
    const file = (await strapi.db.query(FILE_UID).findOne({ where: { id: fileId } })) as (StoredFile & AltTextFileRow) | null;
    if (!file) return { status: 'skipped', reason: 'the file no longer exists' };
    if (!isImageMime(file.mime)) return { status: 'skipped', reason: `not an image (${file.mime})` };

    const set = await parts.localeSet();
    const asked = options.locales?.filter((locale) => set.all.includes(locale)) ?? set.all;
    const read = await states.forJob(file, set);
    const now = read.states;
    const mayWrite = asked.filter((locale) => now?.get(locale) && mayWriteLocale(now.get(locale)!, options));
    const config = readConfig(strapi);
    const decorative = await decorativeSkip(strapi, { file, states: (mayWrite.length > 0 ? mayWrite : asked).map((locale) => now?.get(locale)), current: read.mark, detect: mayWrite.length > 0 && config.detectDecorative, imageSource, options });
    if (decorative) return { status: 'skipped', reason: decorative };
    if (mayWrite.length === 0) return { status: 'skipped', reason: 'the file already has alt text' };
    // A suggestion awaiting review is owed text already paid for: only an overwrite (Regenerate) asks again.
    const pending = options.mode === 'overwrite' ? new Set<string>() : read.pending;
    const writable = mayWrite.filter((locale) => !pending.has(locale));
    if (writable.length === 0) return { status: 'skipped', reason: AWAITING_REVIEW };
    // The queue sends a job to the fallback while the primary cannot take it (queue/fallback.ts).
    const provider = options.viaFallback && fallback ? fallback : primary;
    if (!provider) return { status: 'skipped', reason: 'no API key is configured' };
    const via = provider === fallback ? { viaFallback: provider.name } : {};

    const entries = await entriesFor(context, fileId, options, (error) =>
      strapi.log.warn(`[${PLUGIN_ID}] file #${fileId}: its entries could not be read, described without their context (${error instanceof Error ? error.name : 'unknown error'})`)
    );
    // One locale (no `locales` configured): the language asked for, else the entry's, else `lang` — as before locales existed.
    const single = set.all.length === 1;
    const targets = writable.map((locale) => ({ locale, lang: single ? languageFor(options.lang, entries, config.lang) : languageOfLocale(locale), state: now!.get(locale)! }));
    // A person's Regenerate and a forced run ask the provider again; every other job may reuse a text of the same bytes.
    const jobCache = config.cache
      ? createJobCache({
          file,
          imageSource,
          fingerprints,
          texts: cachedTexts,
          provider: provider.name,
          settings: settingsDigest(askedHowOf(config, provider, provider === fallback && config.fallback ? config.fallback : config)),
          bypass: options.reason === 'manual' || options.force === true,
          onHit: (name) => ledger.recordCacheHit(name),
          onUnreadable: (error) => strapi.log.debug(`[${PLUGIN_ID}] ${fileLabel(file)}: no fingerprint, the cache is not asked (${error instanceof Error ? error.name : 'unknown error'})`),
        })
      : undefined;
    const progress: LocaleCallsResult = { written: [], skipped: Object.fromEntries(mayWrite.filter((locale) => pending.has(locale)).map((locale) => [locale, AWAITING_REVIEW])) };
    const outcomeOf = async (): Promise<GenerationOutcome> => {
      if (progress.decorative) return { status: 'skipped', reason: await suggestJudgedDecorative(strapi, file.id) };
      if (progress.written.length === 0) return { status: 'skipped', reason: Object.values(progress.skipped).join('; ') || 'nothing to write' };
      const first = progress.written.find((done) => done.locale === set.default) ?? progress.written[0];
      return {
        status: 'written',
        text: first.text,
        // A text the provider wrote had its image resolved first, which set the strategy; only cached texts: no delivery.
        strategy: progress.strategy ?? 'cache',
        ...(progress.written.some((done) => done.cached) ? { cachedLocales: progress.written.filter((done) => done.cached).map((done) => done.locale) } : {}),
        // With one locale (no `locales` configured) the outcome reads as it always did.
        ...(single ? {} : { locales: progress.written.map((done) => done.locale) }),
        ...(Object.keys(progress.skipped).length > 0 ? { skippedLocales: progress.skipped } : {}),
        ...via,
      };
    };
    try {
      await callForLocales(
        {
          provider,
          imageSource,
          writer,
          file,
          set,
          targets,
          entries,
          request: { signal: options.signal, style: config.style, keywords: config.keywords, context: { fileName: file.name, site: config.context }, fileLabel: fileLabel(file) },
          beforeSend: options.beforeSend,
          callsAnswered: options.callsAnswered,
          viaFallback: provider === fallback,
          jobId: options.jobId ?? null,
          // "Describe anyway" is a person's Regenerate (`manual`): the model is not asked to judge again.
          judgeDecorative: config.detectDecorative && options.reason !== 'manual',
          cache: jobCache,
          deferFinalWrites: !!options.commit,
          noSuggestion: new Set(writable.filter((locale) => !read.pending.has(locale))),
        },
        progress
      );
      if (!options.commit) return await outcomeOf();
      // The last answers' writes and the caller's record of the outcome: one transaction, all or nothing.
      const before = { written: progress.written.length, skipped: { ...progress.skipped } };
      try {
        return await options.commit(async () => {
          for (const write of progress.deferred?.splice(0) ?? []) await write();
          return outcomeOf();
        });
      } catch (error) {
        progress.written.length = before.written;
        progress.skipped = before.skipped;
        throw error;
      }
    } catch (error) {
      const remainingLocales = writable.filter((locale) => !progress.written.some((done) => done.locale === locale) && !(locale in progress.skipped));
      const strategy = progress.strategy ?? strategyOf(error);
      // A failure of the fallback says so: the job's error and a pause it causes name it.
      const whose = (reason: string) => (via.viaFallback ? `the fallback provider (${via.viaFallback}): ${reason}` : reason);
      if (isAltTextError(error)) return { status: 'failed', code: error.code, reason: whose(error.message), strategy, retryAfterMs: error.retryAfterMs, remainingLocales, ...via };
      const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
      return { status: 'failed', code: 'INTERNAL', reason: whose(redact(message, secrets)), strategy, remainingLocales, ...via };
    } finally {
      // Jobs of this process waiting for this one's questions go on: with its answers kept, or to ask themselves.
      jobCache?.release();
    }
  };
};
