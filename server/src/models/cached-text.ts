import { columns, internalModel, required } from './define';

export const CACHED_TEXT_UID = 'plugin::auto-alt-text.cached-text';

/**
 * A text the provider wrote, kept by what produced it (issue 16): the same pixels asked the same
 * way again are answered from here, at no credit. `cacheKey` digests every part of the question
 * (fingerprint, provider, model, language, style, keywords, context, prompt version); `settings`
 * is the part that does not depend on the image's entries, so an estimate can tell which images
 * are likely free without resolving their context.
 */
export const cachedTextModel = internalModel(CACHED_TEXT_UID, 'auto_alt_text_cache', {
  attributes: {
    cacheKey: { type: 'string', column: { notNullable: true, unique: true } },
    fingerprint: required('string'),
    settings: required('string'),
    lang: required('string'),
    provider: required('string'),
    text: { type: 'text', column: { notNullable: true } },
    hits: { type: 'integer', default: 0 },
    ...columns('datetime', 'lastUsedAt'),
  },
  indexes: [{ name: 'auto_alt_text_cache_fingerprint_idx', columns: ['fingerprint', 'settings'], type: null }],
});
