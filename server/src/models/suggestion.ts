import { columns, internalModel, required } from './define';

export const SUGGESTION_UID = 'plugin::auto-alt-text.suggestion';

/**
 * Generated alt text held for an editor's review (config `review`): one row per file and locale, a
 * newer suggestion replacing the older. Until it is approved the image's alt text is untouched.
 */
export const suggestionModel = internalModel(SUGGESTION_UID, 'auto_alt_text_suggestions', {
  attributes: {
    fileId: required('integer'),
    locale: required('string'),
    text: required('text'),
    ...columns('string', 'provider', 'lang', 'strategy'),
    /** Suggested by the fallback provider (config `fallback`). */
    fallback: { type: 'boolean' },
    jobId: { type: 'integer' },
    /** The entry whose context shaped the text ({ uid, documentId, typeName, title }). */
    context: { type: 'json' },
  },
  indexes: [{ name: 'auto_alt_text_suggestions_file_locale_uq', columns: ['file_id', 'locale'], type: 'unique' }],
});
