import type { ImageSource, StoredFile } from '../image-source';
import type { EntryContext } from '../providers/types';
import type { FingerprintStore } from './fingerprints';
import { cacheKeyOf, contextDigest } from './keys';
import type { CachedTexts } from './texts';
import { answeredElsewhere, ask, type Question } from './in-flight';

/** One job's view of the cache: asked per language and context, the file's fingerprint computed at most once. */
export interface JobCache {
  /** The cached text for this question, or undefined (no text, no fingerprint, or the storage could not be read). */
  lookup(lang: string, entries: readonly EntryContext[] | undefined): Promise<{ text: string; provider: string } | undefined>;
  /** Keeps the provider's answer to this question. */
  keep(lang: string, entries: readonly EntryContext[] | undefined, text: string): Promise<void>;
  /** The job is over, answered or not: jobs waiting for its questions go on (call it in a `finally`). */
  release(): void;
}

export interface JobCacheInput {
  file: StoredFile;
  imageSource: ImageSource;
  fingerprints: FingerprintStore;
  texts: CachedTexts;
  provider: string;
  /** `settingsDigest` of the provider and settings this job asks with. */
  settings: string;
  /** A person asked the provider again (Regenerate, a forced run): answered by the provider, and its answer kept. */
  bypass: boolean;
  /** Why the fingerprint could not be had (it never fails the job: the provider is asked instead). */
  onUnreadable?: (error: unknown) => void;
  /** A text was answered from the cache instead of a call (the spending report counts it, free). */
  onHit?: (provider: string) => Promise<void>;
}

export const createJobCache = (input: JobCacheInput): JobCache => {
  let fingerprint: Promise<string | undefined> | undefined;
  const fingerprintOnce = () =>
    (fingerprint ??= input.fingerprints.of(input.file, input.imageSource).then(
      (found) => found?.value,
      (error: unknown) => {
        input.onUnreadable?.(error);
        return undefined;
      }
    ));
  const keyOf = async (lang: string, entries: readonly EntryContext[] | undefined) => {
    const value = await fingerprintOnce();
    return value ? { fingerprint: value, cacheKey: cacheKeyOf({ fingerprint: value, settings: input.settings, lang, context: contextDigest(entries) }) } : undefined;
  };

  const asked = new Map<string, Question>();
  const take = async (cacheKey: string) => {
    const hit = await input.texts.take(cacheKey);
    if (hit) await input.onHit?.(input.provider);
    return hit;
  };

  return {
    async lookup(lang, entries) {
      if (input.bypass) return undefined;
      const key = await keyOf(lang, entries);
      if (!key) return undefined;
      for (;;) {
        const hit = await take(key.cacheKey);
        if (hit) return hit;
        const question = ask(key.cacheKey);
        if (question) {
          asked.set(key.cacheKey, question);
          return undefined;
        }
        // Another job of this process is asking the same question now: its answer is worth the wait.
        await answeredElsewhere(key.cacheKey);
      }
    },
    async keep(lang, entries, text) {
      const key = await keyOf(lang, entries);
      if (!key) return;
      await input.texts.put({ ...key, settings: input.settings, lang: lang.toLowerCase(), provider: input.provider, text });
      asked.get(key.cacheKey)?.release();
      asked.delete(key.cacheKey);
    },
    release() {
      for (const question of asked.values()) question.release();
      asked.clear();
    },
  };
};
