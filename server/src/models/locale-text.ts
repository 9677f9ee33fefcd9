import { columns, internalModel, required } from './define';

export const LOCALE_TEXT_UID = 'plugin::auto-alt-text.locale-text';

/**
 * An image's alt text in a locale other than the default (whose text is the file's own
 * `alternativeText`, with its provenance): one row per file and locale, with where it came from.
 */
export const localeTextModel = internalModel(LOCALE_TEXT_UID, 'auto_alt_text_locale_texts', {
  attributes: {
    fileId: required('integer'),
    locale: required('string'),
    text: { type: 'text' },
    /** generated | human | imported: only the plugin's own text may be replaced without an overwrite. */
    source: required('string'),
    ...columns('string', 'provider', 'strategy'),
    /** Written by the fallback provider (config `fallback`). */
    fallback: { type: 'boolean' },
    jobId: { type: 'integer' },
    /** The entry whose context shaped a generated text ({ uid, documentId, typeName, title }). */
    context: { type: 'json' },
  },
  indexes: [{ name: 'auto_alt_text_locale_texts_file_locale_uq', columns: ['file_id', 'locale'], type: 'unique' }],
});
