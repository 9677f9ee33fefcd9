import { internalModel, required } from './define';

export const QUALITY_UID = 'plugin::auto-alt-text.quality';

/**
 * The quality checks' result for one image's alt text in one locale, and the text it was computed
 * for: a row whose text no longer equals the image's current text (changed outside the plugin, in
 * Strapi's Media Library) is stale and not shown. `textHash` finds identical texts with one indexed query.
 */
export const qualityModel = internalModel(QUALITY_UID, 'auto_alt_text_quality', {
  attributes: {
    fileId: required('integer'),
    locale: required('string'),
    text: { type: 'text' },
    /** sha1 of the text, lower-cased with its spaces collapsed: what "identical" means for DUPLICATE. */
    textHash: required('string'),
    /** QualityFlag[] (shared/contracts/quality.ts). */
    flags: { type: 'json' },
    /** flags.length, so SQL can filter flagged texts without reading JSON. */
    flagCount: required('integer'),
    checkedAt: { type: 'datetime' },
  },
  indexes: [
    { name: 'auto_alt_text_quality_file_locale_uq', columns: ['file_id', 'locale'], type: 'unique' },
    { name: 'auto_alt_text_quality_locale_hash_idx', columns: ['locale', 'text_hash'], type: null },
  ],
});
