/**
 * Never paying twice for the same pixels (issue 16): each file's content hash (`fingerprints.ts`)
 * and the texts the provider wrote, keyed by everything that shaped them (`keys.ts`, `texts.ts`).
 * A job asks through `job-cache.ts`; estimates read which images are likely free.
 */
export { createFingerprintStore, type FingerprintStore } from './fingerprints';
export { createCachedTexts, type CachedTexts } from './texts';
export { createJobCache, type JobCache } from './job-cache';
export { forgetCachedFile } from './forget';
export { askedHowOf, settingsDigest, contextDigest, cacheKeyOf, type AskedHow } from './keys';
